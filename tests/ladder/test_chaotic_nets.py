"""A net that amplifies rounding (batch norm) judged fairly: a right file written in the learner's own
order of operations passes every check, and a file one step or one setting away still fails.

The right file is the feedback bench's own (bench/feedback/rungs: a correct exercise 12 in other words)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.checker.conftest import check_json

RIGHT = Path(__file__).resolve().parents[2] / "bench" / "feedback" / "rungs" / "exercise12"


def test_batch_norm_in_other_words_passes_every_check():
    # each check draws new secret inputs: three of them, as three learners would meet
    for _ in range(3):
        code, report = check_json("exercise12", RIGHT / "correct_own_words.py")
        failed = [t["message"] for t in report["tests"] if t["status"] != "pass"]
        assert (code, failed) == (0, []), failed


@pytest.mark.parametrize("old, new", [("iterations=3000", "iterations=2990"), ("alpha=0.1,", "alpha=0.11,")],
                         ids=["ten-iterations-short", "alpha-off"])
def test_a_default_a_little_off_still_fails(tmp_path, old, new):
    text = (RIGHT / "correct_own_words.py").read_text()
    assert old in text
    wrong = tmp_path / "exercise12.py"
    wrong.write_text(text.replace(old, new))
    code, report = check_json("exercise12", wrong)
    assert code == 1 and report["status"] == "fail"
    failed = [t["message"] for t in report["tests"] if t["status"] != "pass"]
    assert any("with its defaults" in m for m in failed), failed
