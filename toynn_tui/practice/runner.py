"""Grade files through the trusted checker in child processes, and read its verdicts.

Why child processes: the checker runs pytest inside its own process, so checks
cannot share one process or run in threads of ours; a child also keeps every
learner's file far from this process (the checker adds its own sandboxed
grandchild for the learner's code). Children get their own session, so a
terminal Ctrl-C reaches only us and we decide what to do with running children
(stop them: see `stop` and `classroom`), and so a kill takes its whole group.

Two ways:
- `run_check`: one `toynn check EXERCISE --file PATH --json` child per check
  (watch, drill, the exercises screen: one check now and then);
- `Worker`: one long-lived `python -m toynn_tui.checker.worker` child that
  grades file after file (`toynn grade`), so Python's start-up, the imports and
  the checker's reference answers are paid once per worker, not per student.
  The learner's code still runs in a fresh sandboxed grandchild per file.
"""
from __future__ import annotations

import json
import secrets
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import toynn_tui

# How long past the checker's own limit we wait before declaring the checker itself stuck.
BACKSTOP_MARGIN = 60.0
DEFAULT_BACKSTOP = 300.0
# How long a checker asked to stop (SIGINT) gets to end the learner's process before SIGKILL.
STOP_GRACE = 3.0
# What a checker's answer may say; anything else is not an answer.
STATUSES = ("pass", "fail", "error")


@dataclass
class Verdict:
    """What one check said, in plain values (safe to keep, compare and write out)."""

    exercise: str
    file: str
    status: str                  # "pass" | "fail" | "error" (could not be graded)
    message: str = ""
    tests: list = field(default_factory=list)      # dicts: name, status, message, hint, diagnosis
    diagnoses: list = field(default_factory=list)  # mistake ids the checker named
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(1 for t in self.tests if t.get("status") == "pass")

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def summary(self) -> str:
        """The count line the learner reads: "all 6 checks pass", "2 of 6 checks pass"."""
        if self.status == "pass":
            return "the check passes" if self.total == 1 else f"all {self.total} checks pass"
        return f"{self.passed} of {self.total} checks pass"

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(passed=self.passed, total=self.total)
        return d


def check_command(exercise: str, path: Path, timeout: float | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "toynn_tui", "check", exercise, "--file", str(path), "--json"]
    if timeout is not None:
        cmd += ["--timeout", f"{timeout:g}"]
    return cmd


