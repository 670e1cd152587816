"""Reading the checker's JSON into a Verdict: good answers, and everything that is not one."""
import json

from toynn_tui.practice.runner import parse

GOOD = {"version": 3, "status": "fail", "message": None,
        "tests": [{"name": "shape", "status": "pass", "message": None, "output": None, "diagnosis": None},
                  {"name": "one step", "status": "fail", "message": "off by a sign", "output": "",
                   "diagnosis": "wrong-sign"}],
        "toynn": {"exercise": "exercise2", "file": "x.py", "diagnoses": ["wrong-sign"]}}


def test_a_checker_answer_becomes_a_verdict():
    v = parse("exercise2", "x.py", 1, json.dumps(GOOD).encode(), b"")
    assert (v.status, v.passed, v.total, v.diagnoses) == ("fail", 1, 2, ["wrong-sign"])
    assert v.message == "off by a sign"  # the first failing test speaks when the top has no message


def test_diagnoses_fall_back_to_the_tests_when_the_toynn_block_is_missing():
    doc = dict(GOOD)
    del doc["toynn"]
    assert parse("exercise2", "x.py", 1, json.dumps(doc).encode(), b"").diagnoses == ["wrong-sign"]


def test_no_json_is_an_error_verdict_with_the_reason():
    v = parse("exercise2", "x.py", 2, b"", b"Traceback...\nRuntimeError: checker broke\n")
    assert v.status == "error" and "checker broke" in v.message and v.total == 0


def test_killed_checker_is_an_error_verdict():
    v = parse("exercise2", "x.py", -9, b'{"version": 3, "sta', b"")
    assert v.status == "error" and "signal 9" in v.message


def test_json_with_a_made_up_status_is_not_trusted():
    v = parse("exercise2", "x.py", 0, json.dumps({"status": "passed!!"}).encode(), b"")
    assert v.status == "error"


def test_a_pass_from_a_checker_that_did_not_exit_0_is_not_trusted():
    # a learner's process can write a "pass" into the checker's stdout and kill the checker
    forged = json.dumps({"version": 3, "status": "pass", "message": None, "tests": []}).encode()
    killed = parse("exercise2", "x.py", -9, forged, b"")
    assert killed.status == "error" and "signal 9" in killed.message
    assert parse("exercise2", "x.py", 1, forged, b"").status == "error"
    assert parse("exercise2", "x.py", 0, forged, b"").status == "pass"     # what toynn check itself does
    assert parse("exercise2", "x.py", None, forged, b"").status == "pass"  # a worker's answer, id checked


def test_isolation_and_integrity_flags_are_read_from_the_toynn_block():
    doc = {**GOOD, "toynn": {**GOOD["toynn"], "isolation": "bubblewrap", "flags": ["os", "subprocess"]}}
    v = parse("exercise2", "x.py", 1, json.dumps(doc).encode(), b"")
    assert (v.isolation, v.flags) == ("bubblewrap", ["os", "subprocess"])
    assert v.to_dict()["isolation"] == "bubblewrap" and v.to_dict()["flags"] == ["os", "subprocess"]


def test_an_answer_without_isolation_or_with_junk_there_is_tolerated():
    old = parse("exercise2", "x.py", 1, json.dumps(GOOD).encode(), b"")
    assert (old.isolation, old.flags) == ("", [])
    junk = {**GOOD, "toynn": {**GOOD["toynn"], "isolation": ["bubblewrap"], "flags": "os"}}
    v = parse("exercise2", "x.py", 1, json.dumps(junk).encode(), b"")
    assert (v.status, v.isolation, v.flags) == ("fail", "", [])
    mixed = {**GOOD, "toynn": {**GOOD["toynn"], "flags": ["open", 3, None, "open"]}}
    assert parse("exercise2", "x.py", 1, json.dumps(mixed).encode(), b"").flags == ["open"]


# The checker's answer as it is now: Exercism's keys in the tests, toynn's per-test extras in its block.
NOW = {"version": 3, "status": "fail", "message": "1 of 2 checks pass; your file was stopped after the time limit of 4 s",
       "tests": [{"name": "shape", "status": "pass", "message": None, "output": None,
                  "test_code": "train(X, y, iterations=0, seed=1)", "task_id": 1},
                 {"name": "one step", "status": "fail", "message": "off by a sign\nHint: add it", "output": None,
                  "test_code": "train(X, y, iterations=1, seed=1)", "task_id": 2}],
       "toynn": {"exercise": "exercise2", "file": "exercises/exercise2.py", "diagnoses": ["wrong-sign"],
                 "ended": "it was stopped after the time limit of 4 s",
                 "tests": [{"diagnosis": None, "hint": None}, {"diagnosis": "wrong-sign", "hint": "add it"}]}}


def test_the_toynn_blocks_per_test_diagnosis_and_hint_reach_every_reader():
    v = parse("exercise2", "x.py", 1, json.dumps(NOW).encode(), b"")
    assert [(t.get("diagnosis"), t.get("hint")) for t in v.tests] == [(None, None), ("wrong-sign", "add it")]
    assert v.tests[1]["message"] == "off by a sign\nHint: add it"
    # the fallback when the block lists no diagnoses reads them from there too
    doc = {**NOW, "toynn": {k: x for k, x in NOW["toynn"].items() if k != "diagnoses"}}
    assert parse("exercise2", "x.py", 1, json.dumps(doc).encode(), b"").diagnoses == ["wrong-sign"]


def test_a_time_limit_is_kept_with_the_verdict_and_through_a_journal():
    from toynn_tui.practice.verdict import Verdict
    v = parse("exercise2", "x.py", 1, json.dumps(NOW).encode(), b"")
    assert v.timed_out and "time limit of 4 s" in v.ended and "time limit of 4 s" in v.message
    back = Verdict.from_dict(json.loads(json.dumps(v.to_dict())))
    assert back.timed_out and back.ended == v.ended
    assert not parse("exercise2", "x.py", 1, json.dumps(GOOD).encode(), b"").timed_out
