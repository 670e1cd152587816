"""Grading checks of every network exercise (the article's two nets and rungs 4-13), driven by its spec.

Run by `toynn check exerciseN` for a ladder entry graded by this file; the session
hands the job and the rung over as fixtures (the child's run: conftest's `res`).
Each test's docstring is the check's name in the report (ladder.toml lists them,
in this order). A check of an option the spec does not have is not collected
(`only_if`): the article's printed numbers for the article's nets, predict for dropout.
"""
from toynn_tui import ladder
from toynn_tui.checker import article, rungchecks
from toynn_tui.checker.harness import uses

# the calls of every set of other settings a rung lists (other1, other2, ...): test_code shows those
# of this rung's plan (with this run's secret values: checker.secret)
OTHER_CALLS = tuple(f"other{k}" for k in range(1, 1 + max(len(ex.others) for ex in ladder.load() if ex.network)))


@uses("start")
def test_start(res, rung):
    """starting parameters: shapes, range, seeded order"""
    rungchecks.check_start(res, rung)


@uses("start", "step")
def test_step(res, rung):
    """one update from your own starting parameters"""
    rungchecks.check_step(res, rung)


@uses("full")
def test_article(res, rung):
    """the article's printed numbers and final weights"""
    article.check_article(res, rung)


test_article.only_if = lambda rung: rung is not None and bool(rung.spec.printed)


@uses("full")
def test_full(res, rung):
    """the run with the contract's defaults"""
    rungchecks.check_full(res, rung)


test_full.only_if = lambda rung: rung is not None and not rung.spec.printed


@uses("seed", *OTHER_CALLS)
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
