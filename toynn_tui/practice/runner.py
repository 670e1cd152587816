"""Run one `toynn check EXERCISE --file PATH --json` child and read its verdict.

Why a child process per check: the checker runs pytest inside its own process,
so checks cannot share one process or run in threads of ours; a child per check
also keeps every learner's file far from this process (the checker adds its own
sandboxed grandchild for the learner's code). The child gets its own session,
so a terminal Ctrl-C reaches only us and we decide what to do with running
children (kill them: see `classroom`), and so a kill takes its whole group.
"""
from __future__ import annotations

import json
import os
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
    if backstop is None:
        backstop = timeout + BACKSTOP_MARGIN if timeout is not None else DEFAULT_BACKSTOP
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
        return Verdict(exercise, str(path), "error",
                       f"the checker gave no answer within {backstop:g}s and was stopped",
                       seconds=time.monotonic() - t0)
    except BaseException:  # Ctrl-C while waiting: do not leave the child running
        stop([proc])
        proc.wait()
        raise
    verdict = parse(exercise, path, proc.returncode, out, err)
    verdict.seconds = time.monotonic() - t0
    return verdict


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


def parse(exercise: str, path: Path, returncode: int, out: bytes, err: bytes) -> Verdict:
    """Turn the checker's JSON (Exercism v3 + a "toynn" block) into a Verdict."""
    text = out.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("status") not in ("pass", "fail", "error"):
        why = _last_line(err) or _last_line(out) or f"exit code {returncode}"
        if returncode < 0:
            why = f"the checker was killed by signal {-returncode}"
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
