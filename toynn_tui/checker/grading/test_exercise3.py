"""Grading checks of exercise 3 (the 3-layer net). Run by `toynn check exercise3`, not by the repo's tests.

Each test's docstring is the check's name in the report.
"""
from toynn_tui.checker import netchecks
from toynn_tui.checker.harness import uses

LAYERS = 3
PLAN = netchecks.plan(LAYERS)
SETUP = netchecks.SETUP   # how the inputs a learner's file does not hold are made (test_code)


def warm():
    netchecks.warm(LAYERS)


@uses("start")
def test_start(res):
    """starting weights: shapes, range, seeded order"""
    netchecks.check_start(res, LAYERS)


@uses("start", "step")
def test_step(res):
    """one update step from your own starting weights"""
    netchecks.check_step(res, LAYERS)


@uses("start", "trace", "full")
def test_article(res):
    """the article's error trace and final weights"""
    netchecks.check_article(res, LAYERS)


@uses("seed", "target")
def test_others(res):
    """other seeds and other targets"""
    netchecks.check_others(res, LAYERS)


@uses("full")
def test_learns(res):
    """it learns: the final error is small"""
    netchecks.check_learns(res, LAYERS)


@uses()
def test_inputs(res):
    """X and y are left unchanged"""
    netchecks.check_inputs(res)
