"""Helpers for the checker's tests: run `toynn` as a learner would, in a child process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def toynn(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`toynn ARGS...` in `cwd` (the installed package's entry point, via python -m)."""
    return subprocess.run([sys.executable, "-m", "toynn_tui", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def check_json(exercise: str, file: Path, timeout: float | None = None) -> tuple[int, dict]:
    args = ["check", exercise, "--file", str(file), "--json"]
    if timeout is not None:
        args += ["--timeout", str(timeout)]
    proc = toynn(*args, cwd=file.parent)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(name="toynn")
def toynn_fixture():
    """`toynn ARGS...` in a folder, as a child process: toynn(*args, cwd=...)."""
    return toynn


@pytest.fixture(name="check_json")
def check_json_fixture():
    return check_json


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    proc = toynn("init", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return tmp_path
