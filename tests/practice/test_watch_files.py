"""What `toynn watch` (and the exercises screen, through the same functions) does with a file it cannot check.

A FIFO where the exercise file should be made `toynn watch` wait for ever,
silently: reading it blocks until someone writes. A file linked to a
non-.py file reached the checker, which said "'NoneType' object has no
attribute 'loader'". Both now get a sentence saying what is wrong. The
commands run in a child process: a hang fails the test instead of freezing it.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toynn_tui.practice import classroom, spawn

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks (POSIX)")
ROOT = Path(__file__).resolve().parents[2]


def toynn(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        return subprocess.run([sys.executable, "-m", "toynn_tui", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=30, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"toynn {' '.join(args)} blocked: {exc.stdout!r} {exc.stderr!r}")


def test_watch_refuses_a_fifo_with_a_clear_message(tmp_path):
    os.mkfifo(tmp_path / "exercise2.py")
    run = toynn("watch", "exercise2", "--file", "exercise2.py", "--max-checks", "1", cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "exercise2.py is not a regular file" in run.stderr and "Traceback" not in run.stderr


def test_the_screens_signature_of_a_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "exercise2.py")
    code = "from toynn_tui.practice.watch import signature; print(signature('exercise2.py') is not None)"
    try:
        run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                             timeout=30, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail("signature() blocked on a FIFO (the exercises screen polls it)")
    assert run.stdout.strip() == "True", run.stderr   # there is a file: the check says what is wrong with it


def test_a_check_of_a_fifo_says_what_it_is(tmp_path):
    os.mkfifo(tmp_path / "exercise2.py")
    v = spawn.run_check("exercise2", tmp_path / "exercise2.py", 10)
    assert v.status == "error" and "not a regular file" in v.message


def test_a_file_linked_to_a_non_py_file_gets_a_readable_reason(tmp_path):
    (tmp_path / "notes.txt").write_text("x = 1\n")
    (tmp_path / "exercise2.py").symlink_to("notes.txt")
    run = toynn("watch", "exercise2", "--file", "exercise2.py", "--max-checks", "1", cwd=tmp_path)
    said = run.stdout + run.stderr
    assert "loader" not in said and "NoneType" not in said, said
    assert "notes.txt, not a .py file" in said, said


def test_grading_a_submission_linked_to_a_non_py_file_says_why(tmp_path):
    (tmp_path / "notes.txt").write_text("x = 1\n")
    (tmp_path / "nina.py").symlink_to("notes.txt")
    called = []
    book = classroom.grade([classroom.Submission("nina", tmp_path / "nina.py")], "exercise2",
                           check=lambda *a, **k: called.append(a))
    v = book.entries[0].verdict
    assert v.status == "error" and "notes.txt, not a .py file" in v.message and called == []
