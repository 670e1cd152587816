"""Gradebook writers (CSV, JSON, JUnit XML) and the class summary, from plain verdicts."""
import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from toynn_tui.practice import gradebook
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.runner import Verdict

CHECKS = ["starting weights", "one update step", "the article's run"]


def verdict(status, diagnoses=(), failing=()):
    tests = [{"name": n, "status": "fail" if n in failing else "pass",
              "message": f"{n} is off" if n in failing else "",
              "diagnosis": diagnoses[0] if n in failing and diagnoses else None} for n in CHECKS]
    if status == "error":
        tests = []
    return Verdict("exercise2", "x.py", status, "SyntaxError: bad" if status == "error" else "",
                   tests, list(diagnoses), seconds=0.5)


def class_of(n_slope=3, n_sign=2, n_pass=4, n_error=1):
    book = Book("exercise2")
    i = 0
    for _ in range(n_pass):
        book.entries.append(Entry(f"s{i:02d}", verdict("pass"))); i += 1
    for _ in range(n_slope):
        book.entries.append(Entry(f"s{i:02d}", verdict("fail", ["slope-missing"], CHECKS[1:]))); i += 1
    for _ in range(n_sign):
        book.entries.append(Entry(f"s{i:02d}", verdict("fail", ["wrong-sign", "slope-missing"], CHECKS[1:]))); i += 1
    for _ in range(n_error):
        book.entries.append(Entry(f"s{i:02d}", verdict("error"))); i += 1
    book.submissions = i
    return book


def test_summary_counts_passes_and_ranks_the_mistakes():
    lines = gradebook.summary_lines(class_of())
    text = "\n".join(lines)
    assert "4 of 10 pass, 5 fail, 1 could not be graded" in text
    slope = next(i for i, ln in enumerate(lines) if ln.strip().startswith("5 of 10:"))
    sign = next(i for i, ln in enumerate(lines) if ln.strip().startswith("2 of 10:"))
    assert slope < sign  # most common first
    assert "SyntaxError: bad" in text


def test_failing_files_with_no_named_mistake_are_counted():
    book = class_of(n_slope=1, n_sign=0, n_pass=1, n_error=1)
    for name in ("x1", "x2", "x3"):
        book.entries.append(Entry(name, verdict("fail", [], CHECKS[1:])))
    book.submissions = len(book.entries)
    lines = [ln.strip() for ln in gradebook.summary_lines(book)]
    assert "no named mistake: 3" in lines   # the error (it could not be graded) is not one of them
    assert lines.index("no named mistake: 3") > lines.index("Most common mistakes:")
    out = json.loads(gradebook.to_json(book))
    assert out["summary"]["no_named_mistake"] == 3


def test_a_submission_stopped_at_the_time_limit_says_so_everywhere(tmp_path):
    stopped = Verdict("exercise2", "carol.py", "fail", "0 of 3 checks pass; your file was stopped after the "
                      "time limit of 30 s", [{"name": n, "status": "fail", "message": "the call never finished"}
                                             for n in CHECKS], ended="it was stopped after the time limit of 30 s")
    book = class_of(n_slope=1, n_sign=0, n_pass=1, n_error=0)
    book.entries.append(Entry("carol", stopped))
    book.submissions += 1
    assert "Stopped at the time limit: carol" in gradebook.summary_lines(book)
    gradebook.write(book, tmp_path / "b.csv")
    gradebook.write(book, tmp_path / "b.json")
    row = next(r for r in csv.DictReader(io.StringIO((tmp_path / "b.csv").read_text())) if r["student"] == "carol")
    assert "stopped after the time limit of 30 s" in row["message"]
    doc = json.loads((tmp_path / "b.json").read_text())
    assert doc["summary"]["stopped_at_time_limit"] == ["carol"]
    assert next(s for s in doc["students"] if s["student"] == "carol")["ended"] == stopped.ended


def test_a_student_counts_once_per_mistake():
    book = Book("exercise2", [Entry("a", verdict("fail", ["slope-missing", "slope-missing"], CHECKS))], 1)
    assert gradebook.common_diagnoses(book) == [("slope-missing", 1)]


