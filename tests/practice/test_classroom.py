"""Grading a class with a stand-in checker: discovery, parallelism, isolation, Ctrl-C."""
import threading
import time

import pytest

from toynn_tui.practice import classroom
from toynn_tui.practice.runner import Verdict


def write(path, text="x = 1\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_discover_files_and_folders(tmp_path):
    write(tmp_path / "alice.py")
    write(tmp_path / "bob" / "exercises" / "exercise2.py")
    write(tmp_path / "bob" / "exercise2.py")          # the shallowest wins
    write(tmp_path / "carol" / "my_answer.py")         # one other .py: taken
    write(tmp_path / "dave" / "a.py"); write(tmp_path / "dave" / "b.py")  # ambiguous
    (tmp_path / "erin").mkdir()                         # empty
    write(tmp_path / "notes.txt")
    write(tmp_path / ".hidden.py")
    write(tmp_path / "__pycache__" / "x.py")
    subs, ignored, _ = classroom.discover(tmp_path, "exercise2")
    got = {s.student: s for s in subs}
    assert list(got) == ["alice", "bob", "carol", "dave", "erin"]
    assert got["bob"].path == tmp_path / "bob" / "exercise2.py"
    assert got["carol"].path.name == "my_answer.py"
    assert got["dave"].path is None and "2 other .py or .ipynb files" in got["dave"].problem
    assert got["erin"].path is None and "no .py or .ipynb file" in got["erin"].problem
    assert ignored == ["notes.txt"]


def test_same_name_as_file_and_folder_stay_two_students(tmp_path):
    write(tmp_path / "sam.py")
    write(tmp_path / "sam" / "exercise2.py")
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    assert len({s.student for s in subs}) == 2


def fake_check(results):
    """A checker stand-in: the verdict depends on the file's text."""
    def check(exercise, path, timeout=None, on_start=None):
        text = path.read_text()
        if "boom" in text:
            raise OSError("cannot start")
        if "slow" in text:
            time.sleep(0.3)
        status = "pass" if "good" in text else "fail"
        results.append(threading.current_thread().name)
        return Verdict(exercise, str(path), status, tests=[{"name": "t", "status": status}],
                       diagnoses=[] if status == "pass" else ["slope-missing"])
    return check


def test_one_broken_submission_never_stops_the_others(tmp_path):
    for name, text in (("a", "good"), ("b", "boom"), ("c", "bad"), ("d", "good")):
        write(tmp_path / f"{name}.py", text)
    write(tmp_path / "e" / "x.py"); write(tmp_path / "e" / "y.py")
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    book = classroom.grade(subs, "exercise2", jobs=2, check=fake_check([]))
    status = {e.student: e.verdict.status for e in book.entries}
    assert status == {"a": "pass", "b": "error", "c": "fail", "d": "pass", "e": "error"}
    assert book.complete
    assert "cannot start" in next(e for e in book.entries if e.student == "b").verdict.message


def test_jobs_run_side_by_side(tmp_path):
    for i in range(4):
        write(tmp_path / f"s{i}.py", "slow good")
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    threads = []
    book = classroom.grade(subs, "exercise2", jobs=2, check=fake_check(threads))
    assert len(book.entries) == 4 and len(set(threads)) == 2


def test_ctrl_c_returns_what_was_graded(tmp_path):
    for i in range(6):
        write(tmp_path / f"s{i}.py", "slow good")
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    seen = []

    def on_result(book, entry):
        seen.append(entry.student)
        if len(seen) == 2:
            raise KeyboardInterrupt  # what a Ctrl-C in the main thread looks like here
    with pytest.raises(classroom.Interrupted) as stop:
        classroom.grade(subs, "exercise2", jobs=1, on_result=on_result, check=fake_check([]))
    book = stop.value.book
    assert book.interrupted and not book.complete
    assert [e.student for e in book.entries] == seen
    assert set(book.not_graded) | set(seen) == {s.student for s in subs}
    assert not set(book.not_graded) & set(seen)
