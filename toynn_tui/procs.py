"""Killing and stopping processes: the one place toynn does it.

Every process toynn starts for a check leads its own session (so a terminal's
Ctrl-C reaches only us, and a kill can take its whole group). Two ways to end
them:
- `kill_group(proc)`: SIGKILL to the process group, then reap (the learner's
  sandboxed process: with bubblewrap its pid namespace ends with it);
- `stop(procs, grace)`: SIGINT first, so a checker can end its own learner's
  process and clean up, then SIGKILL to whatever still runs after `grace`.

`Tracker` keeps the live processes of one job (a class being graded, the
exercises screen's checks) so that all of them can be stopped at once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

STOP_GRACE = 3.0


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the process and everything in its process group (does not reap)."""
    if proc.poll() is not None:   # reaped: its pid (and group) may belong to someone else now
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the group, then reap the leader."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # the group may outlive its (reaped) leader
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def stop(procs, grace: float = STOP_GRACE) -> None:
    """SIGINT to each running process, SIGKILL (with its group) to those still running after `grace`."""
    procs = [p for p in procs if p.poll() is None]
    try:
        for p in procs:
            try:
                p.send_signal(signal.SIGINT)   # checks that p is not reaped: never a reused pid
            except OSError:
                pass
        deadline = time.monotonic() + grace
        for p in procs:
            try:
                p.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
    finally:  # even if a second Ctrl-C cuts the grace short
        for p in procs:
            if p.poll() is None:
                kill(p)


class Tracker:
    """The live processes of one job: `track`, `untrack`, `stop_all`; thread-safe.

    Leaving `with Tracker() as procs:` stops whatever is still tracked. Once
    stopping has begun, a process tracked after all (it started just as we
    were stopping) is killed at once, so none outlives the job.
    """

    def __init__(self, grace: float = STOP_GRACE) -> None:
        self.grace = grace
        self._live: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    @property
    def stopping(self) -> bool:
        """Has `stop_all` begun (then nothing new should start)?"""
        return self._stopping.is_set()

    def track(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._live.add(proc)
            if self._stopping.is_set():   # started just as we were stopping
                kill(proc)

    def untrack(self, proc: subprocess.Popen) -> None:
        with self._lock:   # a reaped child's pid may be reused: never signal it later
            self._live.discard(proc)

    @contextmanager
    def tracking(self) -> Iterator[Callable[[subprocess.Popen], None]]:
        """An `on_start` for one call (e.g. one check): what it starts is tracked until the block ends."""
        mine: list[subprocess.Popen] = []

        def started(proc: subprocess.Popen) -> None:
            mine.append(proc)
            self.track(proc)
        try:
            yield started
        finally:
            for proc in mine:
                self.untrack(proc)

    def stop_all(self) -> None:
        """Stop every tracked process (`stop`: SIGINT, then SIGKILL after the grace); from now on
        a newly tracked one is killed at once."""
        self._stopping.set()
        with self._lock:
            running = list(self._live)
        stop(running, self.grace)   # each checker ends its learner's process too (a plain kill would orphan it)

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *exc) -> None:
        self.stop_all()