def test_csv_has_one_row_per_student_sorted(tmp_path):
    out = tmp_path / "book.csv"
    gradebook.write(class_of(), out)
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["student"] for r in rows] == sorted(r["student"] for r in rows) and len(rows) == 10
    fails = [r for r in rows if r["status"] == "fail"]
    assert all(r["passed"] == "1" and r["total"] == "3" for r in fails)
    assert all(r["diagnosis"] for r in fails)
    assert [r["status"] for r in rows].count("pass") == 4


def test_csv_defuses_spreadsheet_formulas_in_student_names(tmp_path):
    book = Book("exercise2", [Entry("=HYPERLINK(\"x\")", verdict("pass"))], 1)
    out = tmp_path / "b.csv"
    gradebook.write(book, out)
    row = next(csv.DictReader(io.StringIO(out.read_text())))
    assert not row["student"].startswith("=")


def test_json_holds_every_student_and_the_summary(tmp_path):
    out = tmp_path / "book.json"
    book = class_of()
    gradebook.write(book, out)
    doc = json.loads(out.read_text())
    assert doc["complete"] is True and doc["graded"] == 10
    assert doc["summary"]["pass"] == 4 and doc["summary"]["error"] == 1
    assert doc["summary"]["diagnoses"][0]["students"] == 5
    assert {s["student"] for s in doc["students"]} == {e.student for e in book.entries}


def test_junit_has_one_testcase_per_student_per_check(tmp_path):
    out = tmp_path / "book.xml"
    gradebook.write(class_of(), out)
    root = ET.parse(out).getroot()
    suites = root.findall("testsuite")
    assert len(suites) == 10
    graded = [s for s in suites if len(s.findall("testcase")) == 3]
    assert len(graded) == 9
    assert int(root.get("failures")) == 5 * 2 and int(root.get("errors")) == 1
    failure = root.find(".//failure")
    assert failure.get("type") in ("slope-missing", "wrong-sign")
    for suite in suites:   # each suite's own counts, not only the root's totals
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    assert sorted(int(s.get("failures")) for s in suites) == [0] * 5 + [2] * 5


def test_junit_gives_each_hint_once():
    v = verdict("fail", ["wrong-sign"], CHECKS[1:])
    for t in v.tests[1:]:   # as the checker writes them: the message ends with the hint
        t["message"] += "\nHint: the update is added (+=)."
        t["hint"] = "the update is added (+=)."
    v.tests[2]["message"] = "the article's run is off"   # a message without it: the hint is added
    failures = ET.fromstring(gradebook.to_junit(Book("exercise2", [Entry("ann", v)], 1))).iter("failure")
    assert [f.text.count("the update is added (+=).") for f in failures] == [1, 1]


def test_junit_counts_a_file_that_could_not_be_graded_as_errors():
    """A file that does not parse fails every check: "error" in the CSV, so <error>s here."""
    tests = [{"name": n, "status": "fail", "message": "the file does not parse: invalid syntax"} for n in CHECKS]
    book = Book("exercise2", [Entry("fay", Verdict("exercise2", "fay.py", "error", "the file does not parse",
                                                  tests)), Entry("gus", verdict("fail", [], CHECKS[:1]))], 2)
    root = ET.fromstring(gradebook.to_junit(book))
    fay, gus = root.findall("testsuite")
    assert (fay.get("errors"), fay.get("failures")) == ("3", "0") and len(fay.findall("testcase/error")) == 3
    assert fay.find("testcase/failure") is None
    assert (gus.get("errors"), gus.get("failures")) == ("0", "1")
    assert (root.get("errors"), root.get("failures")) == ("3", "1")


def test_junit_survives_characters_xml_forbids(tmp_path):
    v = verdict("fail", ["wrong-sign"], CHECKS)
    v.tests[0]["message"] = "bell \x07 and nul \x00"
    book = Book("exercise2", [Entry("evil\x1bname", v)], 1)
    out = tmp_path / "b.xml"
    gradebook.write(book, out)
    ET.parse(out)  # parses


