"""LMS gradebooks: Canvas's and Moodle's import CSVs, GitHub Classroom's result, rosters and points.

The samples in data/ have the shape of each LMS's own export: Canvas's gradebook export (Student,
ID, SIS User ID, SIS Login ID, Section, "name (id)" assignment columns, the "Points Possible"
row, read-only totals) and Moodle's plain-text grade export. Each file toynn writes is read back
by a reader that follows the importer's documented rules (see `importers.py`), which refuse what
the real importers refuse.
"""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from toynn_tui import ladder
from toynn_tui.cli import main
from toynn_tui.practice import gradebook, lms, merge as merging, points, roster as rosters, shards
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.verdict import Verdict

from tests.practice.importers import DATA, ImportFailed, Report, canvas_import, classroom_report, moodle_import

CHECKS = ladder.get("exercise2").checks


def verdict(failing=()):
    tests = [{"name": n, "status": "fail" if i in failing else "pass", "message": ""} for i, n in enumerate(CHECKS)]
    return Verdict("exercise2", "x.py", "fail" if failing else "pass", "", tests, [])


def book(roster=None):
    b = Book("exercise2", roster=rosters.load(DATA / roster) if roster else None)
    # ada passes, cbabbage fails "the article's printed numbers" (weight 3 of 10), mallory is on no roster
    for name, failing in (("ada", ()), ("cbabbage", (2,)), ("mallory", (0,))):
        b.entries.append(Entry(name, verdict(failing)))
    b.submissions = len(b.entries)
    return b


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_weights_give_partial_credit_out_of_the_exercises_points():
    assert points.max_points("exercise2") == 10
    assert points.score("exercise2", verdict()) == 10
    assert points.score("exercise2", verdict((2,))) == 7     # weights 1,2,3,2,1,1: the 3 is lost
    assert points.score("exercise2", verdict((0,))) == 9
    assert points.score("exercise2", Verdict("exercise2", "x.py", "error", "SyntaxError", [], [])) == 0
    assert points.score("exercise3", Verdict("exercise3", "x.py", "fail", "", [
        {"name": n, "status": "pass" if i else "fail"} for i, n in enumerate(ladder.get("exercise3").checks)], [])) \
        == round(10 * (len(ladder.get("exercise3").checks) - 1) / len(ladder.get("exercise3").checks), 2)  # equal
    out = rows(gradebook.to_csv(book()))
    assert out[0][-2:] == ["score", "points"] and out[0][:4] == ["student", "status", "passed", "total"]
    assert {r[0]: r[-2] for r in out[1:]} == {"ada": "10", "cbabbage": "7", "mallory": "9"}
    doc = json.loads(gradebook.to_json(book()))
    assert [(s["student"], s["score"], s["points"]) for s in doc["students"]][1] == ("cbabbage", 7, 10)
    assert doc["students"][1]["tests"][2]["score"] == 0 and doc["students"][1]["tests"][1]["score"] == 2
    assert 'name="score" value="7"' in gradebook.to_junit(book())


def test_canvas_imports_the_grades_into_the_existing_assignment():
    export = (DATA / "canvas_export.csv").read_text()
    got = canvas_import(lms.to_canvas(book("canvas_export.csv")), export)
    assert got.new_assignments == []                      # "exercise2 (4821)": the export's own column
    assert got.grades == {("10231", "exercise2 (4821)"): 10.0, ("10232", "exercise2 (4821)"): 7.0}
    assert "10233" not in {who for who, _ in got.grades}  # Grace: no submission, her grade left as it was
    out = rows(lms.to_canvas(book("canvas_export.csv")))
    assert out[1][0] == "Points Possible" and out[1][5] == "10"
    assert out[2][:5] == ["Lovelace, Ada", "10231", "S0001", "ada", "Section A"]
    assert "mallory" not in {r[3] for r in out}           # no Canvas identity: in the summary instead


def test_canvas_without_a_roster_names_students_by_login_and_makes_the_assignment():
    export = (DATA / "canvas_export.csv").read_text()
    text = lms.to_canvas(book())
    assert [(r[0], r[3], r[5]) for r in rows(text)[2:]] == [("ada", "ada", "10"), ("cbabbage", "cbabbage", "7"),
                                                           ("mallory", "mallory", "9")]
    with pytest.raises(ImportFailed, match="mallory"):    # the reader refuses whom the course lacks
        canvas_import(text, export)


def test_moodle_imports_the_grades_matched_on_the_email_of_its_export():
    b = book("moodle_export.csv")
    b.entries.append(Entry("ghopper@example.edu", verdict((5,))))   # a folder named by the email
    text = lms.to_moodle(b)
    head = rows(text)[0]
    assert head == ["Email address", "First name", "Last name", "Assignment: exercise2 (Real)", "exercise2 (feedback)"]
    users = rows((DATA / "moodle_export.csv").read_text())
    got = moodle_import(text, users, map_from="Email address", grade_column=head[3], feedback_column=head[4])
    assert got.grades == {"ada@example.edu": 10.0, "cbabbage@example.edu": 7.0, "ghopper@example.edu": 9.0}
    assert got.feedback["cbabbage@example.edu"] == f"5 of 6 checks pass. not passed: {CHECKS[2]}"
    assert got.feedback["ada@example.edu"] == "all 6 checks pass"
    assert "Submissions matching no one on the roster (1): mallory" in "\n".join(gradebook.summary_lines(b))


