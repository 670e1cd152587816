"""The mistakes library names each wrong learner file's one mistake, and accuses nobody else.

Every file in tests/checker/wrong/ is a complete learner file with exactly one
mistake, named in its file name (`<exercise>__<mistake-id>.py`). Here we import
it (our own test files, so in-process is fine) and feed its answers to the
diagnose_* functions the way the checker does: nonlin on a few values, train
with iterations=0 (twice: a file that does not seed gives two starts) and 1 under
seed 1, then seed 7 and a longer run.
"""
import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest

from toynn_tui import engine
from toynn_tui.checker import mistakes
from toynn_tui.checker.mistakes import (MISTAKES, diagnose_exception, diagnose_init, diagnose_nonlin,
                                        diagnose_run, diagnose_step, get)

WRONG = Path(__file__).parent / "wrong"
FILES = sorted(WRONG.glob("exercise*__*.py"))
LAYERS = {"exercise2": 2, "exercise3": 3}
DATA = {2: (engine.X, engine.Y_PART1), 3: (engine.X, engine.Y_PART2)}
# Inputs for nonlin: any numbers for the sigmoid, sigmoid outputs for the slope.
SIGMOID_IN = np.linspace(-4.0, 4.0, 9)
SLOPE_IN = engine.nonlin(np.linspace(-3.0, 3.0, 7))
# A step check that finds weights unchanged cannot tell a short loop from a lost
# update: it says "no-update", and the longer-run check then names the loop.
# Likewise nonlin(x, True) returning the sigmoid is all one call can see of swapped branches.
ALSO_SEEN = {"exercise3__one-iteration-too-few": {"no-update"},
             "exercise1__deriv-inverted": {"deriv-ignored"}}


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"wrong_{path.stem.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_weights(result, layers):
    """The learner's return value as the trusted side sees it: a list of float arrays, or None."""
    if result is None:
        return None
    arrays = [result] if layers == 2 else list(result)
    return [np.asarray(a, dtype=float) for a in arrays]


def diagnoses(path: Path) -> list[str]:
    """Every mistake id the checks find in one learner file, in the order the checks run."""
    exercise = path.stem.split("__")[0]
    module = load(path)
    found = []

    def attempt(call):
        try:
            return call()
        except Exception as exc:  # the child process would report type and message
            mistake = diagnose_exception(type(exc).__name__, str(exc))
            found.append(mistake.id if mistake else f"exception:{type(exc).__name__}")
            return None

    for x, deriv in ((SIGMOID_IN, False), (SLOPE_IN, True)):
        got = attempt(lambda: module.nonlin(x.copy(), deriv))
        mistake = got is not None and diagnose_nonlin(x, np.asarray(got, dtype=float), deriv)
        if mistake:
            found.append(mistake.id)
    if exercise == "exercise1":
        return found

    layers = LAYERS[exercise]
    X, y = DATA[layers]
    spec = engine.article(layers)
    shapes = list(spec.param_shapes().values())

    def train(iterations, seed):
        result = attempt(lambda: module.train(X.copy(), y.copy(), iterations=iterations, seed=seed))
        if result is None and not found:
            found.append("returns-none")
        return as_weights(result, layers)

    def shaped(weights):
        return weights is not None and [w.shape for w in weights] == shapes

    start = train(0, 1)
    if start is None:
        return found
    mistake = diagnose_init(spec, 1, start, X, y)
    again = train(0, 1)
    if again is not None and shaped(start) and not all(np.array_equal(a, b) for a, b in zip(start, again)):
        found.append("not-seeded")   # the checker's own test of a missing seed: two calls, two starts
    elif mistake:
        found.append(mistake.id)
    elif not shaped(start):
        found.append("wrong-shape")
    one = train(1, 1)
    if shaped(start) and shaped(one):
        mistake = diagnose_step(spec, X, y, start, one)
        if mistake:
            found.append(mistake.id)
    start7 = train(0, 7)
    if shaped(start7) and (mistake := diagnose_init(spec, 7, start7, X, y)):
        found.append(mistake.id)
    for iterations, seed in ((3, 7), (200, 1)):
        got = train(iterations, seed)
        if shaped(got) and (mistake := diagnose_run(spec, X, y, seed, iterations, got)):
            found.append(mistake.id)
    return found


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # some wrong files overflow, as they would for a learner
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_wrong_file_is_named_by_its_one_mistake(path):
    expected = path.stem.split("__")[1]
    assert expected in MISTAKES
    found = diagnoses(path)
    assert expected in found, found
    # Only the file's own mistake (or a named consequence of it) is reported.
    assert set(found) <= {expected} | ALSO_SEEN.get(path.stem, set()), found


def test_every_required_mistake_has_a_wrong_file():
    have = {p.stem for p in FILES}
    for mistake_id in ["wrong-sign", "slope-missing", "slope-of-pre-sigmoid", "error-not-delta",
                       "first-layer-frozen", "syn1-updated-first", "draw-order-reversed", "not-seeded",
                       "transposed", "flattened", "scaled-update", "one-iteration-too-many",
                       "returns-none", "math-exp"]:
        assert f"exercise3__{mistake_id}" in have
    assert "exercise1__slope-from-input" in have


def test_each_wrong_file_says_its_mistake_at_the_top_and_runs_as_a_script_module():
    for path in FILES:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# Wrong on purpose - one mistake:"), path.name
        assert 'if __name__ == "__main__":' in path.read_text(), path.name


