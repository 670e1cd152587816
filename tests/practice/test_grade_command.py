"""`toynn grade` in-process, grading through the stand-in worker (conftest.py).

What the teacher sees and gets: the refusal without a sandbox, `--no-sandbox`
and how the gradebook records it, `--resume` from the journal, and a terminal
that no student's file name or message can reach with control characters.
"""
import csv
import io
import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from toynn_tui.checker import launch
from toynn_tui.cli import main
from toynn_tui.practice import journal
from toynn_tui.practice.gradebook import Entry
from toynn_tui.practice.verdict import Verdict


def grade(*args):
    return CliRunner().invoke(main, ["grade", *map(str, args)], catch_exceptions=False)


def rows(path):
    return {r["student"]: r for r in csv.DictReader(io.StringIO(path.read_text()))}


@pytest.fixture
def klass(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, text in (("ann", "good"), ("bea", "bad"), ("cid", "good\nimport os"), ("dot", "bad, in her own way")):
        (subs / f"{name}.py").write_text(text)
    return subs


def sandbox(monkeypatch, ok, name="bubblewrap", why=""):
    calls = []

    def status():
        calls.append(1)
        return SimpleNamespace(ok=ok, name=name if ok else "none", why=why)
    monkeypatch.setattr(launch, "status", status)
    return calls


# -- the sandbox -----------------------------------------------------------------------
def test_without_a_sandbox_grade_refuses_and_names_why(klass, tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=False, why="bubblewrap (bwrap) is not installed")
    run = grade(klass, "-e", "exercise2", "-o", tmp_path / "g.csv")
    assert run.exit_code == 2
    assert "bubblewrap (bwrap) is not installed" in run.stderr and "--no-sandbox" in run.stderr
    assert standin() == [] and not (tmp_path / "g.csv").exists()


def test_no_sandbox_runs_the_workers_without_it_and_the_gradebook_says_so(klass, tmp_path, standin, monkeypatch):
    asked = sandbox(monkeypatch, ok=False, why="no bwrap")
    run = grade(klass, "-e", "exercise2", "-j", "2", "--no-sandbox", "-o", tmp_path / "g.csv", "-o", tmp_path / "g.json")
    assert run.exit_code == 0, run.output
    got = rows(tmp_path / "g.csv")
    assert {r["isolation"] for r in got.values()} == {"none"}   # what the workers' TOYNN_SANDBOX said
    assert got["cid"]["flags"] == "os" and got["ann"]["flags"] == ""
    assert all(s["isolation"] == "none" for s in json.loads((tmp_path / "g.json").read_text())["students"])
    assert "not isolated: 4 submissions ran without the sandbox" in run.stdout.lower()
    assert "Integrity flags (1): cid (os)" in run.stdout
    assert "without the sandbox" in run.stderr and not asked


def test_with_a_sandbox_the_workers_are_told_to_require_it(klass, tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=True)
    run = grade(klass, "-e", "exercise2", "-o", tmp_path / "g.csv")
    assert run.exit_code == 0, run.output
    assert {r["isolation"] for r in rows(tmp_path / "g.csv").values()} == {"bubblewrap"}
    assert "isolated" not in run.stdout.lower()


# -- the journal and --resume ----------------------------------------------------------
def interrupted_run(out, students):
    """The journal an interrupted `grade -o out` leaves: `students` done, then a torn line."""
    j = journal.Journal(journal.path_for(out), "exercise2")
    for s in students:
        j.add(Entry(s, Verdict("exercise2", f"{s}.py", "fail", "from the journal",
                               [{"name": "t", "status": "fail"}], isolation="bubblewrap")))
    j.close()
    with open(journal.path_for(out), "a") as f:
        f.write('{"v": 1, "exercise": "exercise2", "student": "cid", "verd')


def test_resume_grades_only_who_is_not_in_the_journal(klass, tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=True)
    out = tmp_path / "g.csv"
    interrupted_run(out, ["ann", "bea"])
    run = grade(klass, "-e", "exercise2", "-o", out, "--resume")
    assert run.exit_code == 0, run.output
    assert sorted(p.rsplit("/", 1)[1] for p in standin()) == ["cid.py", "dot.py"]
    got = rows(out)
    assert sorted(got) == ["ann", "bea", "cid", "dot"]
    assert got["ann"]["message"] == "from the journal" and got["ann"]["status"] == "fail"   # not re-graded
    assert got["cid"]["status"] == "pass"
    assert "4 of 4" in run.stdout.replace("graded 4 of 4", "4 of 4")
    assert "2 from" in run.stderr and "journal" in run.stderr
    assert not journal.path_for(out).exists()   # a complete run needs no journal


def test_without_resume_an_old_journal_is_started_afresh_and_said(klass, tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=True)
    out = tmp_path / "g.csv"
    interrupted_run(out, ["ann", "bea"])
    run = grade(klass, "-e", "exercise2", "-o", out)
    assert run.exit_code == 0, run.output
    assert len(standin()) == 4 and rows(out)["ann"]["status"] == "pass"
    assert "journal" in run.stderr and "--resume" in run.stderr


def test_resume_takes_nothing_from_another_exercises_journal(klass, tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=True)
    out = tmp_path / "g.csv"
    interrupted_run(out, ["ann", "bea"])
    run = grade(klass, "-e", "exercise1", "-o", out, "--resume")
    assert run.exit_code == 0, run.output
    assert len(standin()) == 4


def test_resume_needs_a_gradebook(klass, standin, monkeypatch):
    sandbox(monkeypatch, ok=True)
    run = grade(klass, "-e", "exercise2", "--resume")
    assert run.exit_code == 2 and "--out" in run.stderr and standin() == []


# -- the terminal ------------------------------------------------------------------------
EVIL = "\x1b]0;pwned\x07"


def test_nothing_a_student_named_or_wrote_reaches_the_terminal_raw(tmp_path, standin, monkeypatch):
    sandbox(monkeypatch, ok=False, why=f"why {EVIL}")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / f"eve{EVIL}.py").write_text(f"crash {EVIL}\nimport os")
    (subs / f"notes{EVIL}.txt").write_text("x")
    (subs / f"link{EVIL}.py").symlink_to(tmp_path / "elsewhere.py")
    (subs / "mo").mkdir()   # no file: its error names nothing of theirs, but is printed
    refused = grade(subs, "-e", "exercise2")
    run = grade(subs, "-e", "exercise2", "--no-sandbox", "-o", tmp_path / "g.csv")
    (tmp_path / f"empty{EVIL}").mkdir()
    empty = grade(tmp_path / f"empty{EVIL}", "-e", "exercise2", "--no-sandbox")
    assert refused.exit_code == 2 and run.exit_code == 0 and empty.exit_code == 2
    for r in (refused, run, empty):
        assert "\x1b" not in r.output and "\x07" not in r.output, r.output
    assert "eve\\x1b]0;pwned\\x07: crash \\x1b]0;pwned\\x07" in run.stdout            # the error's message
    assert "Integrity flags (1): eve\\x1b]0;pwned\\x07 (os)" in run.stdout
    assert "notes\\x1b]0;pwned\\x07.txt" in run.stderr
    assert "link\\x1b]0;pwned\\x07.py (broken link)" in run.stderr and "Skipped (links" in run.stderr
    assert "why \\x1b]0;pwned\\x07" in refused.stderr and "empty\\x1b]0;pwned\\x07" in empty.stderr