def test_moodle_would_refuse_the_whole_file_for_one_unknown_student():
    # why a submission with no roster row is left out: Moodle aborts the import on it
    text = lms.to_moodle(book())
    assert rows(text)[0][0] == "username" and [r[0] for r in rows(text)[1:]] == ["ada", "cbabbage", "mallory"]
    with pytest.raises(ImportFailed, match="mallory"):
        moodle_import(text, [["username"], ["ada"], ["cbabbage"]], map_from="username", grade_column="exercise2")


def test_roster_loose_ends_are_listed_both_ways():
    b = book("canvas_export.csv")
    b.entries.append(Entry("S0001", verdict((1,))))   # Ada again, by her SIS id: one grade per person
    text = "\n".join(gradebook.summary_lines(b))
    assert "Submissions matching no one on the roster (1): mallory" in text
    assert "On the roster with no submission (1): Hopper, Grace" in text
    assert "already matched, not in the LMS file (1): S0001 (Lovelace, Ada)" in text
    assert "roster" not in "\n".join(gradebook.summary_lines(book()))   # none without a roster


def test_classroom_result_is_what_the_grading_reporter_posts():
    b = Book("exercise2", entries=[Entry("ada", verdict((2,)))], submissions=1)
    report = classroom_report({"toynn": lms.to_classroom(b)})
    assert report.points == "Points 7/10" and report.failed == "Some tests failed."
    assert [t["score"] for t in json.loads(lms.to_classroom(b))["tests"]] == [1, 2, 0, 2, 1, 1]
    passing = Book("exercise2", entries=[Entry("ada", verdict())], submissions=1)
    assert classroom_report({"toynn": lms.to_classroom(passing)}) == Report("Points 10/10", None)


def test_the_format_follows_the_name_and_merge_writes_the_same_lms_file(tmp_path):
    assert gradebook.format_of("grades.canvas.csv") == ".canvas.csv"
    assert gradebook.format_of("G.MOODLE.CSV") == ".moodle.csv"
    assert gradebook.format_of("grades.csv") == ".csv" and gradebook.format_of("x.txt") is None
    whole = book("canvas_export.csv")
    whole.run = shards.record(shards.Shard(1, 2), [e.student for e in whole.entries])
    parts = []
    for i in (1, 2):   # each shard's JSON, as `toynn grade --shard i/2` writes it
        part = Book("exercise2", entries=[e for e in whole.entries if shards.shard_of(e.student, 2) == i],
                    run=shards.record(shards.Shard(i, 2), [e.student for e in whole.entries]))
        part.submissions = len(part.entries)
        parts.append(tmp_path / f"part{i}.json")
        gradebook.write(part, parts[-1])
    merged = merging.merge(parts)
    merged.roster = whole.roster
    gradebook.write(merged, tmp_path / "merged.canvas.csv")
    gradebook.write(whole, tmp_path / "whole.canvas.csv")
    assert (tmp_path / "merged.canvas.csv").read_text() == (tmp_path / "whole.canvas.csv").read_text()


def test_grade_with_a_roster_writes_the_lms_file_and_lists_the_strays(tmp_path, standin, monkeypatch):
    from toynn_tui.checker import launch
    from types import SimpleNamespace
    monkeypatch.setattr(launch, "status", lambda: SimpleNamespace(ok=True, name="bubblewrap", why=""))
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, text in (("ada", "good"), ("cbabbage", "bad"), ("mallory", "good")):
        (subs / f"{name}.py").write_text(text)
    out = tmp_path / "g.canvas.csv"
    run = CliRunner().invoke(main, ["grade", str(subs), "-e", "exercise2", "--roster", str(DATA / "canvas_export.csv"),
                                    "-o", str(out)], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert "Submissions matching no one on the roster (1): mallory" in run.output
    assert "On the roster with no submission (1): Hopper, Grace" in run.output
    got = canvas_import(out.read_text(), (DATA / "canvas_export.csv").read_text())
    assert got.grades == {("10231", "exercise2 (4821)"): 10.0, ("10232", "exercise2 (4821)"): 0.0}


def test_a_roster_naming_no_one_is_refused_before_anyone_is_graded(tmp_path, standin):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ada.py").write_text("good")
    bad = tmp_path / "roster.csv"
    bad.write_bytes(b"\xff\xfe not,a\nroster")
    run = CliRunner().invoke(main, ["grade", str(subs), "-e", "exercise2", "--roster", str(bad),
                                    "-o", str(tmp_path / "g.canvas.csv")])
    assert run.exit_code == 2 and "--roster" in run.stderr and "Traceback" not in run.output
    assert "roster" in run.stderr and standin() == []