def child_env() -> dict:
    """Our environment, with this very toynn_tui importable first (a checkout or an install)."""
    env = dict(os.environ)
    root = str(Path(toynn_tui.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def run_check(exercise: str, path: Path, timeout: float | None = None, *,
              on_start: Callable[[subprocess.Popen], None] | None = None,
              backstop: float | None = None) -> Verdict:
    """Check one file in a child `toynn check --json`; never raises for anything the file does."""
    path = Path(path)
    backstop = _backstop(timeout, backstop)
    t0 = time.monotonic()
    proc = subprocess.Popen(check_command(exercise, path, timeout), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(),
                            start_new_session=True)
    if on_start is not None:
        on_start(proc)
    try:
        out, err = proc.communicate(timeout=backstop)
    except subprocess.TimeoutExpired:
        stop([proc])
        proc.communicate()
        return _no_answer(exercise, path, backstop, t0)
    except BaseException:  # Ctrl-C while waiting: do not leave the child running
        stop([proc])
        proc.wait()
        raise
    verdict = parse(exercise, path, proc.returncode, out, err)
    verdict.seconds = time.monotonic() - t0
    return verdict


def _backstop(timeout: float | None, backstop: float | None) -> float:
    """How long to wait for a checker's answer before declaring the checker itself stuck."""
    if backstop is not None:
        return backstop
    return timeout + BACKSTOP_MARGIN if timeout is not None else DEFAULT_BACKSTOP


def _no_answer(exercise: str, path: Path, backstop: float, t0: float) -> Verdict:
    return Verdict(exercise, str(path), "error", f"the checker gave no answer within {backstop:g}s and was stopped",
                   seconds=time.monotonic() - t0)


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
    pid may be reused: never signal it then).
    """

    def __init__(self, on_start: Callable[[subprocess.Popen], None] | None = None,
                 on_end: Callable[[subprocess.Popen], None] | None = None) -> None:
        self.proc: subprocess.Popen | None = None
        self.started = 0              # processes started so far (1 unless some died or were stopped)
        self._on_start, self._on_end = on_start, on_end
        self._out = b""
        self._err = b""

    def check(self, exercise: str, path: Path, timeout: float | None = None, *,
              backstop: float | None = None) -> Verdict:
        """Grade one file; never raises for anything the file does (Ctrl-C stops the worker and goes through)."""
        path = Path(path)
        backstop = _backstop(timeout, backstop)
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
            return _no_answer(exercise, path, backstop, t0)
        if line == b"":    # end of its output: the worker died while grading this file
            err = self._drain_err(time.monotonic() + 1.0)
            code = self._retire()
            if code is not None and code < 0:
                why = f"the checker's process was killed (signal {-code}) while grading this file"
            else:
                why = f"the checker's process ended (exit code {code}) while grading this file"
                last = _last_line(err)
                why += f": {last}" if last else ""
            return Verdict(exercise, str(path), "error", f"could not be checked: {why}",
                           seconds=time.monotonic() - t0)
        data = _claimed(line, rid)
        if data is None:   # a line without this request's id: written by something else
            self._retire()
            return Verdict(exercise, str(path), "error",
                           "could not be checked: something other than the checker wrote into its answers "
                           "while this file was graded", seconds=time.monotonic() - t0)
        verdict = _verdict(exercise, path, data, None, line, self._err)   # None: the id vouches for it
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
                                stderr=subprocess.PIPE, env=child_env(), start_new_session=True)
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


def stop(procs, grace: float = STOP_GRACE) -> None:
    """Stop checker children and the learners' processes they started.

    A checker runs the learner's file in a grandchild that leads a session of
    its own, so killing the checker's group does not reach it: the grandchild
    would live on (an endless loop until its CPU limit, a sleeping one for
    ever) and the checker's temporary folder would stay. So each checker first
    gets SIGINT, which it answers by killing its grandchild and cleaning up;
    whatever still runs after `grace` seconds is killed with its group.
    """
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


def kill(proc: subprocess.Popen) -> None:
    """Kill the child and everything in its process group (not the learner's process: see `stop`)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def parse(exercise: str, path: Path, returncode: int | None, out: bytes, err: bytes) -> Verdict:
    """Turn the checker's JSON (Exercism v3 + a "toynn" block) into a Verdict.

    `returncode` is the `toynn check` process's exit code, checked against the
    status it printed; None for a worker's answer (its request id vouches for it).
    """
    text = out.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    return _verdict(exercise, path, data, returncode, out, err)


def _verdict(exercise: str, path: Path, data, returncode: int | None, out: bytes, err: bytes) -> Verdict:
    """`parse` once the JSON is read (`data`: whatever it held)."""
    if not isinstance(data, dict) or data.get("status") not in STATUSES:
        why = _last_line(err) or _last_line(out) or f"exit code {returncode}"
        if returncode is not None and returncode < 0:
            why = f"the checker was killed by signal {-returncode}"
        return Verdict(exercise, str(path), "error", f"could not be checked: {why}")
    if returncode is not None and returncode != (0 if data["status"] == "pass" else 1):
        # `toynn check` exits 0 exactly when it prints a pass. Anything else means the JSON is
        # not (only) the checker's: e.g. a learner's process wrote it into the checker's
        # stdout and killed the checker before it could answer.
        why = (f"the checker was killed by signal {-returncode}" if returncode < 0
               else f"the checker's answer and its exit code {returncode} disagree")
        return Verdict(exercise, str(path), "error", f"could not be checked: {why}")
    tests = [t for t in data.get("tests") or [] if isinstance(t, dict)]
    extra = data.get("toynn") if isinstance(data.get("toynn"), dict) else {}
    diagnoses = extra.get("diagnoses")
    if not isinstance(diagnoses, list):
        diagnoses = [t["diagnosis"] for t in tests if t.get("diagnosis")]
    diagnoses = list(dict.fromkeys(str(d) for d in diagnoses if d))  # unique, in order
    message = data.get("message") or next(
        (t.get("message") for t in tests if t.get("status") != "pass" and t.get("message")), "") or ""
    return Verdict(exercise, str(path), data["status"], str(message), tests, diagnoses)


def _last_line(raw: bytes) -> str:
    lines = [ln.strip() for ln in raw.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""
