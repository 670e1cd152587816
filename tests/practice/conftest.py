"""A stand-in checker worker for grading tests that need the protocol, not the real checks.

It speaks `toynn_tui.checker.worker`'s protocol (one answer line per request,
carrying the request's id) but decides from the file's text: "good" passes,
"crash" is an error (the text its message), anything else fails, "sleep N" sleeps N seconds first, "import os" earns an
integrity flag. Its "isolation" is the TOYNN_SANDBOX it was started with, so a
test can see what environment the grader gave its workers. Every file it
grades is appended to a log, so a test can see who was (re-)graded.
"""
import sys

import pytest

STANDIN = r'''
import json, os, re, sys, time
log = sys.argv[1]
for line in sys.stdin:
    req = json.loads(line)
    text = open(req["file"]).read()
    with open(log, "a", errors="surrogateescape") as f:   # a file name need not be UTF-8
        f.write(req["file"] + "\n")
    m = re.search(r"sleep ([0-9.]+)", text)
    if m:
        time.sleep(float(m.group(1)))
    status = "error" if "crash" in text else "pass" if "good" in text else "fail"
    flags = ["os"] if "import os" in text else []
    print(json.dumps({"version": 3, "status": status, "message": text.strip(), "request": req["id"],
                      "tests": [{"name": "t", "status": status, "message": text.strip()}],
                      "toynn": {"diagnoses": [], "isolation": os.environ.get("TOYNN_SANDBOX", "unset"),
                                "flags": flags}}), flush=True)
'''


@pytest.fixture
def standin(tmp_path, monkeypatch):
    """Make `Worker` start the stand-in; returns a function listing the files graded so far."""
    from toynn_tui.practice import worker_client
    script, log = tmp_path / "standin_worker.py", tmp_path / "graded.log"
    script.write_text(STANDIN)
    monkeypatch.setattr(worker_client, "worker_command", lambda: [sys.executable, str(script), str(log)])

    def graded():
        return log.read_text(errors="surrogateescape").splitlines() if log.exists() else []
    return graded


# The check whose calls are drawn anew, in secret, for every run (checker.secret). Two runs of one
# file differ in its calls (test_code), in the numbers its message quotes, and in whether it names
# the mistake itself or says it follows from the one above (a drawn run that overflows cannot be
# traced); never in its verdict. numpy warns once per line, first where a drawn call overflows, so
# the order of a file's warnings differs too.
DRAWN = "another seed, other settings and another target"


def undrawn_report(report: dict) -> dict:
    """A `toynn check --json` report without what two runs of the same file may differ in."""
    for i, t in enumerate(report.get("tests", [])):
        t["test_code"] = None
        t["output"] = t["output"] and sorted(t["output"].splitlines())
        if t["name"] == DRAWN:
            t["message"] = "(drawn per run)"
            if i < len(report.get("toynn", {}).get("tests", [])):
                report["toynn"]["tests"][i] = "(drawn per run)"
    return report


@pytest.fixture
def undrawn():
    return undrawn_report
