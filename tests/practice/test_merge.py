"""`toynn grade --shard I/N` in separate processes, then `toynn grade merge`: the class gradebook.

A small real class (the exercise2 solution and known-wrong files, graded by
the real checker behind the sandbox) is graded whole and as 3 shards, each
shard its own `python -m toynn_tui grade` process as on N machines; merged,
the shards give the whole run's gradebook row for row, in CSV, JSON and JUnit
(timing aside). Parts that do not belong together are refused in one line:
a missing or repeated shard, another N, another toynn or grading tests, an
incomplete shard, another class, a student in the wrong shard, a CSV.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from junitparser import JUnitXml

from toynn_tui.cli import main

REPO = Path(__file__).resolve().parents[2]
WRONG = sorted((REPO / "tests/checker/wrong").glob("exercise2__*.py"))[:6]


def toynn(*args, cwd):
    return subprocess.run([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded whole (whole.json/.csv/.xml), as shards 1..3 of 3 and as shard 1 of 2."""
    root = tmp_path_factory.mktemp("klass")
    subs = root / "subs"
    subs.mkdir()
    for name in ("ann", "ben"):
        shutil.copy(REPO / "solutions/exercise2.py", subs / f"{name}.py")
    for path in WRONG:
        shutil.copy(path, subs / f"{path.stem.split('__')[1]}.py")
    (subs / "cleo" / "exercises").mkdir(parents=True)   # a folder, as `toynn init` makes one
    shutil.copy(REPO / "solutions/exercise2.py", subs / "cleo" / "exercises" / "exercise2.py")
    (subs / "dan").mkdir()                               # no file at all: an "error" row
    runs = {"whole": ["-o", "whole.json", "-o", "whole.csv", "-o", "whole.xml"],
            **{f"s{i}": ["--shard", f"{i}/3", "-o", f"s{i}.json"] for i in (1, 2, 3)},
            "h1": ["--shard", "1/2", "-o", "h1.json"]}
    procs = {k: subprocess.Popen([sys.executable, "-m", "toynn_tui", "grade", "subs", "-e", "exercise2", "-j", "2", *a],
                                 cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for k, a in runs.items()}   # separate processes, as on separate machines
    for k, p in procs.items():
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (k, out, err)
    return root


# The check whose calls are drawn anew, in secret, for every run (checker.secret): two runs differ
# in its calls (test_code), in the numbers its message quotes, and in whether it names the mistake
# itself or says it follows from the one named above (a drawn run that overflows cannot be traced);
# never in its verdict.
DRAWN = "another seed, other settings and another target"


def students(path, drawn: bool = False):
    """The gradebook's rows without what two runs may differ in: the time taken, and (`drawn`)
    the drawn check's calls and message, and the order of the file's warnings (numpy warns once
    per line, first where the drawn calls first overflow)."""
    doc = json.loads(Path(path).read_text())
    for s in doc["students"]:
        s.pop("seconds")   # how long it took
        for t in s.get("tests", []) if drawn else []:
            t.pop("test_code", None)
            t["output"] = t["output"] and sorted(t["output"].splitlines())
            if t["name"] == DRAWN:
                for key in ("message", "diagnosis", "hint", "lines"):
                    t[key] = "(drawn per run)"
    return doc


def suites(path):
    def message(case, r):
        return r.message and "(drawn per run)" if case.name.endswith(DRAWN) else r.message
    return [(s.name, s.tests, s.failures, s.errors,
             [(c.name, [(type(r).__name__, message(c, r)) for r in c.result]) for c in s])
            for s in JUnitXml.fromfile(str(path))]


def test_three_shards_merged_equal_the_whole_class_row_for_row(graded):
    parts = [students(graded / f"s{i}.json", drawn=True) for i in (1, 2, 3)]
    assert [len(p["students"]) for p in parts] == [5, 2, 3]   # the class really was split (pinned by the hash)
    assert all(p["shard"]["count"] == 3 for p in parts)
    run = toynn("grade", "merge", "s3.json", "s1.json", "s2.json",   # any order
                "--out", "all.csv", "--out", "all.json", "--out", "all.xml", cwd=graded)
    assert run.returncode == 0, run.stderr
    assert (graded / "all.csv").read_text() == (graded / "whole.csv").read_text()
    whole, merged = students(graded / "whole.json", drawn=True), students(graded / "all.json", drawn=True)
    assert merged["students"] == whole["students"] and merged["summary"] == whole["summary"]
    for key in ("exercise", "complete", "submissions", "graded", "toynn_version", "grading_tests"):
        assert merged[key] == whole[key], key
    assert merged["shard"]["merged_from"] == 3 and merged["shard"]["roster"] == whole["shard"]["roster"]
    assert suites(graded / "all.xml") == suites(graded / "whole.xml")
    # the printed class summary is the whole run's too
    whole_run = toynn("grade", "merge", "whole.json", "--out", "again.csv", cwd=graded)
    assert run.stdout.replace("all.csv", "").split("Gradebook:")[0] == whole_run.stdout.split("Gradebook:")[0]
    statuses = {s["student"]: s["status"] for s in merged["students"]}
    assert statuses["ann"] == statuses["cleo"] == "pass" and statuses["dan"] == "error"
    assert list(statuses.values()).count("fail") == len(WRONG)


def test_the_junit_gradebook_reads_in_junitparser_with_each_students_counts(graded):
    doc = students(graded / "whole.json")
    xml = {s.name: s for s in JUnitXml.fromfile(str(graded / "whole.xml"))}
    assert set(xml) == {s["student"] for s in doc["students"]}
    for s in doc["students"]:
        suite, failing = xml[s["student"]], [t for t in s["tests"] if t["status"] != "pass"]
        assert suite.tests == max(1, s["total"])   # a file never graded is one <error> case
        if s["status"] == "fail":
            assert (suite.failures, suite.errors) == (len(failing), 0) and failing
            assert {c.name for c in suite if not c.is_passed} == {t["name"] for t in failing}
        elif s["status"] == "error":
            assert suite.errors == max(1, len(failing)) and suite.failures == 0
        else:
            assert suite.failures == suite.errors == 0 and all(c.is_passed for c in suite)


def test_each_students_json_row_is_an_exercism_v3_result(graded):
    for s in students(graded / "whole.json")["students"]:
        assert s["version"] == 3 and s["status"] in ("pass", "fail", "error") and isinstance(s["message"], str)
        assert [t["task_id"] for t in s["tests"]] == list(range(1, len(s["tests"]) + 1))
        for t in s["tests"]:
            assert {"name", "status", "message", "output", "test_code", "task_id"} <= set(t)
            assert t["status"] in ("pass", "fail", "error") and "train(X, " in t["test_code"]
            assert t["message"] is None if t["status"] == "pass" else t["message"]


# -- refusals --------------------------------------------------------------------------
def merge(*paths, cwd):
    run = CliRunner().invoke(main, ["grade", "merge", *map(str, paths), "--out", str(cwd / "out.csv")])
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("Error:")]
    assert run.exit_code == 2 and len(errors) == 1 and run.stderr.rstrip().endswith(errors[0]), run.output
    assert not (cwd / "out.csv").exists()
    return errors[0]


