"""The commands find the workspace from any folder inside it, and say so outside one.

Once, from inside `exercises/`, `toynn check exercise1` looked for
`exercises/exercises/exercise1.py`; outside any workspace `toynn hint` made a
stray `.toynn/` and `toynn list` listed "missing" three times and exited 0.
Run as a learner runs them: `python -m toynn_tui ...` in a child process.
"""
import json
import os
import subprocess
import sys

import pytest

from toynn_tui import ladder
from toynn_tui.practice.workspace import find_workspace


def toynn(*args, cwd):
    return subprocess.run([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def ws(tmp_path):
    assert toynn("init", "ws", cwd=tmp_path).returncode == 0
    return tmp_path / "ws"


def test_find_workspace_walks_up_to_exercises_or_dot_toynn(tmp_path):
    (tmp_path / "a" / "exercises" / "deeper").mkdir(parents=True)
    (tmp_path / "b" / ".toynn").mkdir(parents=True)
    (tmp_path / "b" / "notes").mkdir()
    assert find_workspace(tmp_path / "a") == tmp_path / "a"
    assert find_workspace(tmp_path / "a" / "exercises" / "deeper") == tmp_path / "a"
    assert find_workspace(tmp_path / "b" / "notes") == tmp_path / "b"


def test_check_list_hint_and_start_work_from_inside_exercises(ws):
    inside = ws / "exercises"
    (inside / "exercise1.py").write_text(ladder.get("exercise1").solution.read_text())
    check = toynn("check", "exercise1", "--json", cwd=inside)
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["status"] == "pass"
    listed = toynn("list", cwd=inside)
    assert listed.returncode == 0 and "passing 3/3" in listed.stdout   # the verdict check kept, found again
    assert toynn("hint", "exercise1", cwd=inside).returncode == 0
    started = toynn("start", "exercise2", cwd=inside)
    assert started.returncode == 0 and "Fresh guided attempt: exercise2.py" in started.stdout
    assert "level guided" in (ws / "exercises" / "exercise2.py").read_text().splitlines()[0]
    progress = toynn("progress", cwd=inside)
    assert progress.returncode == 0
    # everything landed in the one workspace: nothing nested inside exercises/
    assert sorted(os.listdir(inside)) == sorted(ex.file for ex in ladder.load())
    assert (ws / ".toynn" / "hints.json").is_file() and (ws / ".toynn" / "checks.json").is_file()


@pytest.mark.parametrize("command", ["list", "hint"])
def test_outside_a_workspace_hint_and_list_say_so_and_make_nothing(tmp_path, command):
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    run = toynn(command, *(["exercise1"] if command == "hint" else []), cwd=nowhere)
    assert run.returncode == 2 and run.stdout == ""
    err = run.stderr.strip().splitlines()
    assert len(err) == 1 and "not in a toynn workspace" in err[0] and "toynn init" in err[0]
    assert os.listdir(nowhere) == []