# -- the progress bar ----------------------------------------------------------------------
class Terminal(io.StringIO):
    """A stderr that says it is a terminal, so click draws the bar as the teacher sees it."""

    def isatty(self):
        return True


def test_the_progress_bar_names_whom_it_is_grading(tmp_path, standin, monkeypatch):
    """A bar stuck at 1/2 says whom it waits for: the slow student's name is on it meanwhile."""
    sandbox(monkeypatch, ok=True)
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.py").write_text("good")
    (subs / "zoe_slow.py").write_text("sleep 1.5\ngood")
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    main(["grade", str(subs), "-e", "exercise2", "-j", "1"], standalone_mode=False)
    frames = terminal.getvalue().split("\r")
    waiting = [f for f in frames if "1/2" in f]
    assert waiting and any("zoe_slow" in f for f in waiting), frames
    assert not any("zoe_slow" in f for f in frames if "2/2" in f)   # done: no longer named


# -- the cost of the gradebook -------------------------------------------------------------
def test_the_gradebooks_are_written_once_not_after_every_student(tmp_path, standin, monkeypatch):
    """Rewriting every gradebook after every student costs the square of the class: the journal is
    the per-student record, the gradebooks are written at the start and the end only."""
    from toynn_tui.practice import gradebook
    sandbox(monkeypatch, ok=True)
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(12):
        (subs / f"s{i:02d}.py").write_text(f"good {i}")
    writes, real = [], gradebook.write
    monkeypatch.setattr(gradebook, "write", lambda book, out: (writes.append(len(book.entries)), real(book, out)))
    outs = [tmp_path / "g.csv", tmp_path / "g.json"]
    run = grade(subs, "-e", "exercise2", "-j", "2", *[a for o in outs for a in ("-o", o)])
    assert run.exit_code == 0, run.output
    assert len(writes) <= 2 * len(outs), writes        # not one per student
    assert len(rows(outs[0])) == 12 and json.loads(outs[1].read_text())["complete"] is True


def test_interrupted_the_gradebook_holds_every_journalled_student_and_says_so(klass, tmp_path, standin,
                                                                              monkeypatch):
    sandbox(monkeypatch, ok=True)
    out = tmp_path / "g.json"
    added, real = [], journal.Journal.add

    def add_then_ctrl_c(self, entry):
        real(self, entry)
        added.append(entry.student)
        if len(added) == 2:
            raise KeyboardInterrupt   # Ctrl-C (or kill: SIGTERM) right after the second student
    monkeypatch.setattr(journal.Journal, "add", add_then_ctrl_c)
    run = grade(klass, "-e", "exercise2", "-j", "1", "-o", out)
    assert run.exit_code == 130, run.output
    doc = json.loads(out.read_text())
    assert doc["interrupted"] is True and sorted(s["student"] for s in doc["students"]) == sorted(added)
    assert sorted(e.student for e in journal.load(journal.path_for(out), "exercise2")) == sorted(added)
    assert "--resume" in run.stderr
