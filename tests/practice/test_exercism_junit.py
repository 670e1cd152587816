"""What a platform or a CI test reporter reads without toynn installed.

The JUnit gradebook through junitparser (the parser CI tools use to read
JUnit XML): one suite per student with its own tests/failures/errors counts,
each check a case with its failure or error. The JSON gradebook: each
student's row has Exercism's v3 keys, even for a verdict from a checker that
left some out. `toynn check --json` of a failing and of an unparsable file:
Exercism's keys on every test, a message on every failure and on an error.
"""
import json
import subprocess
import sys
from pathlib import Path

from junitparser import Error, Failure, JUnitXml

from toynn_tui.practice import gradebook
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.verdict import Verdict

REPO = Path(__file__).resolve().parents[2]
EXERCISM_TEST = {"name", "status", "message", "output", "test_code", "task_id"}


def t(name, status, message=None, **more):
    return {"name": name, "status": status, "message": message, **more}


def book():
    return Book("exercise3", submissions=4, entries=[
        Entry("ann", Verdict("exercise3", "ann.py", "pass", "", [t("a", "pass"), t("b", "pass"), t("c", "pass")])),
        Entry("bob", Verdict("exercise3", "bob.py", "fail", "1 of 3 checks pass",
                             [t("a", "pass"), t("b", "fail", "wrong sign", diagnosis="wrong-sign", hint="flip it"),
                              t("c", "fail", "the article's error trace differs")], ["wrong-sign"])),
        Entry("cid", Verdict("exercise3", "cid.py", "error", "the file does not parse",
                             [t("a", "fail", "does not parse"), t("b", "fail", "does not parse"), t("c", "pass")])),
        Entry("dot", Verdict("exercise3", "", "error", "no exercise3.py in the folder")),   # never graded
    ])


def test_junitparser_reads_each_student_as_a_suite_with_its_counts(tmp_path):
    out = tmp_path / "grades.xml"
    gradebook.write(book(), out)
    xml = JUnitXml.fromfile(str(out))
    got = {s.name: (s.tests, s.failures, s.errors) for s in xml}
    assert got == {"ann": (3, 0, 0), "bob": (3, 2, 0), "cid": (3, 0, 2), "dot": (1, 0, 1)}
    assert (xml.tests, xml.failures, xml.errors) == (10, 2, 3)
    bob = {c.name: c for c in next(s for s in xml if s.name == "bob")}
    assert bob["a"].is_passed and [type(r) for r in bob["b"].result] == [Failure]
    assert bob["b"].result[0].message == "wrong sign" and bob["b"].result[0].type == "wrong-sign"
    assert "flip it" in bob["b"].result[0].text
    dot = next(s for s in xml if s.name == "dot")
    assert [type(r) for c in dot for r in c.result] == [Error]
    assert dict((p.name, p.value) for p in next(iter(xml)).properties()) == {"isolation": "", "flags": "", "score": "10", "points": "10"}


def test_every_json_row_is_an_exercism_v3_result_even_from_a_terse_checker():
    doc = json.loads(gradebook.to_json(book()))
    for row in doc["students"]:
        assert row["version"] == 3 and row["status"] in ("pass", "fail", "error")
        assert [x["task_id"] for x in row["tests"]] == list(range(1, len(row["tests"]) + 1))
        assert all(EXERCISM_TEST <= set(x) for x in row["tests"])   # missing ones are there, as null
    bob = next(r for r in doc["students"] if r["student"] == "bob")
    assert bob["tests"][1]["output"] is None and bob["tests"][1]["test_code"] is None
    assert bob["tests"][1]["diagnosis"] == "wrong-sign"   # toynn's own keys ride along
    dot = next(r for r in doc["students"] if r["student"] == "dot")
    assert dot["status"] == "error" and dot["message"] and dot["tests"] == []   # Exercism: an error says why


def check_json(path):
    run = subprocess.run([sys.executable, "-m", "toynn_tui", "check", "exercise2", "--file", str(path), "--json"],
                         capture_output=True, text=True, timeout=300)
    return run.returncode, json.loads(run.stdout)


def test_check_json_of_a_failing_and_of_an_unparsable_file_has_exercism_fields(tmp_path):
    code, data = check_json(REPO / "tests/checker/wrong/exercise2__wrong-sign.py")
    assert code == 1 and data["version"] == 3 and data["status"] == "fail"
    for task_id, x in enumerate(data["tests"], 1):
        assert set(x) == EXERCISM_TEST and x["task_id"] == task_id and x["test_code"]
        assert (x["message"] is None) == (x["status"] == "pass")   # a failure says why, a pass says nothing
        assert x["output"] is None or len(x["output"]) <= 500
    bad = tmp_path / "bad.py"
    bad.write_text("def train(:\n")
    code, data = check_json(bad)
    assert code == 1 and data["status"] == "error" and "does not parse" in data["message"]
    assert all(set(x) == EXERCISM_TEST for x in data["tests"])
