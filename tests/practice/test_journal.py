"""The grading journal: one fsynced line per graded student, so an interrupted `toynn grade` can --resume.

The gradebooks are whole documents written at the start and the end of a run
(and on Ctrl-C); the journal is what survives a kill -9 of the grader itself,
and it lets the next run take those students as graded instead of running
their code again, and rebuild the gradebooks.
"""
import csv
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from toynn_tui.checker import launch
from toynn_tui.practice import journal
from toynn_tui.practice.gradebook import Entry
from toynn_tui.practice.verdict import Verdict


def entry(student, status="fail", **kw):
    return Entry(student, Verdict("exercise2", f"{student}.py", status, "why",
                                  [{"name": "t", "status": status}], ["slope-missing"], 1.5, **kw))


def test_entries_come_back_as_they_were_written(tmp_path):
    path = journal.path_for(tmp_path / "g.csv")
    assert path == tmp_path / "g.csv.journal"
    j = journal.Journal(path, "exercise2")
    written = [entry("ann", "pass", isolation="bubblewrap", flags=["os"]), entry("bea")]
    for e in written:
        j.add(e)
    j.close()
    assert journal.load(path, "exercise2") == written


def test_torn_lines_junk_and_other_exercises_are_left_out(tmp_path):
    path = tmp_path / "g.csv.journal"
    j = journal.Journal(path, "exercise2")
    j.add(entry("ann"))
    j.close()
    with open(path, "a") as f:
        f.write('[1, 2]\n{"v": 1, "exercise": "exercise1", "student": "bea", "verdict": {}}\n')
        f.write('{"v": 1, "exercise": "exercise2", "student": "cid", "verdict": {"status": "maybe"}}\n')
        f.write('{"v": 1, "exercise": "exercise2", "student": "dot", "verd')
    assert [e.student for e in journal.load(path, "exercise2")] == ["ann"]
    assert journal.load(tmp_path / "missing.journal", "exercise2") == []


def test_a_resumed_journal_keeps_its_entries_and_the_torn_line_swallows_nothing(tmp_path):
    path = tmp_path / "g.csv.journal"
    j = journal.Journal(path, "exercise2")
    j.add(entry("ann"))
    j.close()
    with open(path, "a") as f:
        f.write('{"v": 1, "exercise": "exercise2", "stud')   # kill -9 mid-line
    kept = journal.load(path, "exercise2")
    j = journal.Journal(path, "exercise2", kept)
    j.add(entry("bea"))
    j.close()
    assert [e.student for e in journal.load(path, "exercise2")] == ["ann", "bea"]


# -- kill -9 of a real `toynn grade` ------------------------------------------------------
SLEEPS = "import time\ntime.sleep(60)\n"


def ours(mark):
    """Pids of processes started under this test's marker (the grader's orphaned workers, after kill -9)."""
    pids = []
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"TOYNN_TEST_MARK={mark}".encode() in env.read_bytes().split(b"\0"):
                pids.append(int(env.parent.name))
        except (OSError, ValueError):
            pass
    return pids


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to clean up")
def test_kill_9_of_the_grader_leaves_every_finished_row_in_the_journal_and_resume_completes_it(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    students = [f"s{i}" for i in range(5)]
    for s in students:   # two quick rows, then a check that would take its whole time limit
        (subs / f"{s}.py").write_text("x = 1\n" if s in ("s0", "s1") else SLEEPS)
    out = tmp_path / "g.csv"
    mark = uuid.uuid4().hex
    env = {**os.environ, "TOYNN_TEST_MARK": mark}
    args = [sys.executable, "-m", "toynn_tui", "grade", str(subs), "-e", "exercise2", "-j", "1",
            "--timeout", "30", "-o", str(out)] + ([] if launch.status().ok else ["--no-sandbox"])
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        end = time.monotonic() + 120
        while len(journal.load(journal.path_for(out), "exercise2")) < 2:
            assert time.monotonic() < end and proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        end = time.monotonic() + 5   # its workers see they are orphans and stop their check at once
        while ours(mark) and time.monotonic() < end:
            time.sleep(0.1)
        assert ours(mark) == [], "the grader's workers outlived it"
        # the gradebook on disk is this run's, written at its start (valid, holding no one yet);
        # every finished student is in the journal
        on_disk = {r["student"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
        journalled = {e.student: e for e in journal.load(journal.path_for(out), "exercise2")}
        assert on_disk == {} and len(journalled) >= 2 and set(journalled) <= set(students)
        assert all(e.verdict.status != "pass" for e in journalled.values())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in ours(mark):   # only when the test failed above
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    args[args.index("30")] = "1"
    run = subprocess.run(args + ["--resume"], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    final = {r["student"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
    assert sorted(final) == students
    assert f"{len(journalled)} from" in run.stderr                  # those were not graded again
    assert not journal.path_for(out).exists()
