"""Finding submissions never leaves the submissions folder: every link is skipped and listed.

A link in a class folder can point at anything the teacher can read: the
shipped solution (graded as a student's work), a classmate's file, the
teacher's home (walked in full), or itself (a loop). No link is graded or
walked; each is listed with where it leads. A hard link or a copy is graded
but flagged "same as" the classmate. A FIFO or device named like a
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
    assert sorted(links) == ["bob/exercise2.py (leads out)", "bob/lib (leads out)", "home (leads out)",
                             "loop.py (broken link)", "solution.py (leads out)"]
    assert ignored == []


def test_links_inside_the_folder_are_skipped_too_and_say_where_they_lead(tmp_path):
    subs = tmp_path / "subs"
    write(subs / "alice" / "exercise2.py")
    (subs / "carol.py").symlink_to(subs / "alice" / "exercise2.py")       # a classmate's file: not carol's
    (subs / "dave").symlink_to(subs / "alice", target_is_directory=True)  # a classmate's folder
    write(subs / "erin" / "x.py")
    (subs / "erin" / "more").symlink_to(subs / "alice", target_is_directory=True)
    (subs / "trudy").mkdir()
    (subs / "trudy" / "exercise2.py").symlink_to("../alice/exercise2.py")
    found, ignored, links = classroom.discover(subs, "exercise2")
    got = {s.student: s for s in found}
    assert sorted(got) == ["alice", "erin", "trudy"]
    assert got["erin"].path == subs / "erin" / "x.py"             # not alice's file, through the link
    assert got["trudy"].path is None and "trudy/exercise2.py (to alice/exercise2.py)" in got["trudy"].problem
    assert sorted(links) == ["carol.py (to alice/exercise2.py)", "dave (to alice/)", "erin/more (to alice/)",
                             "trudy/exercise2.py (to alice/exercise2.py)"]
    assert ignored == []


def test_hard_links_and_copies_are_graded_but_flagged_same_as_the_classmate(tmp_path):
    subs = tmp_path / "subs"
    write(subs / "bob.py", "good")
    os.link(subs / "bob.py", subs / "hank.py")
    write(subs / "cid" / "exercise2.py", "good")     # the same bytes, in a folder
    write(subs / "dot.py", "good\n")                 # not quite the same
    found, _, _ = classroom.discover(subs, "exercise2")
    book = classroom.grade(found, "exercise2",
                           check=lambda ex, path, timeout=None, on_start=None: classroom.Verdict(ex, str(path), "pass"))
    flags = {e.student: e.verdict.flags for e in book.entries}
    assert flags == {"bob": ["same as cid & hank"], "cid": ["same as bob & hank"], "hank": ["same as bob & cid"],
                     "dot": []}
    assert all(e.verdict.status == "pass" for e in book.entries)   # a flag informs; the verdict is the file's


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
