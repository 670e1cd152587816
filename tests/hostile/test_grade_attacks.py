"""Hostile submissions against `toynn grade`: classmates, the gradebook and the grader stay out of reach.

Each run grades a small class - two honest students with the reference
solution and one attacker - exactly as a teacher would, and checks: the
grader finishes with a full gradebook, the honest students pass, their files
are untouched, the attacker does not pass, the gradebook is still the same a
few seconds after the grader exited, and nothing the attacker started lives on.
"""
from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path


HONEST = ("alice", "bob")


def grade_class(h, tmp_path: Path, attack: str) -> tuple[dict, Path, dict]:
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in HONEST:
        (subs / f"{name}.py").write_text(h.SOLUTION)
    (subs / "mallory.py").write_text(attack.replace("SUBS", repr(str(subs))).replace("BOOK", repr(str(tmp_path / "grades.csv"))))
    before = {p.name: p.read_bytes() for p in subs.iterdir()}
    proc = h.toynn("grade", str(subs), "--exercise", "exercise3", "--jobs", "2", "--timeout", "10",
                   "--out", str(tmp_path / "grades.csv"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    book = tmp_path / "grades.csv"
    rows = {r["student"]: r for r in csv.DictReader(book.open())}
    for name in HONEST:
        assert (subs / f"{name}.py").read_bytes() == before[f"{name}.py"], f"{name}'s file was changed"
        assert rows[name]["status"] == "pass", rows
    assert rows["mallory"]["status"] != "pass", rows
    return rows, book, before


def unchanged_after_exit(h, book: Path, seconds: float = 3.0, nap: str = "") -> None:
    text = book.read_bytes()
    time.sleep(seconds)
    assert book.read_bytes() == text, "the gradebook changed after the grader exited"
    if nap:
        assert h.processes_with(f"sleep {nap}") == [], "a process of the attacker is still running"


STUB = (Path(__file__).resolve().parents[2] / "exercises" / "exercise3.py").read_text()


def test_a_submission_cannot_run_a_classmates_file(tmp_path, h):
    attack = STUB + "import os\nexec(open(os.path.join(SUBS, 'alice.py')).read())\n"
    rows, book, _ = grade_class(h, tmp_path, attack)
    assert rows["mallory"]["status"] == "error" and "No such file" in rows["mallory"]["message"], rows
    unchanged_after_exit(h, book, 0)


def test_a_submission_cannot_overwrite_classmates(tmp_path, h):
    attack = h.at_top("import os\nfor _n in ('alice.py', 'bob.py'):\n    try:\n"
                      "        open(os.path.join(SUBS, _n), 'w').write('broken')\n    except OSError:\n        pass\n"
                      "raise SystemExit('done here')")
    rows, book, _ = grade_class(h, tmp_path, attack)
    unchanged_after_exit(h, book, 0)


def test_a_submission_cannot_kill_or_freeze_the_grader(tmp_path, h):
    attack = h.at_top(
        "import os, signal\n"
        "for _pid in os.listdir('/proc'):\n"
        "    if not _pid.isdigit() or int(_pid) == os.getpid():\n"
        "        continue\n"
        "    try:\n"
        "        _args = open(f'/proc/{_pid}/cmdline', 'rb').read().decode().split('\\0')\n"
        "        _cwd = os.readlink(f'/proc/{_pid}/cwd')\n"
        "    except OSError:\n"
        "        continue\n"
        "    if _cwd == os.path.dirname(SUBS) and any(a.startswith('toynn_tui') for a in _args):\n"
        "        os.kill(int(_pid), signal.SIGSTOP if 'grade' in _args else signal.SIGKILL)\n"
        "raise SystemExit('done here')")
    grade_class(h, tmp_path, attack)


def test_a_daemon_cannot_rewrite_the_gradebook_after_grade_exits(tmp_path, h):
    code, nap = h.daemon("for _ in range(40):\n"
                         "    time.sleep(0.1)\n"
                         "    try:\n"
                         "        open(BOOK, 'a').write('mallory,pass,6,6,,\\n')\n"
                         "    except OSError:\n"
                         "        pass")
    attack = h.at_top(code + "raise SystemExit('done here')")
    rows, book, _ = grade_class(h, tmp_path, attack)
    unchanged_after_exit(h, book, nap=nap)
    assert "mallory,pass" not in book.read_text()


# -- a classmate's work handed in as one's own -------------------------------------------
def grade_folder(h, tmp_path: Path, subs: Path, *extra: str):
    """`toynn grade` on `subs` into CSV, JSON and JUnit gradebooks; (process, CSV rows, JSON students, XML text)."""
    outs = [tmp_path / f"grades.{ext}" for ext in ("csv", "json", "xml")]
    proc = h.toynn("grade", str(subs), "--exercise", "exercise3", "--jobs", "2", "--timeout", "10",
                   *[a for out in outs for a in ("--out", str(out))], *extra, cwd=tmp_path)
    rows = {r["student"]: r for r in csv.DictReader(outs[0].open())} if outs[0].exists() else {}
    students = ({s["student"]: s for s in json.loads(outs[1].read_text())["students"]}
                if outs[1].exists() else {})
    return proc, rows, students, outs[2].read_text() if outs[2].exists() else ""


def test_a_link_to_a_classmates_file_is_never_graded_and_a_hard_link_is_flagged(tmp_path, h):
    subs = tmp_path / "subs"
    (subs / "trudy").mkdir(parents=True)
    (subs / "alice.py").write_text(h.SOLUTION)
    (subs / "bob.py").write_text("# bob's own\n" + h.SOLUTION)
    (subs / "mallory.py").symlink_to("alice.py")                  # alice's pass, by a link
    (subs / "trudy" / "exercise3.py").symlink_to("../alice.py")   # the same, in a folder
    os.link(subs / "bob.py", subs / "hank.py")                    # bob's file, under another name
    proc, rows, students, xml = grade_folder(h, tmp_path, subs)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "mallory" not in rows and "mallory" not in students and "mallory" not in xml
    assert rows["trudy"]["status"] == "error", rows                # nothing of her own to grade
    assert "mallory.py (to alice.py)" in proc.stderr and "trudy/exercise3.py (to alice.py)" in proc.stderr
    assert rows["alice"]["status"] == "pass" and rows["alice"]["flags"] == ""
    assert rows["hank"]["status"] == "pass" and rows["hank"]["flags"] == "same as bob", rows
    assert rows["bob"]["flags"] == "same as hank", rows
    assert students["hank"]["flags"] == ["same as bob"]
    assert '<property name="flags" value="same as bob" />' in xml
    assert "bob (same as hank); hank (same as bob)" in proc.stdout


# -- text no writer can encode as it is ------------------------------------------------
def test_a_lone_surrogate_or_a_name_that_is_not_utf8_never_stops_the_class(tmp_path, h):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice.py").write_text(h.SOLUTION)
    (subs / "sam.py").write_text(h.at_top("raise RuntimeError('\\udcff')"))
    with open(os.fsencode(subs) + b"/caf\xe9.py", "w") as f:   # a name whose bytes are not UTF-8
        f.write("# mine\n" + h.SOLUTION)
    proc, rows, students, xml = grade_folder(h, tmp_path, subs)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    assert rows["alice"]["status"] == "pass" and rows["caf\\xe9"]["status"] == "pass", rows
    assert rows["sam"]["status"] != "pass" and "\\xff" in rows["sam"]["message"], rows
    assert set(students) == {"alice", "sam", os.fsdecode(b"caf\xe9")}
    assert 'name="caf\\xe9"' in xml
    journal = tmp_path / "grades.csv.journal"   # an interrupted run of the same class, resumed
    journal.write_text("".join(json.dumps({"v": 1, "exercise": "exercise3", "student": s["student"],
                                           "verdict": {k: v for k, v in s.items() if k != "student"}}) + "\n"
                               for s in students.values() if s["student"] != "alice"))
    proc, rows, students, _ = grade_folder(h, tmp_path, subs, "--resume")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    assert "2 from" in proc.stderr and sorted(rows) == ["alice", "caf\\xe9", "sam"]
