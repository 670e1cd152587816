"""Files that misbehave get a fail/error verdict with a readable reason: never a pass, never a toynn traceback.

Each case is the reference solution of exercise 3 with one hostile change, so
that whatever passes would pass only because of the change itself.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

TIMEOUT = 6   # seconds; the correct file needs about 1 s of it
WALL_CLOCK = f"stopped after the time limit of {TIMEOUT} s"
QUICK = 5 * TIMEOUT   # seconds a whole check of a hostile file may take: far below the 120 s of a hang

SOLUTION = (Path(__file__).resolve().parents[2] / "solutions" / "exercise3.py").read_text()
TRAIN = "def train(X, y, iterations=60000, seed=1):\n"
assert TRAIN in SOLUTION


def at_top(code: str) -> str:
    return SOLUTION.replace("import numpy as np\n", "import numpy as np\n" + code + "\n", 1)


def in_train(code: str) -> str:
    body = "".join(f"    {line}\n" for line in code.splitlines())
    return SOLUTION.replace(TRAIN, TRAIN + body, 1)


# name -> (source, expected status, phrase the learner must see)
CASES = {
    "syntax error": (SOLUTION.replace("def train(X, y,", "def train(X, y,,"), "error", "does not parse"),
    "exception at import": (at_top("raise RuntimeError('boom at import')"), "error",
                            "RuntimeError: boom at import"),
    # the wall clock's own words: a CPU limit (TIMEOUT + 5 s of CPU) would stop the loop too, later,
    # and say "used up its CPU time limit"; a sleep uses no CPU, so only the wall clock ends it
    "infinite loop in train": (in_train("while True:\n    pass"), "fail", WALL_CLOCK),
    "sleeps at import": (at_top("import time\ntime.sleep(1000)"), "error", WALL_CLOCK),
    "sys.exit at import": (at_top("import sys\nsys.exit(0)"), "error", "sys.exit(0) was called"),
    "sys.exit in train": (in_train("import sys\nsys.exit(0)"), "fail", "sys.exit(0) was called"),
    "os._exit in train": (in_train("import os\nos._exit(0)"), "fail", "os._exit"),
    "prints fake pytest results": (
        in_train("print('=' * 20 + ' 6 passed in 0.12s ' + '=' * 20)\nprint('All 6 checks pass.')\n"
                 "return np.zeros((3, 4)), np.zeros((4, 1))"), "fail", "starting parameters"),
    "floods stdout": (in_train("import sys\nfor _ in range(200):\n    sys.stdout.write('x' * 500_000)"),
                      "fail", "printed more than 64 KB"),
    "eats memory": (in_train("hog = []\nwhile True:\n    hog.append(np.ones(10_000_000))"), "fail", "MemoryError"),
    "patches numpy comparisons": (
        in_train("np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                 "np.testing.assert_allclose = lambda *a, **k: None\n"
                 "return np.zeros((3, 4)), np.zeros((4, 1))"), "fail", "starting parameters"),
    "mutates X and y": (in_train("X *= 1\ny[0, 0] = 1 - y[0, 0]\ny[0, 0] = 1 - y[0, 0]\nX[0, 0] = 5\nX[0, 0] = 0\n"
                                 "X.shape = (4, 3)\ny += 0\nX[3, 0] = 7"), "fail", "changed X in place"),
    "imports the reference engine": (
        at_top("from toynn_tui import engine\ntrain = lambda X, y, iterations=60000, seed=1: "
               "tuple(engine.train(X, y, 3, iterations, seed))"), "error", "toynn_tui cannot be imported"),
    "returns objects, not numbers": (in_train("return {'syn0': 1}, object()"), "fail", "not an array of numbers"),
    "returns NaN": (in_train("return np.full((3, 4), np.nan), np.full((4, 1), np.nan)"), "fail", "NaN"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_gets_a_reasoned_verdict(tmp_path, check_json, case):
    source, status, phrase = CASES[case]
    path = tmp_path / "exercise3.py"
    path.write_text(source)
    t0 = time.monotonic()
    code, data = check_json("exercise3", path, timeout=TIMEOUT)   # asserts: no traceback, stdout is JSON
    assert time.monotonic() - t0 < QUICK   # stopped by its limit, not by the test's own 120 s
    assert code == 1
    assert data["status"] == status, data
    failing = [t for t in data["tests"] if t["status"] != "pass"]
    assert failing, data
    said = data["message"] + "\n".join(t["message"] or "" for t in failing)
    assert phrase in said, said


def test_conftest_beside_the_file_is_never_loaded(tmp_path, check_json):
    """A learner's conftest.py that turns every failure into a pass has no effect."""
    (tmp_path / "conftest.py").write_text(
        "import pytest\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n"
        "    outcome.get_result().outcome = 'passed'\n"
        "open(__file__ + '.ran', 'w').write('loaded')\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:toynn\n")
    path = tmp_path / "exercise3.py"
    path.write_text(in_train("return np.zeros((3, 4)), np.zeros((4, 1))"))
    code, data = check_json("exercise3", path, timeout=TIMEOUT)
    assert code == 1 and data["status"] == "fail"
    assert not (tmp_path / "conftest.py.ran").exists()


def test_plain_lists_of_the_right_numbers_pass(tmp_path, check_json):
    """Not hostile, just unusual: lists instead of arrays are fine when the numbers are right."""
    path = tmp_path / "exercise3.py"
    path.write_text(SOLUTION.replace("    return syn0, syn1\n", "    return syn0.tolist(), syn1.tolist()\n"))
    code, data = check_json("exercise3", path, timeout=TIMEOUT)
    assert (code, data["status"]) == (0, "pass"), data
