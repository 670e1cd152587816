"""Starting the trusted checker in a child process, and `run_check`: one `toynn check --json` per check.

Why a child: the checker runs pytest inside its own process, so checks cannot
share one process or run in threads of ours; a child also keeps every
learner's file far from this process (the checker adds its own sandboxed
grandchild for the learner's code). Children lead their own session, so a
terminal Ctrl-C reaches only us and we decide what to do with running children
(`toynn_tui.procs.stop`), and so a kill takes their whole group.

`run_check` is for watch, drill and the exercises screen (one check now and
then); `toynn grade` keeps long-lived checkers instead (`worker_client`).
Both wait at most a backstop for the answer, in case the checker itself hangs.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import toynn_tui
from toynn_tui.i18n import _
from toynn_tui.procs import stop
from toynn_tui.practice.verdict import Verdict, parse

# How long past the checker's own limit we wait before declaring the checker itself stuck.
BACKSTOP_MARGIN = 60.0
DEFAULT_BACKSTOP = 300.0


def check_command(exercise: str, path: Path, timeout: float | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "toynn_tui", "check", exercise, "--file", str(path), "--json"]
    if timeout is not None:
        cmd += ["--timeout", f"{timeout:g}"]
    return cmd


# The checker's launcher reads it (auto | bubblewrap | none): which wall the learner's process runs behind.
SANDBOX_VAR = "TOYNN_SANDBOX"


def child_env(sandbox: str | None = None) -> dict:
    """Our environment, with this very toynn_tui importable first (a checkout or an install).

    `sandbox` ("bubblewrap", "none"...) pins the checker's choice of wall: `toynn grade`
    requires the sandbox it checked for (no silent fallback) or, with --no-sandbox,
    none at all. None leaves the choice to our environment (auto by default).
    """
    env = dict(os.environ)
    root = str(Path(toynn_tui.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    if sandbox is not None:
        env[SANDBOX_VAR] = sandbox
    return env


def not_gradable(path: Path) -> str:
    """Why `path` is not handed to a checker, as a sentence; "" when it can be.

    A FIFO or a device could block the checker for ever or read a device; a
    name that is, or links to, anything but a .py file is one Python will not
    load as a module (the checker said only "'NoneType' object has no
    attribute 'loader'").
    """
    try:
        mode = os.stat(path).st_mode   # follows a link: what the checker would open
    except OSError as exc:
        return _("could not be checked: {reason}").format(reason=exc.strerror or exc)
    if not stat.S_ISREG(mode):
        return _("not a regular file (a FIFO, a device...): not graded")
    real = Path(os.path.realpath(path))
    if real.suffix not in (".py", ".ipynb"):   # a notebook's code cells are graded as Python (checker.notebook)
        if Path(path).suffix in (".py", ".ipynb"):
            return _("could not be checked: a link to {name}, not a .py file or a notebook "
                     "(only those are graded as Python)").format(name=real.name)
        return _("could not be checked: {name}, not a .py file or a notebook "
                 "(only those are graded as Python)").format(name=Path(path).name)
    return ""


def run_check(exercise: str, path: Path, timeout: float | None = None, *,
              on_start: Callable[[subprocess.Popen], None] | None = None,
              backstop: float | None = None, sandbox: str | None = None) -> Verdict:
    """Check one file in a child `toynn check --json`; never raises for anything the file does."""
    path = Path(path)
    why = not_gradable(path)
    if why:   # said here, in a sentence, before any child starts
        return Verdict(exercise, str(path), "error", why)
    backstop = backstop_for(timeout, backstop)
    t0 = time.monotonic()
    proc = subprocess.Popen(check_command(exercise, path, timeout), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(sandbox),
                            start_new_session=True)
    if on_start is not None:
        on_start(proc)
    try:
        out, err = proc.communicate(timeout=backstop)
    except subprocess.TimeoutExpired:
        stop([proc])
        proc.communicate()
        return no_answer(exercise, path, backstop, t0)
    except BaseException:  # Ctrl-C while waiting: do not leave the child running
        stop([proc])
        proc.wait()
        raise
    verdict = parse(exercise, path, proc.returncode, out, err)
    verdict.seconds = time.monotonic() - t0
    return verdict


def backstop_for(timeout: float | None, backstop: float | None) -> float:
    """How long to wait for a checker's answer before declaring the checker itself stuck."""
    if backstop is not None:
        return backstop
    return timeout + BACKSTOP_MARGIN if timeout is not None else DEFAULT_BACKSTOP


def no_answer(exercise: str, path: Path, backstop: float, t0: float) -> Verdict:
    return Verdict(exercise, str(path), "error",
                   _("the checker gave no answer within {seconds}s and was stopped").format(seconds=f"{backstop:g}"),
                   seconds=time.monotonic() - t0)
