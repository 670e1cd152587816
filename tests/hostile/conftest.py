"""Helpers of the hostile corpus: files written as a hostile student would, run as a learner would.

Every attack here is real: it runs through `toynn check` / `toynn grade` in
child processes, against the sandbox `toynn_tui.checker.launch` picks. They
need bubblewrap; where it cannot start they skip with the reason, except in
CI (CI=true), where a missing sandbox is a failure: `.ci/run` installs it.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOLUTION = (REPO / "solutions" / "exercise3.py").read_text()
TRAIN = "def train(X, y, iterations=60000, seed=1):\n"
assert TRAIN in SOLUTION


def _sandbox_or_skip() -> None:
    try:
        from toynn_tui.checker import launch
    except ImportError:   # toynn from before the sandbox (run against it to see each attack succeed)
        return
    iso = launch.status()
    if iso.ok:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the hostile corpus in the sandbox, but {iso.why}")
    pytest.skip(f"needs the bubblewrap sandbox: {iso.why}")


@pytest.fixture(autouse=True)
def sandbox_required():
    _sandbox_or_skip()


def at_top(code: str, base: str = SOLUTION) -> str:
    return base.replace("import numpy as np\n", "import numpy as np\n" + code + "\n", 1)


def in_train(code: str, base: str = SOLUTION) -> str:
    body = "".join(f"    {line}\n" for line in code.splitlines())
    return base.replace(TRAIN, TRAIN + body, 1)


def toynn(*args: str, cwd: Path, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toynn_tui", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env)


def check_json(exercise: str, file: Path, timeout: float = 10) -> tuple[int, dict, float]:
    t0 = time.monotonic()
    proc = toynn("check", exercise, "--file", str(file), "--json", "--timeout", str(timeout), cwd=file.parent)
    took = time.monotonic() - t0
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), took


def said(data: dict) -> str:
    """Everything the verdict tells the learner, in one string."""
    return data["message"] + "\n" + "\n".join(t["message"] or "" for t in data["tests"])


def daemon(then: str) -> tuple[str, str]:
    """(code, nap): a double fork + setsid (PDEATHSIG is not inherited, setsid leaves the group) that
    leaves `sleep NAP` running and runs `then` (lines at 8 spaces) in a second escaped process."""
    nap = f"{1000 + random.random():.9f}"   # names the attacker's sleep among the machine's processes
    code = ("import os, time\n"
            "if os.fork() == 0:\n"
            "    os.setsid()\n"
            "    if os.fork() == 0:\n"
            f"        os.execv('/bin/sleep', ['sleep', '{nap}'])\n"
            "    if os.fork() == 0:\n"
            + "".join(f"        {line}\n" for line in then.splitlines()) +
            "    os._exit(0)\n")
    return code, nap


def processes_with(marker: str) -> list[int]:
    """Pids of live processes whose command line contains `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
            with open(f"/proc/{entry}/stat") as f:
                if f.read().split(")")[-1].split()[0] == "Z":
                    continue
        except OSError:
            continue
        if marker in cmd:
            found.append(int(entry))
    return found


@pytest.fixture(name="h")
def helpers():
    """This module's helpers (at_top, in_train, check_json, toynn, said, processes_with, REPO...)."""
    return sys.modules[__name__]
