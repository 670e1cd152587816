"""`Worker`: the client side of one long-lived trusted checker (`python -m toynn_tui.checker.worker`).

`toynn grade` keeps one per grading thread and sends it student after student,
so Python's start-up, the imports and the checker's reference answers are paid
once per worker, not per student; the learner's code still runs in a fresh
sandboxed grandchild per file (see `toynn_tui.checker.worker` for the protocol).

Every answer must carry the request's fresh random id: a line without it was
written by something else (a learner's process reaching the checker's pipes)
and is never taken for a verdict. A worker that dies, stays silent past the
backstop or answers off-protocol is stopped (`toynn_tui.procs.stop`) and replaced.
"""
from __future__ import annotations

import json
import os
import secrets
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from toynn_tui.procs import STOP_GRACE, stop
from toynn_tui.practice.spawn import backstop_for, child_env, no_answer
from toynn_tui.practice.verdict import STATUSES, Verdict, from_answer, last_line
from toynn_tui.i18n import _


def worker_command() -> list[str]:
    return [sys.executable, "-m", "toynn_tui.checker.worker"]


STDERR_KEPT = 4096   # bytes of a worker's stderr kept (per request) to say why it died


class Worker:
    """One long-lived trusted checker process; grades one file at a time, for one thread.

    `check()` sends a request and waits for its answer line, at most the
    backstop. When the worker dies meanwhile (the student's file killed it, the
    system ran out of memory...) or stays silent past the backstop, it is
    stopped like a `toynn check` child (`stop`: SIGINT first, so it ends the
    learner's process) and the student gets an "error" verdict; the next
    `check()` starts a fresh worker. `on_start(proc)` is called for every
    process started, `on_end(proc)` once that process is reaped (after which its
    pid may be reused: never signal it then). `sandbox` pins the checker's
    TOYNN_SANDBOX (`spawn.child_env`).
    """

    def __init__(self, on_start: Callable[[subprocess.Popen], None] | None = None,
                 on_end: Callable[[subprocess.Popen], None] | None = None, sandbox: str | None = None) -> None:
        self.proc: subprocess.Popen | None = None
        self.sandbox = sandbox        # TOYNN_SANDBOX for its processes (see spawn.child_env); None: ours
        self.started = 0              # processes started so far (1 unless some died or were stopped)
        self._on_start, self._on_end = on_start, on_end
        self._out = b""
        self._err = b""

    def check(self, exercise: str, path: Path, timeout: float | None = None, *,
              backstop: float | None = None) -> Verdict:
        """Grade one file; never raises for anything the file does (Ctrl-C stops the worker and goes through)."""
        path = Path(path)
        backstop = backstop_for(timeout, backstop)
        rid = secrets.token_hex(16)   # the answer must carry it: a forged line cannot (see checker.worker)
        request = (json.dumps({"exercise": exercise, "file": str(path), "timeout": timeout, "id": rid})
                   + "\n").encode()
        t0 = time.monotonic()
        try:
            if self.proc is not None and self.proc.poll() is not None:
                self._retire()   # died while idle: not this student's doing
            if self.proc is None:
                self._start()
            self._err = b""
            if not self._send(request):
                self._retire()   # the pipe was gone before the request got there: one fresh worker
                self._start()
                self._send(request)
            line = self._read_line(t0 + backstop)
        except BaseException:  # Ctrl-C while waiting: do not leave the worker (or its grandchild) running
            self._retire()
            raise
        if line is None:   # silent past the backstop
            self._retire()
            return no_answer(exercise, path, backstop, t0)
        if line == b"":    # end of its output: the worker died while grading this file
            err = self._drain_err(time.monotonic() + 1.0)
            code = self._retire()
            if code is not None and code < 0:
                why = _("the checker's process was killed (signal {n}) while grading this file").format(n=-code)
            else:
                why = _("the checker's process ended (exit code {code}) while grading this file").format(code=code)
                last = last_line(err)
                why += f": {last}" if last else ""
            return Verdict(exercise, str(path), "error", _("could not be checked: {why}").format(why=why),
                           seconds=time.monotonic() - t0)
        data = _claimed(line, rid)
        if data is None:   # a line without this request's id: written by something else
            self._retire()
            return Verdict(exercise, str(path), "error",
                           _("could not be checked: something other than the checker wrote into its answers "
                             "while this file was graded"), seconds=time.monotonic() - t0)
        verdict = from_answer(exercise, path, data, None, line, self._err)   # None: the id vouches for it
        if data.get("status") not in STATUSES:   # not an answer of the protocol: do not trust this worker further
            self._retire()
        verdict.seconds = time.monotonic() - t0
        return verdict

    def close(self, grace: float = STOP_GRACE) -> None:
        """End the worker: EOF on its stdin (it exits 0 when idle), `stop` if it does not within `grace`."""
        proc = self.proc
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        self._retire()

    def _start(self) -> None:
        proc = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=child_env(self.sandbox), start_new_session=True)
        self.proc, self._out, self._err = proc, b"", b""
        self.started += 1
        if self._on_start is not None:
            self._on_start(proc)

    def _send(self, request: bytes) -> bool:
        try:
            self.proc.stdin.write(request)
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, ValueError, OSError):
            return False

    def _read_line(self, deadline: float) -> bytes | None:
        """The next answer line; b"" when the worker's stdout ends, None at the deadline."""
        proc = self.proc
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ, "out")
            if proc.stderr is not None and not proc.stderr.closed:
                sel.register(proc.stderr, selectors.EVENT_READ, "err")
            while b"\n" not in self._out:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                for key, _ in sel.select(timeout=left):
                    chunk = os.read(key.fileobj.fileno(), 65536)
                    if key.data == "out":
                        if not chunk:
                            return b""
                        self._out += chunk
                    elif chunk:
                        self._err = (self._err + chunk)[-STDERR_KEPT:]
                    else:
                        sel.unregister(key.fileobj)
        line, self._out = self._out.split(b"\n", 1)
        return line

    def _drain_err(self, deadline: float) -> bytes:
        """The rest of a dying worker's stderr (its last words), read until EOF or `deadline`."""
        err = self.proc.stderr
        with selectors.DefaultSelector() as sel:
            sel.register(err, selectors.EVENT_READ)
            while (left := deadline - time.monotonic()) > 0:
                if not sel.select(timeout=left):
                    break
                chunk = os.read(err.fileno(), 65536)
                if not chunk:
                    break
                self._err = (self._err + chunk)[-STDERR_KEPT:]
        return self._err

    def _retire(self) -> int | None:
        """Stop (if need be) and reap the current process; its exit code."""
        proc, self.proc = self.proc, None
        self._out = self._err = b""
        if proc is None:
            return None
        try:
            stop([proc])
            proc.wait()
        finally:
            for f in (proc.stdin, proc.stdout, proc.stderr):
                try:
                    f.close()
                except OSError:
                    pass
            if self._on_end is not None:
                self._on_end(proc)
        return proc.returncode


def _claimed(line: bytes, rid: str) -> dict | None:
    """The answer, without its request id, when the id is this request's; else None."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.pop("request", None) != rid:
        return None
    return data


