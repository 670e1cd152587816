"""The checks of the network exercises (2-layer and 3-layer), shared by their grading files.

Each function is one check: it takes the child's results and raises
`CheckFailed` with a reason and, when it can name one, the mistake. The order
of the checks is deliberate: starting weights first, then ONE update step from
the learner's own starting weights, so a bad init and a bad update are told
apart; then the article's run, other seeds and targets, and whether it learns.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import mistakes
from toynn_tui.checker.harness import (CheckFailed, Results, compact, ensure_loaded, finite_or_fail, first_difference,
                                      got, mutated_inputs, pair, same, shape_problem)
from toynn_tui.checker.runs import trained
from toynn_tui.checker.sandbox import Call

SEED = 1
OTHER_SEED, OTHER_TARGET_SEED, SHORT_RUN = 7, 3, 200
Y_OTHER = np.array([[1], [0], [1], [0]])   # any 4-row target: a file with pasted numbers cannot know it


def plan(layers: int) -> tuple[dict, list[str], list[Call]]:
    """Inputs, call names and calls for a network exercise with `layers` layers."""
    n = layers - 1          # arrays train() returns
    trace = TRACE[layers]
    names = ["start", "step", "trace", "seed", "target", "full"]
    calls = [
        Call("train", ("X", "y"), {"iterations": 0, "seed": SEED}, n),
        Call("train", ("X", "y"), {"iterations": 1, "seed": SEED}, n),
        Call("train", ("X", "y"), {"iterations": trace, "seed": SEED}, n),
        Call("train", ("X", "y"), {"iterations": SHORT_RUN, "seed": OTHER_SEED}, n),
        Call("train", ("X", "y_other"), {"iterations": SHORT_RUN, "seed": OTHER_TARGET_SEED}, n),
        Call("train", ("X", "y"), {}, n),   # the defaults: the article's full run
    ]
    return inputs(layers), names, calls


def inputs(layers: int) -> dict[str, np.ndarray]:
    """The arrays the plan's calls are given, by the names the calls use."""
    return {"X": engine.X, "y": TARGET[layers], "y_other": Y_OTHER}


TARGET = {2: engine.Y_PART1, 3: engine.Y_PART2}
FULL = {2: 10000, 3: 60000}
# Part 1 prints the output of the last forward pass (weights after 9 999 updates);
# Part 2 prints the error every 10 000 iterations (0 and 10 000 are the first two lines).
TRACE = {2: 9999, 3: 10000}


def reference(layers: int, target: str, iterations: int, seed: int) -> list[np.ndarray]:
    """The engine's weights for `train(X, <target>, iterations, seed)` (copies, remembered in `runs`)."""
    return trained(layers, engine.X, inputs(layers)[target], seed, iterations)


def warm(layers: int) -> None:
    """Compute every reference the checks of `layers` need, while the learner's child runs:
    the trusted side's own training (70 000 iterations for exercise 3) then costs no wall time.
    In order, so the full run goes on from the trace's."""
    for n in (0, TRACE[layers], FULL[layers]):
        reference(layers, "y", n, SEED)
    reference(layers, "y", SHORT_RUN, OTHER_SEED)
    reference(layers, "y_other", SHORT_RUN, OTHER_TARGET_SEED)


def _weights(res: Results, name: str, layers: int, what: str) -> list[np.ndarray]:
    arrays = got(res, name, layers - 1, what)
    problem = shape_problem(arrays, list(engine.SHAPES[layers]))
    if problem:
        mistake = mistakes.diagnose_init(layers, SEED, arrays) if name == "start" else None
        raise CheckFailed(f"{what}: {problem}", mistake=mistake)
    finite_or_fail(arrays, what)
    return arrays


def check_start(res: Results, layers: int) -> None:
    what = "train(X, y, iterations=0)"
    start = _weights(res, "start", layers, what)
    lo, hi = min(a.min() for a in start), max(a.max() for a in start)
    expected = engine.init_weights(SEED, layers)
    if same(expected, start):
        return
    mistake = (mistakes.diagnose_init(layers, SEED, start)
               or mistakes.diagnose_run(layers, engine.X, TARGET[layers], SEED, 0, start))
    reason = "the starting weights are not the seeded draw"
    if lo < -1 or hi >= 1:
        reason = f"the starting weights should lie in [-1, 1), yours run from {lo:.6g} to {hi:.6g}"
    raise CheckFailed(f"{what}: {reason}", mistake=mistake, detail=first_difference(expected, start),
                      hint="" if mistake else "np.random.seed(seed) first, then 2*np.random.random(shape) - 1"
                                              + (", syn0 before syn1." if layers == 3 else "."))


