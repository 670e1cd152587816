"""Finding submissions never leaves the submissions folder: links out are skipped and listed.

A link in a class folder can point at anything the teacher can read: the
shipped solution (graded as a student's work), the teacher's home (walked in
full), or itself (a loop). Only links whose target lies inside SUBMISSIONS
are followed, and never into a directory; a FIFO or device named like a
submission is not graded (opening one would block or read a device).
"""
import os

import pytest

from toynn_tui import ladder
from toynn_tui.practice import classroom

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symlinks and FIFOs (POSIX)")


def write(path, text="x = 1\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def outside(tmp_path):
    """A folder next to the submissions: the teacher's other files."""
    other = tmp_path / "teacher"
    write(other / "secret" / "exercise2.py", "good")
    for i in range(3):
        write(other / "big" / f"f{i}.py")
    return other


def test_links_leading_out_are_skipped_and_listed(tmp_path, outside):
    subs = tmp_path / "subs"
    write(subs / "alice.py")
    (subs / "solution.py").symlink_to(ladder.get("exercise2").solution)    # a file outside
    (subs / "home").symlink_to(outside / "big", target_is_directory=True)  # a folder outside
    (subs / "loop.py").symlink_to(subs / "loop.py")                         # a loop
    write(subs / "bob" / "notes.py")
    (subs / "bob" / "exercise2.py").symlink_to(outside / "secret" / "exercise2.py")  # inside a student's folder
    (subs / "bob" / "lib").symlink_to(outside / "big", target_is_directory=True)
    found, ignored, links = classroom.discover(subs, "exercise2")
    got = {s.student: s for s in found}
    assert sorted(got) == ["alice", "bob"]
    assert got["bob"].path == subs / "bob" / "notes.py"          # the link is not his file
    assert sorted(links) == ["bob/exercise2.py", "bob/lib", "home", "loop.py (broken link)", "solution.py"]
    assert ignored == []


def test_links_inside_the_folder_are_kept_but_linked_folders_never_walked(tmp_path):
    subs = tmp_path / "subs"
    write(subs / "alice" / "exercise2.py")
    (subs / "carol.py").symlink_to(subs / "alice" / "exercise2.py")       # inside: still a file to grade
    (subs / "dave").symlink_to(subs / "alice", target_is_directory=True)  # inside, but a folder: not walked
    write(subs / "erin" / "x.py")
    (subs / "erin" / "more").symlink_to(subs / "alice", target_is_directory=True)
    found, ignored, links = classroom.discover(subs, "exercise2")
    got = {s.student: s for s in found}
    assert sorted(got) == ["alice", "carol", "erin"]
    assert got["carol"].path == subs / "carol.py"
    assert got["erin"].path == subs / "erin" / "x.py"             # not alice's file, through the link
    assert links == [] and ignored == ["dave (link to a folder)"]


def test_the_submissions_folder_may_itself_be_a_link(tmp_path):
    real = tmp_path / "real"
    write(real / "alice.py")
    (tmp_path / "subs").symlink_to(real, target_is_directory=True)
    found, _, links = classroom.discover(tmp_path / "subs", "exercise2")
    assert [s.student for s in found] == ["alice"] and links == []


def test_a_fifo_named_like_a_submission_is_an_error_not_a_hang(tmp_path):
    subs = tmp_path / "subs"
    write(subs / "bob.py", "good")
    os.mkfifo(subs / "alice.py")
    found, _, _ = classroom.discover(subs, "exercise2")
    seen = []

    def check(exercise, path, timeout=None, on_start=None):
        seen.append(path.name)
        if path.name == "alice.py":   # reading the FIFO would block the test: say what it would have graded
            return classroom.Verdict(exercise, str(path), "pass")
        return classroom.Verdict(exercise, str(path), "pass" if "good" in path.read_text() else "fail")
    book = classroom.grade(found, "exercise2", check=check)
    got = {e.student: e.verdict for e in book.entries}
    assert got["alice"].status == "error" and "not a regular file" in got["alice"].message
    assert got["bob"].status == "pass" and seen == ["bob.py"]
