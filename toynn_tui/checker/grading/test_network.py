"""Grading checks of every network rung (exercises 4-13), driven by the rung's spec.

Run by `toynn check exerciseN` for a ladder entry with `net = ...`; the session
hands this file the job and the rung as fixtures. Each test's docstring is the
check's name in the report (ladder.toml lists them, in this order).
"""
import pytest

from toynn_tui.checker import rungchecks, session
from toynn_tui.checker.harness import Results, uses


@pytest.fixture(scope="module")
def res(job, rung):
    """The child's answers to the rung's plan (started before pytest when it could be)."""
    inputs, names, calls = plan = rung.plan()
    run = session.take_early(plan, meanwhile=rung.warm)
    if run is None:
        run = job.run(inputs, calls, meanwhile=rung.warm)
    session.remember(run)
    return Results(run, names, job.file, job.source.decode("utf-8", "replace"))


@uses("start")
def test_start(res, rung):
    """starting parameters: shapes, range, seeded order"""
    rungchecks.check_start(res, rung)


@uses("start", "step")
def test_step(res, rung):
    """one update from your own starting parameters"""
    rungchecks.check_step(res, rung)


@uses("full")
def test_full(res, rung):
    """the run with the contract's defaults"""
    rungchecks.check_full(res, rung)


@uses("seed", "other")
def test_others(res, rung):
    """another seed, other settings and another target"""
    rungchecks.check_others(res, rung)


@uses("full")
def test_learns(res, rung):
    """it learns: every example on the right side"""
    rungchecks.check_learns(res, rung)


@uses("predict")
def test_predict(res, rung):
    """predict uses every unit (no dropout)"""
    rungchecks.check_predict(res, rung)


test_predict.only_if = lambda rung: rung is not None and rung.predicts   # the ladder lists it


@uses()
def test_inputs(res):
    """X and y are left unchanged"""
    rungchecks.check_inputs(res)
