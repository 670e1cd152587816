"""The rungs' value trace through `toynn check`, on wrong files written as learners write them: the
mistake named on exactly its line(s), both mistakes of a two-mistake file, a file with a mistake no
edit knows located with the contract's line and NOT named, and no diagnosis the file does not have
(an update with -= on a right error is the update's sign, never "error with the wrong sign")."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.checker.conftest import check_json

WRONG = Path(__file__).resolve().parent / "wrong"

# file -> every (line, mistake id) the step or run checks must name, None: located but not named
EXPECTED = {
    "exercise4__avg.py": {(30, "scaled-update"), (31, "scaled-update")},
    "exercise4__renamed.py": {(26, None)},
    "exercise6__bias_nosum.py": {(33, "bias-not-summed")},
    "exercise7__floor.py": {(81, "partial-batch-dropped")},
    "exercise7__perm_every.py": {(84, "reshuffle-every-update")},
    "exercise9__outside.py": {(34, "decay-outside-alpha"), (36, "decay-outside-alpha")},
    "exercise10__two.py": {(92, "slope-missing"), (93, "dropout-step-unmasked")},
    "exercise11__minus-velocity.py": {(34, "wrong-sign")},
    "exercise12__ddof.py": {(86, "bn-ddof")},
    "exercise13__wholex.py": {(100, "bn-stats-whole-x"), (102, "bn-stats-whole-x")},
}


@pytest.fixture(scope="module")
def reports():
    def one(name):
        return check_json(name.split("__")[0], WRONG / name)
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(EXPECTED, pool.map(one, EXPECTED)))


def _named(report) -> set:
    return {(f["line"], f["diagnosis"]) for t in report["toynn"]["tests"] for f in t["lines"] or []}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_mistakes_are_named_on_their_lines(name, reports):
    code, report = reports[name]
    assert code == 1 and report["status"] == "fail"
    assert _named(report) == EXPECTED[name], report["message"]
    ids = {i for i in report["toynn"]["diagnoses"]}
    assert ids == {m for _, m in EXPECTED[name] if m}, ids


def test_an_unknown_mistake_is_located_with_the_contracts_words(reports):
    _, report = reports["exercise4__renamed.py"]
    step = report["tests"][1]
    assert step["status"] == "fail"
    assert "exercise4__renamed.py:26: slope_out = out * (1 + out)" in step["message"]
    assert "holds none of the contract's quantities" in step["message"]
    assert "Compare each line of your loop with the contract" not in step["message"]


def test_a_minus_update_is_not_called_an_error_of_the_wrong_sign(reports):
    _, report = reports["exercise11__minus-velocity.py"]
    text = " ".join(t["message"] or "" for t in report["tests"])
    assert "error with the wrong sign" not in text and "l2_error = y - l2" not in text
    assert "exercise11__minus-velocity.py:34: syn1 -= alpha * v1 — update with the wrong sign" in text