def test_interrupted_book_says_so(tmp_path):
    book = class_of()
    book.submissions = 30
    book.interrupted = True
    book.not_graded = ["zed"]
    out = tmp_path / "b.json"
    gradebook.write(book, out)
    doc = json.loads(out.read_text())
    assert doc["complete"] is False and doc["interrupted"] is True and doc["not_graded"] == ["zed"]
    assert "interrupted" in gradebook.summary_lines(book)[0]


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(ValueError):
        gradebook.write(class_of(), tmp_path / "b.txt")
    assert not (tmp_path / "b.txt").exists()


def test_summary_shows_student_text_without_terminal_escapes():
    book = Book("exercise2", submissions=2)
    book.entries.append(Entry("eve\x1b]0;owned\x07", Verdict("exercise2", "x.py", "error",
                                                          "RuntimeError: \x1b[2J\x1b[31mred \u202eevil")))
    book.not_graded = ["mal\x1b[5m"]
    text = "\n".join(gradebook.summary_lines(book))
    assert not any(c in text for c in "\x1b\x07\u202e")
    assert "eve\\x1b]0;owned\\x07: RuntimeError: \\x1b[2J\\x1b[31mred \\u202eevil" in text
    assert "mal\\x1b[5m" in text


def flagged_class():
    book = Book("exercise2", submissions=3)
    for name, flags, iso in (("alice", ["os", "subprocess"], "none"), ("bob", ["open"], "none"), ("cy", [], "none")):
        v = verdict("pass")
        v.isolation, v.flags = iso, flags
        book.entries.append(Entry(name, v))
    return book


def test_isolation_and_flags_are_in_every_gradebook(tmp_path):
    book = flagged_class()
    for ext in ("csv", "json", "xml"):
        gradebook.write(book, tmp_path / f"b.{ext}")
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO((tmp_path / "b.csv").read_text()))}
    assert (rows["alice"]["isolation"], rows["alice"]["flags"]) == ("none", "os, subprocess")
    assert rows["cy"]["flags"] == ""
    students = {s["student"]: s for s in json.loads((tmp_path / "b.json").read_text())["students"]}
    assert students["bob"]["isolation"] == "none" and students["bob"]["flags"] == ["open"]
    suites = {s.get("name"): s for s in ET.parse(tmp_path / "b.xml").getroot().findall("testsuite")}
    props = {p.get("name"): p.get("value") for p in suites["alice"].find("properties").findall("property")}
    assert props == {"isolation": "none", "flags": "os, subprocess", "score": "10", "points": "10"}


def test_summary_names_flagged_students_and_runs_without_the_sandbox():
    text = "\n".join(gradebook.summary_lines(flagged_class()))
    assert "Integrity flags (2): alice (os, subprocess); bob (open)" in text
    assert "not isolated: 3 submissions ran without the sandbox" in text.lower()
    assert "3 of 3 pass" in text   # flags inform; they change no verdict


def test_summary_is_quiet_about_integrity_when_all_is_well():
    book = class_of()
    for e in book.entries:
        e.verdict.isolation = "bubblewrap"
    text = "\n".join(gradebook.summary_lines(book)).lower()
    assert "integrity" not in text and "isolated" not in text


def test_csv_defuses_formulas_behind_leading_whitespace(tmp_path):
    """A spreadsheet skips leading blanks before a formula: " =cmd" runs as "=cmd" does (OWASP)."""
    names = [" =cmd|' /C calc'!A0", "\t=1+1", "  +1", " \r@SUM(A1)", "\u00a0-2", "\n=x",
             "eve\rmallory,pass,6,6,,,bubblewrap,,"]   # a carriage return must not start a row of its own
    v = verdict("fail", ["wrong-sign"], CHECKS)
    v.message, v.flags = "   =HYPERLINK(\"http://x\")", ["  -os"]
    book = Book("exercise2", [Entry(n, v) for n in names], len(names))
    gradebook.write(book, tmp_path / "b.csv")
    with open(tmp_path / "b.csv", newline="", encoding="utf-8") as f:   # as a spreadsheet reads it
        rows = list(csv.DictReader(f))
    assert len(rows) == len(names) and not any(r["student"].startswith("mallory") for r in rows)
    for row in rows:
        for key, cell in row.items():
            assert not cell.lstrip().startswith(("=", "+", "-", "@")), (key, cell)
    assert sorted(r["student"] for r in rows) == sorted(("'" + n if n.lstrip().startswith(("=", "+", "-", "@")) else n) for n in names)