@pytest.fixture
def parts(graded, tmp_path):
    for name in ("s1", "s2", "s3", "h1"):
        shutil.copy(graded / f"{name}.json", tmp_path / f"{name}.json")
    shutil.copy(graded / "whole.csv", tmp_path / "whole.csv")
    return tmp_path


def edit(path, change):
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc))


def test_a_missing_or_repeated_shard_is_refused(parts):
    assert "shard 3 of 3 missing (given: 1, 2)" in merge(parts / "s1.json", parts / "s2.json", cwd=parts)
    shutil.copy(parts / "s2.json", parts / "s2-again.json")
    said = merge(*(parts / f"s{i}.json" for i in (1, 2, 3)), parts / "s2-again.json", cwd=parts)
    assert "shard 2 of 3 is given twice" in said


def test_shards_of_another_n_are_refused(parts):
    said = merge(parts / "s1.json", parts / "s2.json", parts / "s3.json", parts / "h1.json", cwd=parts)
    assert "h1.json is shard 1 of 2" in said and "same N" in said


@pytest.mark.parametrize("key, value, says", [
    ("toynn_version", "0.0.9", "graded with toynn 0.0.9"),
    ("grading_tests", "sha256:0000", "graded with grading tests sha256:0000"),
])
def test_another_toynn_or_other_grading_tests_are_refused(parts, key, value, says):
    edit(parts / "s2.json", lambda d: d.update({key: value}))
    said = merge(*(parts / f"s{i}.json" for i in (1, 2, 3)), cwd=parts)
    assert says in said and "same toynn" in said


def test_an_incomplete_shard_another_class_or_a_moved_student_is_refused(parts):
    shards = [parts / f"s{i}.json" for i in (1, 2, 3)]
    edit(shards[2], lambda d: d.update(complete=False))
    assert "is incomplete" in merge(*shards, cwd=parts) and "--resume" in merge(*shards, cwd=parts)
    edit(shards[2], lambda d: d.update(complete=True))
    edit(shards[1], lambda d: d["shard"].update(roster="sha256:another"))
    assert "different classes" in merge(*shards, cwd=parts)
    edit(shards[1], lambda d: d["shard"].update(roster=json.loads(shards[0].read_text())["shard"]["roster"]))
    moved = json.loads(shards[0].read_text())["students"].pop()
    edit(shards[0], lambda d: d["students"].pop())
    edit(shards[1], lambda d: d["students"].append(moved))
    assert f"{moved['student']} belongs to shard 1 of 3, not 2" in merge(*shards, cwd=parts)


def test_only_json_gradebooks_are_merged(parts):
    said = merge(parts / "s1.json", parts / "whole.csv", cwd=parts)
    assert "only .json gradebooks can be merged" in said
    (parts / "junk.json").write_text("{not json")
    assert "not a JSON document" in merge(parts / "junk.json", cwd=parts)
    edit(parts / "s1.json", lambda d: d.pop("shard"))   # as an older toynn wrote it
    assert "records no shard" in merge(parts / "s1.json", cwd=parts)


def test_grade_merge_has_its_own_help_and_grades_help_tells_of_it():
    helped = CliRunner().invoke(main, ["grade", "merge", "--help"], prog_name="toynn")
    assert helped.exit_code == 0 and "Usage: toynn grade merge [OPTIONS] GRADEBOOKS..." in helped.output
    helped = CliRunner().invoke(main, ["grade", "--help"], prog_name="toynn")
    assert "Usage: toynn grade [OPTIONS] SUBMISSIONS" in helped.output and "toynn grade merge" in helped.output
    assert "I counts from 1" in " ".join(helped.output.split())
