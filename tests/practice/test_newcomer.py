"""What a newcomer runs in the first minutes: the commands inside toynn's own clone, `toynn init`
inside a workspace, `toynn list`'s columns and `toynn progress` outside a workspace.

Run as a learner runs them: `python -m toynn_tui ...` in a child process, read stdout, stderr
and the exit code.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toynn_tui import ladder

REPO = Path(__file__).resolve().parents[2]


def toynn(*args, cwd):
    return subprocess.run([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def clone(tmp_path):
    """A checkout of toynn as a newcomer has it: pyproject naming toynn, toynn_tui/, the stubs."""
    root = tmp_path / "toynn"
    (root / "toynn_tui").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "toynn"\nversion = "0.1.0"\n')
    shutil.copytree(REPO / "exercises", root / "exercises")
    (root / "docs").mkdir()
    return root


def snapshot(folder):
    return {p: p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


COMMANDS = [("list",), ("hint", "exercise1"), ("check", "exercise1"), ("progress",),
            ("watch", "exercise1", "--max-checks", "1"), ("start", "exercise1"),
            ("drill", "exercise1", "--max-checks", "1")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("where", ["", "docs", "exercises"])
def test_commands_inside_toynns_own_clone_say_it_is_not_a_workspace_and_touch_nothing(clone, command, where):
    before = snapshot(clone)
    run = toynn(*command, cwd=clone / where)
    assert run.returncode == 2, run.stdout + run.stderr
    err = run.stderr.strip().splitlines()
    assert len(err) == 1 and "toynn's own source tree, not a workspace" in err[0], run.stderr
    assert "toynn init my-drills" in err[0]
    assert snapshot(clone) == before and not (clone / ".toynn").exists()


def test_the_real_checkout_is_recognised_too():
    run = toynn("list", cwd=REPO)
    assert run.returncode == 2 and "toynn's own source tree" in run.stderr


def test_check_with_file_still_grades_from_inside_the_clone(clone):
    run = toynn("check", "exercise1", "--file", REPO / "solutions" / "exercise1.py", cwd=clone)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not (clone / ".toynn").exists()


def test_a_workspace_made_inside_the_clone_is_a_workspace(clone):
    made = toynn("init", "my-drills", cwd=clone)
    assert made.returncode == 0, made.stderr
    listed = toynn("list", cwd=clone / "my-drills")
    assert listed.returncode == 0 and "not started" in listed.stdout


def test_init_in_the_clone_itself_refuses(clone):
    before = snapshot(clone)
    run = toynn("init", cwd=clone)
    assert run.returncode == 2 and "toynn's own source tree" in run.stderr
    assert "toynn init my-drills" in run.stderr and snapshot(clone) == before


@pytest.mark.parametrize("inside", ["", "exercises"])
def test_init_inside_a_workspace_refuses_to_nest_one(tmp_path, inside):
    assert toynn("init", "ws", cwd=tmp_path).returncode == 0
    ws = tmp_path / "ws"
    run = toynn("init", "ws", cwd=ws / inside)
    assert run.returncode == 2 and run.stdout == ""
    err = run.stderr.strip().splitlines()
    assert len(err) == 1 and f"inside the workspace {ws}" in err[0] and "nest" in err[0]
    assert not (ws / inside / "ws").exists()


def test_init_again_in_the_workspace_itself_keeps_every_file(tmp_path):
    assert toynn("init", "ws", cwd=tmp_path).returncode == 0
    run = toynn("init", cwd=tmp_path / "ws")
    assert run.returncode == 0 and run.stdout.count("kept ") == len(ladder.load())


def test_list_columns_line_up_past_exercise_9(tmp_path):
    assert toynn("init", "ws", cwd=tmp_path).returncode == 0
    run = toynn("list", cwd=tmp_path / "ws")
    rows = [ln for ln in run.stdout.splitlines() if re.match(r"\d+\.", ln)]
    assert len(rows) == len(ladder.load()) >= 10
    for column in ("exercise", "not started"):
        assert len({ln.index(column) for ln in rows}) == 1, rows
    assert len({ln.index(ex.title) for ln, ex in zip(rows, ladder.load())}) == 1, rows


def test_progress_outside_a_workspace_exits_2_as_list_does(tmp_path):
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    progress, listed = toynn("progress", cwd=nowhere), toynn("list", cwd=nowhere)
    assert progress.returncode == listed.returncode == 2 and progress.stdout == ""
    assert progress.stderr == listed.stderr and len(progress.stderr.strip().splitlines()) == 1
    assert os.listdir(nowhere) == []


def in_a_terminal(args, cwd, columns):
    """Run `toynn ARGS` on a pseudo-terminal `columns` wide, as a learner's terminal; its output."""
    import fcntl
    import pty
    import struct
    import termios
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {**os.environ, "COLUMNS": "", "LINES": ""}
    env.pop("COLUMNS"), env.pop("LINES")
    proc = subprocess.Popen([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd, env=env,
                            stdin=child_fd, stdout=child_fd, stderr=child_fd)
    os.close(child_fd)
    out = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:   # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=300)
    os.close(main_fd)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.decode()).replace("\r\n", "\n")


def test_watch_at_120_columns_wraps_at_words_within_the_width(tmp_path):
    wrong = REPO / "tests" / "checker" / "wrong" / "exercise2__slope-missing.py"
    out = in_a_terminal(["watch", "exercise2", "--file", wrong, "--max-checks", "1"], tmp_path, 120)
    lines = out.splitlines()
    assert any("one update from your own starting parameters" in ln for ln in lines), out
    assert max(len(ln) for ln in lines) < 120, out
    assert not [ln for ln in lines if ln.strip() in (".", ")", ").")], out
    assert "went wrong" in out.replace("\n    ", " ")   # the message whole, wrapped at a space


def test_the_grade_bars_timer_is_named_elapsed():
    from toynn_tui.commands.grade import _now_grading
    assert _now_grading(["alice", "bob"], 72.4) == "elapsed 1:12  now: alice, bob"
    assert _now_grading([], 5) == "elapsed 0:05"
