"""The practice commands end to end, as a learner or a teacher runs them: `python -m toynn_tui ...`
in a child process, grading through the real `toynn check --json`."""
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from toynn_tui import ladder
from toynn_tui.checker import launch
from toynn_tui.practice import history, journal

REPO = Path(__file__).resolve().parents[2]
WRONG = REPO / "tests" / "checker" / "wrong"
SOLUTION2 = ladder.get("exercise2").solution.read_text()
TRAIN2 = "def train(X, y, iterations=10000, seed=1):\n"
assert TRAIN2 in SOLUTION2
# `toynn grade` refuses to run students' code without a sandbox unless told to
SANDBOX = [] if launch.status().ok else ["--no-sandbox"]


def toynn(*args, cwd, timeout=300):
    return subprocess.run([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def spawn(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read_until(proc, phrase, limit=120):
    """Lines of proc's stdout up to the first holding `phrase` (bounded by `limit` seconds)."""
    end, lines = time.monotonic() + limit, []
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if phrase in line:
            return lines
    proc.kill()
    raise AssertionError(f"never printed {phrase!r}: {''.join(lines)}")


def in_train(code):
    body = "".join(f"    {line}\n" for line in code.splitlines())
    return SOLUTION2.replace(TRAIN2, TRAIN2 + body, 1)


# -- learners ------------------------------------------------------------------
def test_start_archives_and_lists_attempts(tmp_path):
    first = toynn("start", "exercise2", cwd=tmp_path)
    assert first.returncode == 0 and "Fresh guided attempt: exercises/exercise2.py" in first.stdout
    mine = tmp_path / "exercises" / "exercise2.py"
    mine.write_text(mine.read_text() + "# my edits\n")
    second = toynn("start", "exercise2", "--level", "blank", cwd=tmp_path)
    assert "Kept your previous file as .toynn/attempts/exercise2/001-guided.py" in second.stdout
    assert "# my edits" in (tmp_path / ".toynn/attempts/exercise2/001-guided.py").read_text()
    assert "level blank" in mine.read_text().splitlines()[0]


def test_bad_names_get_a_usage_message_not_a_traceback(tmp_path):
    for args in (["start", "exercise99"], ["start", "exercise1", "--level", "hard"], ["drill", "nope"],
                 ["grade", str(tmp_path), "--exercise", "nope"],
                 ["grade", str(tmp_path), "--exercise", "exercise1", "--out", "book.txt"],
                 ["grade", str(tmp_path / "missing"), "--exercise", "exercise1"]):
        run = toynn(*args, cwd=tmp_path)
        assert run.returncode == 2 and "Error" in run.stderr and "Traceback" not in run.stderr, args
    run = toynn("grade", tmp_path, "--exercise", "nope", cwd=tmp_path)
    assert "Invalid value for --exercise" in run.stderr  # the option's name, not the other commands' EXERCISE


def test_watch_regrades_on_save(tmp_path):
    mine = tmp_path / "exercises" / "exercise1.py"
    mine.parent.mkdir()
    mine.write_text(ladder.get("exercise1").stub.read_text())
    proc = spawn("watch", "exercise1", "--interval", "0.1", "--max-checks", "2", cwd=tmp_path)
    first = "".join(read_until(proc, "checks pass"))
    assert "not written yet" in first and "0 of 3 checks pass" in first
    assert "likely mistake: not written yet" in first   # the diagnosis, read from the checker's toynn block
    mine.write_text(ladder.get("exercise1").solution.read_text())
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    second = out.split("── check 2", 1)[1]   # the re-check after the save, and only it
    assert "all 3 checks pass" in second and second.count("✓") == 3 and "✗" not in second
    assert "Green." in second and "Stopped after 2 checks" in second


def test_drill_to_green_is_recorded_and_shown_by_progress(tmp_path):
    proc = spawn("drill", "exercise1", "--level", "blank", "--interval", "0.1", cwd=tmp_path)
    read_until(proc, "Clock started")
    # save once the clock runs: written within its first milliseconds, the save was timed 0.0 s
    # (and before the drill's first look at the file it would never be graded)
    time.sleep(0.5)
    (tmp_path / "exercises" / "exercise1.py").write_text(ladder.get("exercise1").solution.read_text())
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + err
    assert "Green in" in out and "after 1 check (level blank)" in out
    rec = history.load(tmp_path)[-1]
    assert rec["green"] and rec["level"] == "blank" and rec["checks"] == 1 and rec["seconds"] > 0
    shown = toynn("progress", cwd=tmp_path).stdout
    assert "exercise1" in shown and f"personal best: {history.format_seconds(rec['seconds'])}" in shown
    assert "streak 1" in shown


def test_drill_time_up_records_a_miss_and_keeps_the_file(tmp_path):
    run = toynn("drill", "exercise2", "--minutes", "0.02", "--interval", "0.1", cwd=tmp_path)
    assert run.returncode == 1 and "Time is up" in run.stdout
    # no save was checked: said plainly, not as "last check 0 of 0"
    assert "before any check ran" in run.stdout and "0 of 0" not in run.stdout
    rec = history.load(tmp_path)[-1]
    assert not rec["green"] and rec["outcome"] == "time-up" and rec["checks"] == 0
    assert (tmp_path / "exercises" / "exercise2.py").exists()
    assert "personal best: none yet" in toynn("progress", cwd=tmp_path).stdout


def test_start_lists_each_archive_by_what_made_it(tmp_path):
    mine = tmp_path / "exercises" / "exercise2.py"
    mine.parent.mkdir()
    mine.write_text("# my own, before toynn\n")
    toynn("start", "exercise2", cwd=tmp_path)
    mine.write_text("# rewritten whole: the header line is gone\n")
    toynn("drill", "exercise2", "--level", "blank", "--minutes", "0.01", "--interval", "0.1", cwd=tmp_path)
    mine.write_text("# the drill's file, rewritten whole too\n")
    out = toynn("start", "exercise2", cwd=tmp_path).stdout
    listed = [ln.split(None, 1) for ln in out.splitlines() if ln.startswith("  .toynn/")]
    assert [(Path(p).name, what.split(", started")[0]) for p, what in listed] == [
        ("001-own.py", "your own file, from before toynn start"),
        ("002-guided.py", "toynn start, level guided"),
        ("003-blank.py", "drill, level blank"),
    ]


def test_a_killed_drill_is_recorded_as_stopped_and_its_check_ended(tmp_path):
    proc = spawn("drill", "exercise3", "--interval", "0.1", cwd=tmp_path)
    read_until(proc, "Clock started")
    time.sleep(0.5)
    # A save that hangs: the check is running when the drill is killed.
    (tmp_path / "exercises" / "exercise3.py").write_text("import time\ntime.sleep(600)\n")
    time.sleep(3)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)  # as `kill` does; a closed terminal sends SIGHUP, handled alike
    out, err = proc.communicate(timeout=60)
    assert time.monotonic() - t0 < 30  # the hanging check was stopped, not waited out
    assert proc.returncode == 1 and "Stopped after" in out and "Traceback" not in out + err
    rec = history.load(tmp_path)[-1]
    assert rec["outcome"] == "stopped" and not rec["green"]


# -- teachers ------------------------------------------------------------------
def make_class(root):
    """A class mixing correct, wrong, broken and hostile submissions (exercise 2)."""
    files = {
        "ada.py": SOLUTION2,
        "ben.py": (WRONG / "exercise2__slope-missing.py").read_text(),
        "cai.py": (WRONG / "exercise2__slope-missing.py").read_text(),
        "dee.py": (WRONG / "exercise2__wrong-sign.py").read_text(),
        "eve.py": (WRONG / "exercise2__transposed.py").read_text(),
        "fay.py": SOLUTION2.replace("def train(X, y,", "def train(X, y,,"),                # broken
        "gus.py": in_train("while True:\n    pass"),                                      # hangs
        "hal.py": in_train("import os, signal\nos.killpg(0, signal.SIGKILL)"),            # kills its group
        "ivy.py": SOLUTION2.replace("import numpy as np\n", "import numpy as np\n"
                                    "print('{\"version\": 3, \"status\": \"pass\", \"tests\": []}')\n"
                                    "import sys\nsys.exit(0)\n", 1),                      # fakes a pass
        "jon/exercises/exercise2.py": SOLUTION2,                                          # folder per student
        "kim/README.md": "forgot the code\n",                                             # nothing to grade
    }
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return sorted(n.split("/")[0].removesuffix(".py") for n in files)


def test_grade_a_mixed_class(tmp_path):
    subs = tmp_path / "subs"
    students = make_class(subs)
    books = [tmp_path / "out" / f"book.{ext}" for ext in ("csv", "json", "xml")]
    run = toynn("grade", subs, "--exercise", "exercise2", "--jobs", "2", "--timeout", "4", *SANDBOX,
                *[a for b in books for a in ("--out", b)], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(books[0].read_text()))}
    assert sorted(rows) == students
    assert {s for s, r in rows.items() if r["status"] == "pass"} == {"ada", "jon"}
    assert rows["fay"]["status"] == "error" and rows["kim"]["status"] == "error"
    for s in ("gus", "hal", "ivy"):
        assert rows[s]["status"] != "pass", s
    assert "slope" in rows["ben"]["diagnosis"].lower() and int(rows["ben"]["passed"]) < int(rows["ben"]["total"])
    # the wall each file ran behind, as the checker said; kim's nothing never ran
    assert {r["isolation"] for s, r in rows.items() if s != "kim"} == {"none" if SANDBOX else "bubblewrap"}
    assert "os" in rows["hal"]["flags"].split(", ") and "hal (" in run.stdout   # informs, changes no verdict
    n = len(students)
    assert f"2 of {n} pass" in run.stdout
    slope_title = next(d["title"] for d in json.loads(books[1].read_text())["summary"]["diagnoses"]
                       if d["id"] == "slope-missing")
    assert f"2 of {n}: {slope_title}" in run.stdout
    doc = json.loads(books[1].read_text())
    assert doc["complete"] and doc["graded"] == n
    root = ET.parse(books[2]).getroot()
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == students
    ada_checks = int(rows["ada"]["total"])
    assert len(suites["ada"].findall("testcase")) == ada_checks and suites["ada"].find(".//failure") is None
    assert suites["ben"].find(".//failure") is not None
    # fay's file does not parse: "error" in the CSV, <error>s (not failures) in the XML
    assert int(suites["fay"].get("errors")) > 0 and suites["fay"].get("failures") == "0"
    # gus's file loops: stopped at the time limit, and every gradebook and the summary say so
    assert "stopped after the time limit of 4 s" in rows["gus"]["message"]
    # gus is named there (on a loaded machine a slow classmate may be stopped at 4 s too, and listed first)
    stopped = next((ln for ln in run.stdout.splitlines() if ln.startswith("Stopped at the time limit: ")), "")
    assert "gus" in stopped.split(": ", 1)[-1].split(", "), run.stdout
    gus = next(s for s in doc["students"] if s["student"] == "gus")
    assert "time limit" in gus["ended"] and doc["summary"]["stopped_at_time_limit"] == ["gus"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_ctrl_c_leaves_a_valid_partial_gradebook(tmp_path, sig):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a_first.py").write_text(SOLUTION2)
    for i in range(5):
        (subs / f"hangs{i}.py").write_text(in_train("while True:\n    pass"))
    book = tmp_path / "book.json"
    proc = subprocess.Popen([sys.executable, "-m", "toynn_tui", "grade", str(subs), "--exercise", "exercise2",
                             "--jobs", "1", "--timeout", "60", "--out", str(book), *SANDBOX], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + 120
    while len(journal.load(journal.path_for(book), "exercise2")) < 1:   # the per-student record
        assert time.monotonic() < end and proc.poll() is None
        time.sleep(0.1)
    time.sleep(1.0)  # the next (hanging) submission is being checked now
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)  # far less than the 60 s the hanging file would cost
    assert proc.returncode == 130, err
    doc = json.loads(book.read_text())
    assert doc["interrupted"] and not doc["complete"]
    assert [s["student"] for s in doc["students"]] == ["a_first"] and doc["students"][0]["status"] == "pass"
    assert len(doc["not_graded"]) == 5
    assert "interrupted" in out and "Traceback" not in err
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(subs) not in ps  # no checker left running on a student's file
    # nor a student's file: the learner's process runs in the submissions folder (the checker's
    # workers have no student's path on their command line, so `ps` alone would not show it)
    left = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if Path(os.readlink(cwd)) == subs:
                left.append(cwd.parent.name)
        except OSError:
            pass
    assert not left, left