@pytest.mark.parametrize("layers", [2, 3])
@pytest.mark.parametrize("seed", [1, 7])
def test_the_right_answers_are_never_accused(layers, seed):
    X, y = DATA[layers]
    spec = engine.article(layers)
    start = engine.init_weights(seed, layers)
    assert diagnose_init(spec, seed, start, X, y) is None
    assert diagnose_step(spec, X, y, start, engine.step_from(X, y, start)) is None
    # Also from someone else's (wrong) start: a right step from any start is right.
    other = [w[::-1].copy() for w in start]
    assert diagnose_step(spec, X, y, other, engine.step_from(X, y, other)) is None
    for iterations in (0, 1, 5):
        got = engine.train(X, y, layers, iterations, seed)
        assert diagnose_run(spec, X, y, seed, iterations, got) is None
    assert diagnose_nonlin(SIGMOID_IN, engine.nonlin(SIGMOID_IN), False) is None
    assert diagnose_nonlin(SLOPE_IN, engine.nonlin(SLOPE_IN, True), True) is None


@pytest.mark.parametrize("layers", [2, 3])
def test_random_garbage_is_not_given_a_name(layers):
    X, y = DATA[layers]
    spec = engine.article(layers)
    rng = np.random.default_rng(12345)
    start = engine.init_weights(1, layers)
    for _ in range(20):
        garbage = [rng.normal(size=w.shape) for w in start]
        assert diagnose_step(spec, X, y, start, garbage) is None
        assert diagnose_run(spec, X, y, 1, 10, garbage) is None
        assert diagnose_init(spec, 1, [g * 5 for g in garbage], X, y) is None
    assert diagnose_nonlin(SIGMOID_IN, rng.normal(size=SIGMOID_IN.shape), False) is None


def test_a_full_length_run_one_update_long_is_still_told_apart():
    """After 60000 iterations one more update moves the weights by ~1e-6 of their size."""
    X, y = DATA[3]
    net = engine.Net(3, seed=1, iterations=60001)
    net.run(60001)
    assert diagnose_run(engine.article(3), X, y, 1, 60000, net.weights).id == "one-iteration-too-many"


def test_scaled_update_reports_the_factor_it_measured():
    X, y = DATA[3]
    start = engine.init_weights(1, 3)
    right = engine.step_from(X, y, start)
    for c, words in ((0.25, "1/4"), (0.1, "0.1 times"), (3.0, "3 times")):
        got = [s + c * (r - s) for s, r in zip(start, right)]
        mistake = diagnose_step(engine.article(3), X, y, start, got)
        assert mistake.id == "scaled-update" and words in mistake.explanation
    flipped = [s - 0.5 * (r - s) for s, r in zip(start, right)]
    assert diagnose_step(engine.article(3), X, y, start, flipped).id == "wrong-sign"


def test_step_and_init_ignore_what_they_cannot_compare():
    X, y = DATA[3]
    start = engine.init_weights(1, 3)
    assert diagnose_step(engine.article(3), X, y, start, [start[0]]) is None                     # one array short
    assert diagnose_step(engine.article(3), X, y, start, [start[0].T, start[1]]) is None         # wrong shape
    assert diagnose_step(engine.article(3), X, y, start, [start[0] * np.nan, start[1]]) is None  # NaN
    assert diagnose_init(engine.article(3), 1, [start[0] * np.inf, start[1]], *DATA[3]) is None


def test_flattened_and_transposed_starts():
    start = engine.init_weights(1, 3)
    assert diagnose_init(engine.article(3), 1, [start[0].ravel(), start[1]], *DATA[3]).id == "flattened"
    assert diagnose_init(engine.article(3), 1, [start[0], start[1].ravel()], *DATA[3]).id == "flattened"
    assert diagnose_init(engine.article(3), 1, [start[0].T, start[1].T], *DATA[3]).id == "transposed"


def test_seed_written_in_the_code_is_reported_with_its_value():
    mistake = diagnose_init(engine.article(3), 7, engine.init_weights(42, 3), *DATA[3])
    assert mistake.id == "ignores-seed" and "42" in mistake.explanation


def test_math_exp_is_recognised_from_numpys_own_message():
    with pytest.raises(TypeError) as info:
        math.exp(np.array([1.0, 2.0]))
    assert diagnose_exception("TypeError", str(info.value)).id == "math-exp"
    # numpy 1.x wording, for learners on an older numpy
    assert diagnose_exception("TypeError", "only size-1 arrays can be converted to Python scalars").id == "math-exp"
    assert diagnose_exception("NotImplementedError", "not written yet").id == "not-written-yet"
    assert diagnose_exception("ZeroDivisionError", "division by zero") is None
    assert diagnose_exception("TypeError", "unsupported operand type(s)") is None


def test_catalogue_entries_are_complete_and_plain_entries_exist():
    for mistake_id, mistake in MISTAKES.items():
        assert mistake.id == mistake_id == mistake_id.lower()
        assert " " not in mistake_id and mistake.title and mistake.explanation and mistake.hint
    for mistake_id in ("returns-none", "wrong-shape", "not-written-yet", "mutates-inputs", "not-finite"):
        assert get(mistake_id).id == mistake_id
    with pytest.raises(KeyError, match="no-such"):
        get("no-such")
    assert mistakes.Mistake is type(get("wrong-sign"))
