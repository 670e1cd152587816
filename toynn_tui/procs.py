"""Killing and stopping processes: the one place toynn does it.

Every process toynn starts for a check leads its own session (so a terminal's
Ctrl-C reaches only us, and a kill can take its whole group). Two ways to end
them:
- `kill_group(proc)`: SIGKILL to the process group, then reap (the learner's
  sandboxed process: with bubblewrap its pid namespace ends with it);
- `stop(procs, grace)`: SIGINT first, so a checker can end its own learner's
  process and clean up, then SIGKILL to whatever still runs after `grace`.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time

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
