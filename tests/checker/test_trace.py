"""The trace names exactly the wrong line(s), and every mistake, on wrong files made from the solutions.

The cases (tests/checker/traced/cases.py) are the reference solutions with one
or two edits; each must get exactly its findings, in loop order: the edited
line(s) and the mistake's id, and never a correct line. The correct solutions
must get none. Runs the real sandboxed child (a few tenths of a second a case).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from toynn_tui import engine, ladder
from toynn_tui.checker import rungtrace
from toynn_tui.checker.job import Job
from toynn_tui.checker.rungs import SEED, Rung

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
_spec = importlib.util.spec_from_file_location("traced_cases", HERE / "traced" / "cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)
CASES = {name: (exercise, edits, expected) for name, exercise, edits, expected in cases.cases()}


def findings_of(tmp_path: Path, exercise: str, source: str):
    """The value trace every net has (`rungtrace.find`), on one update of this exercise's spec."""
    path = tmp_path / f"{exercise}.py"
    path.write_text(source)
    rung = Rung(ladder.get(exercise))
    job = Job(exercise, path, exercise, 20.0, source.encode())
    return rungtrace.find(job, rung, "step", engine.init_weights(SEED, spec=rung.spec), 1)


def test_there_are_thirty_cases_or_more_with_double_mistakes():
    assert len(CASES) >= 30
    assert sum(len(expected) >= 2 for _, _, expected in CASES.values()) >= 8


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_named_on_its_own_line(tmp_path, name):
    exercise, edits, expected = CASES[name]
    source = cases.apply((REPO / "solutions" / f"{exercise}.py").read_text(), edits)
    got = [(f.text, f.mistake.id if f.mistake else None) for f in findings_of(tmp_path, exercise, source)]
    assert got == expected


@pytest.mark.parametrize("exercise", ["exercise2", "exercise3"])
def test_a_correct_file_has_no_findings(tmp_path, exercise):
    assert findings_of(tmp_path, exercise, (REPO / "solutions" / f"{exercise}.py").read_text()) == []


def test_renamed_locals_still_point_at_the_wrong_line(tmp_path):
    """No article names at all: values alone find the line (here the hidden layer's update sign)."""
    source = (REPO / "solutions" / "exercise3.py").read_text()
    for old, new in (("l0", "a0"), ("l1_error", "e1"), ("l1_delta", "d1"), ("l2_error", "e2"), ("l2_delta", "d2"),
                     ("l1", "a1"), ("l2", "a2"), ("syn0", "w0"), ("syn1", "w1")):
        source = source.replace(old, new)
    source = source.replace("w0 += a0.T.dot(d1)", "w0 -= a0.T.dot(d1)")
    got = findings_of(tmp_path, "exercise3", source)
    assert [(f.text, f.mistake.id if f.mistake else None) for f in got] == [("w0 -= a0.T.dot(d1)", "wrong-sign")]
