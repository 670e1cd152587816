"""LMS gradebooks: Canvas's and Moodle's import CSVs, GitHub Classroom's result, rosters and points.

The samples in data/ are written from the importers' documentation in the shape of each LMS's
own export (Canvas: Student, ID, SIS User ID, SIS Login ID, Section, the assignment, a
"Points Possible" row; Moodle: its plain-text export's columns, matched on Email address).
"""
import base64
import csv
import io
import json
from pathlib import Path

from toynn_tui import ladder
from toynn_tui.practice import gradebook, lms, merge as merging, shards
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.verdict import Verdict

DATA = Path(__file__).parent / "data"
CHECKS = ladder.get("exercise2").checks


def verdict(failing=()):
    tests = [{"name": n, "status": "fail" if i in failing else "pass", "message": ""} for i, n in enumerate(CHECKS)]
    return Verdict("exercise2", "x.py", "fail" if failing else "pass", "", tests, [])


def book(roster=None):
    b = Book("exercise2", roster=roster)
    # ada passes, cbabbage fails "the article's printed numbers" (weight 3 of 10), mallory is on no roster
    for name, failing in (("ada", ()), ("cbabbage", (2,)), ("mallory", (0,))):
        b.entries.append(Entry(name, verdict(failing)))
    b.submissions = len(b.entries)
    return b


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_weights_give_partial_credit_out_of_the_exercises_points():
    assert lms.max_points("exercise2") == 10
    assert lms.score("exercise2", verdict()) == 10
    assert lms.score("exercise2", verdict((2,))) == 7     # weights 1,2,3,2,1,1: the 3 is lost
    assert lms.score("exercise2", verdict((0,))) == 9
    err = Verdict("exercise2", "x.py", "error", "SyntaxError", [], [])
    assert lms.score("exercise2", err) == 0
    out = rows(gradebook.to_csv(book()))
    assert out[0][-2:] == ["score", "points"] and out[0][:4] == ["student", "status", "passed", "total"]
    assert {r[0]: r[-2] for r in out[1:]} == {"ada": "10", "cbabbage": "7", "mallory": "9"}
    doc = json.loads(gradebook.to_json(book()))
    assert [(s["student"], s["score"], s["points"]) for s in doc["students"]][1] == ("cbabbage", 7, 10)
    assert doc["students"][1]["tests"][2]["score"] == 0 and doc["students"][1]["tests"][1]["score"] == 2
    assert 'name="score" value="7"' in gradebook.to_junit(book())


def test_canvas_gradebook_has_the_import_columns_the_points_row_and_the_roster_ids():
    out = rows(lms.to_canvas(book(DATA / "canvas_export.csv")))
    export = rows((DATA / "canvas_export.csv").read_text())
    assert out[0][:5] == export[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert out[0][5] == "exercise2"
    assert out[1][0] == "Points Possible" and out[1][5] == "10"
    by_login = {r[3]: r for r in out[2:]}
    assert by_login["ada"][:5] == ["Lovelace, Ada", "10231", "S0001", "ada", "Section A"]
    assert by_login["ada"][5] == "10" and by_login["cbabbage"][5] == "7"
    assert by_login["ghopper"][5] == ""          # on the roster, no submission: blank, never a 0
    assert "mallory" not in by_login              # no Canvas identity: listed in the summary instead


def test_roster_loose_ends_are_listed_both_ways():
    text = "\n".join(gradebook.summary_lines(book(DATA / "canvas_export.csv")))
    assert "Submissions matching no one on the roster (1): mallory" in text
    assert "On the roster with no submission (1): Hopper, Grace" in text
    assert "roster" not in "\n".join(gradebook.summary_lines(book()))   # none without a roster


def test_without_a_roster_the_student_is_the_submissions_name():
    out = rows(lms.to_canvas(book()))
    assert [(r[0], r[3], r[5]) for r in out[2:]] == [("ada", "ada", "10"), ("cbabbage", "cbabbage", "7"),
                                                      ("mallory", "mallory", "9")]
    moodle = rows(lms.to_moodle(book()))
    assert moodle[0][0] == "username" and [r[0] for r in moodle[1:]] == ["ada", "cbabbage", "mallory"]


def test_moodle_gradebook_is_matched_on_the_email_of_its_export():
    b = book(DATA / "moodle_export.csv")
    b.entries.append(Entry("ghopper@example.edu", verdict((5,))))   # a submission named by email
    out = rows(lms.to_moodle(b))
    assert out[0] == ["Email address", "First name", "Last name", "exercise2", "exercise2 (feedback)"]
    export_head = rows((DATA / "moodle_export.csv").read_text())[0]
    assert out[0][0] in export_head and out[0][1] in export_head   # Moodle's "Identify user by" maps it
    grades = {r[0]: r[3] for r in out[1:]}
    assert grades == {"ada@example.edu": "10", "cbabbage@example.edu": "7", "ghopper@example.edu": "9"}
    assert "Submissions matching no one on the roster (1): mallory" in "\n".join(gradebook.summary_lines(b))


def test_classroom_result_is_what_the_grading_reporter_decodes():
    b = Book("exercise2", entries=[Entry("ada", verdict((2,)))], submissions=1)
    doc = json.loads(lms.to_classroom(b))
    # the reporter reads base64(JSON) per runner: version, status, max_score, tests with a score each
    again = json.loads(base64.b64decode(base64.b64encode(json.dumps(doc).encode())))
    assert again["version"] == 1 and again["status"] == "fail" and again["max_score"] == 10
    assert [t["name"] for t in again["tests"]] == list(CHECKS)
    assert [t["score"] for t in again["tests"]] == [1, 2, 0, 2, 1, 1]
    assert {"name", "status", "score", "message", "line_no"} <= set(again["tests"][0])


def test_the_format_follows_the_name_and_merge_writes_the_same_lms_file(tmp_path):
    assert gradebook.format_of("grades.canvas.csv") == ".canvas.csv"
    assert gradebook.format_of("G.MOODLE.CSV") == ".moodle.csv"
    assert gradebook.format_of("grades.csv") == ".csv" and gradebook.format_of("x.txt") is None
    whole = book(DATA / "canvas_export.csv")
    whole.run = shards.record(shards.Shard(1, 2), [e.student for e in whole.entries])
    parts = []
    for i in (1, 2):   # each shard's JSON, as `toynn grade --shard i/2` writes it
        part = Book("exercise2", entries=[e for e in whole.entries if shards.shard_of(e.student, 2) == i],
                    run=shards.record(shards.Shard(i, 2), [e.student for e in whole.entries]))
        part.submissions = len(part.entries)
        parts.append(tmp_path / f"part{i}.json")
        gradebook.write(part, parts[-1])
    merged = merging.merge(parts)
    merged.roster = DATA / "canvas_export.csv"
    gradebook.write(merged, tmp_path / "merged.canvas.csv")
    gradebook.write(whole, tmp_path / "whole.canvas.csv")
    assert (tmp_path / "merged.canvas.csv").read_text() == (tmp_path / "whole.canvas.csv").read_text()