def check_step(res: Results, layers: int) -> None:
    try:
        start = _weights(res, "start", layers, "train(X, y, iterations=0)")
    except CheckFailed as exc:
        raise CheckFailed(f"cannot judge one step without starting weights ({exc.reason})") from None
    what = "train(X, y, iterations=1)"
    step = _weights(res, "step", layers, what)
    y = TARGET[layers]
    expected = engine.step_from(engine.X, y, start)
    if same(expected, step):
        return
    mistake = (mistakes.diagnose_step(layers, engine.X, y, start, step)
               or mistakes.diagnose_run(layers, engine.X, y, SEED, 1, step))
    raise CheckFailed(f"{what}: one update from your own starting weights went wrong",
                      mistake=mistake, detail=first_difference(expected, step),
                      hint="" if mistake else "Compare each line of your loop with the contract, in order.")


def check_article(res: Results, layers: int) -> None:
    y = TARGET[layers]
    trace_n = TRACE[layers]
    trace = _weights(res, "trace", layers, f"train(X, y, iterations={trace_n})")
    if layers == 2:
        # the article's "Output After Training": l1 of the last forward pass
        expected, mine = engine.predict(engine.X, reference(2, "y", trace_n, SEED)), engine.predict(engine.X, trace)
        if not np.allclose(mine, expected, rtol=RTOL_OUT, atol=ATOL_OUT):
            raise CheckFailed("the output after training is not the article's",
                              mistake=mistakes.diagnose_run(layers, engine.X, y, SEED, trace_n, trace),
                              detail=pair("l1 (the output)", expected, mine))
    else:
        start = _weights(res, "start", layers, "train(X, y, iterations=0)")
        for n, weights in ((0, start), (trace_n, trace)):
            expected = article_error(reference(3, "y", n, SEED), y)
            mine = article_error(weights, y)
            if mine != expected:
                raise CheckFailed(f"the error after {n} iterations is not the article's",
                                  mistake=mistakes.diagnose_run(layers, engine.X, y, SEED, n, weights),
                                  detail=f"expected  Error:{expected}\nyours     Error:{mine}")
    full = _weights(res, "full", layers, "train(X, y)")
    expected = reference(layers, "y", FULL[layers], SEED)
    if not same(expected, full):
        raise CheckFailed(f"train(X, y) with its default arguments does not end on the article's weights "
                          f"({FULL[layers]} iterations, seed {SEED})",
                          mistake=mistakes.diagnose_run(layers, engine.X, y, SEED, FULL[layers], full),
                          detail=first_difference(expected, full))


RTOL_OUT, ATOL_OUT = 1e-6, 1e-8


def article_error(weights: list[np.ndarray], y: np.ndarray) -> str:
    """The article's 'Error:' figure for these weights, printed the way Python 2 printed it."""
    return "%.12g" % float(np.mean(np.abs(y - engine.predict(engine.X, weights))))


def check_others(res: Results, layers: int) -> None:
    for name, target, seed, label in (("seed", "y", OTHER_SEED, f"seed={OTHER_SEED}"),
                                      ("target", "y_other", OTHER_TARGET_SEED, "another target y")):
        what = f"train(X, {target}, iterations={SHORT_RUN}, seed={seed})"
        mine = _weights(res, name, layers, what)
        expected = reference(layers, target, SHORT_RUN, seed)
        if not same(expected, mine):
            mistake = mistakes.diagnose_run(layers, engine.X, inputs(layers)[target], seed, SHORT_RUN, mine)
            raise CheckFailed(f"with {label} the weights are not right", mistake=mistake,
                              detail=first_difference(expected, mine),
                              hint="" if mistake else "Use the X, y, iterations and seed you are given, not fixed ones.")


LEARNED = 0.05   # mean |error| the full run must get under (the article ends far below it)


def check_learns(res: Results, layers: int) -> None:
    y = TARGET[layers]
    full = _weights(res, "full", layers, "train(X, y)")
    error = float(np.mean(np.abs(y - engine.predict(engine.X, full))))
    if not error < LEARNED:
        raise CheckFailed(f"after training, the mean error is still {error:.3g} (should be under {LEARNED})",
                          detail=f"output:\n{compact(engine.predict(engine.X, full))}\ntarget:\n{compact(y)}",
                          hint="A net that does not learn usually moves the weights the wrong way or not at all.")


def check_inputs(res: Results) -> None:
    """Fail when the learner's code changed the arrays it was given."""
    ensure_loaded(res)
    changed = mutated_inputs(res)
    if changed:
        raise CheckFailed(f"your code changed {', '.join(changed)} in place", mistake=mistakes.get("mutates-inputs"))
    if not any(c.status == "ok" for c in res.run.calls):
        raise CheckFailed("no call returned, so this could not be checked")
