"""The checks of the network exercises (2-layer and 3-layer), shared by their grading files.

Each function is one check: it takes the child's results and raises
`CheckFailed` with a reason and, when it can name one, the mistake. The order
of the checks is deliberate: starting weights first, then ONE update step from
the learner's own starting weights, so a bad init and a bad update are told
apart; then the article's run, other seeds and targets, and whether it learns.
"""
from __future__ import annotations

import functools

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import explain, mistakes
from toynn_tui.checker.compare import ATOL_OUT, RTOL_OUT, close, same
from toynn_tui.checker.harness import (CheckFailed, Results, compact, ensure_loaded, finite_or_fail, first_difference,
                                      got, in_place_failure, pair, shape_problem)
from toynn_tui.checker.runs import trained
from toynn_tui.checker.sandbox import Call

SEED = 1
OTHER_SEED, OTHER_TARGET_SEED, SHORT_RUN = 7, 3, 200
Y_OTHER = np.array([[1], [0], [1], [0]])   # any 4-row target: a file with pasted numbers cannot know it
SETUP = {"y_other": "np.array([[1], [0], [1], [0]])"}   # how a check's test_code makes it


def plan(layers: int) -> tuple[dict, list[str], list[Call]]:
    """Inputs, call names and calls for a network exercise with `layers` layers."""
    n = layers - 1          # arrays train() returns
    names = ["start", "step", "seed", "target", "full"]
    calls = [
        Call("train", ("X", "y"), {"iterations": 0, "seed": SEED}, n),
        Call("train", ("X", "y"), {"iterations": 1, "seed": SEED}, n),
        Call("train", ("X", "y"), {"iterations": SHORT_RUN, "seed": OTHER_SEED}, n),
        Call("train", ("X", "y_other"), {"iterations": SHORT_RUN, "seed": OTHER_TARGET_SEED}, n),
        Call("train", ("X", "y"), {}, n),   # the defaults: the article's full run
    ]
    return inputs(layers), names, calls


def trace_call(layers: int) -> Call:
    """train(X, y, iterations=TRACE): the article's printed point, asked for only when the full run is wrong
    (a full run that ends on the article's weights went through the same numbers on the way)."""
    return Call("train", ("X", "y"), {"iterations": TRACE[layers], "seed": SEED}, layers - 1)


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


def _recorded(check):
    """`check`, its verdict on a Results kept (`res.outcomes`): the grading test runs it, and a later
    check that words its hint after it (`_follows`) is handed the same verdict, not a second run."""
    @functools.wraps(check)
    def run(res: Results, layers: int) -> None:
        name = check.__name__
        if name not in res.outcomes:
            try:
                check(res, layers)
                res.outcomes[name] = None
            except Exception as exc:   # CheckFailed, or a fault of ours: the same either way next time
                res.outcomes[name] = exc
        if res.outcomes[name] is not None:
            raise res.outcomes[name]
    return run


def _weights(res: Results, name: str, layers: int, what: str) -> list[np.ndarray]:
    arrays = got(res, name, layers - 1, what)
    problem = shape_problem(arrays, list(engine.SHAPES[layers]))
    if problem:
        if name == "start":
            raise CheckFailed(f"{what}: {problem}", mistake=mistakes.diagnose_init(layers, SEED, arrays))
        # the same shapes as the starting weights, most likely: said where they are diagnosed
        raise CheckFailed(f"{what}: {problem}", hint=_follows(res, layers, (check_start,)))
    finite_or_fail(arrays, what)
    return arrays


@_recorded
def check_start(res: Results, layers: int) -> None:
    what = "train(X, y, iterations=0)"
    start = _weights(res, "start", layers, what)
    expected = engine.init_weights(SEED, layers)
    if same(expected, start):
        return
    mistake = (mistakes.diagnose_init(layers, SEED, start)
               or mistakes.diagnose_run(layers, engine.X, TARGET[layers], SEED, 0, start))
    if mistake is not None and mistake.id in UPDATED:   # an update is no draw's fault: the loop's line is
        findings = explain.loop_line(res.job, mistake)
    else:
        findings = explain.start_lines(res, start, mistake)
    raise CheckFailed(f"{what}: {_start_reason(mistake, start)}", mistake=mistake,
                      detail=first_difference(expected, start), findings=findings,
                      where=explain.located(findings, res.file.name),
                      hint="" if mistake else "np.random.seed(seed) first, then 2*np.random.random(shape) - 1"
                                              + (", syn0 before syn1." if layers == 3 else "."))


# Mistakes of the loop, not of the draw: with iterations=0 they return weights already updated,
# which may stray just past -1 or 1 (one too many: -1.00353). "Out of range" would then send
# the learner to the draw, which is right, instead of to the loop, which is not.
UPDATED = frozenset({"one-iteration-too-many", "ignores-iterations"})


def _start_reason(mistake, start: list[np.ndarray]) -> str:
    """The headline of wrong starting weights, agreeing with the mistake diagnosed (if any)."""
    if mistake is not None and mistake.id in UPDATED:
        return "these are not the starting weights: they have already been updated"
    lo, hi = min(a.min() for a in start), max(a.max() for a in start)
    if mistake is not None and mistake.id == "wrong-range":
        return f"the starting weights should spread over [-1, 1), yours run from {lo:.6g} to {hi:.6g}"
    if mistake is None and (lo < -1 or hi >= 1):
        return f"the starting weights should lie in [-1, 1), yours run from {lo:.6g} to {hi:.6g}"
    return "the starting weights are not the seeded draw"


@_recorded
def check_step(res: Results, layers: int) -> None:
    try:
        start = _weights(res, "start", layers, "train(X, y, iterations=0)")
    except CheckFailed as exc:
        raise CheckFailed(f"cannot judge one step without starting weights ({exc.reason})",
                          hint=_follows(res, layers, (check_start,))) from None
    what = "train(X, y, iterations=1)"
    step = _weights(res, "step", layers, what)
    y = TARGET[layers]
    expected = engine.step_from(engine.X, y, start)
    if same(expected, step):
        return
    findings = explain.step_lines(res.job, layers, y, start, SEED)
    mistake = (mistakes.diagnose_step(layers, engine.X, y, start, step)
               or mistakes.diagnose_run(layers, engine.X, y, SEED, 1, step)
               or next((f.mistake for f in findings or [] if f.mistake), None))
    if findings and len(findings) > 1:   # several mistakes: the first line's is the headline, all are listed
        mistake = findings[0].mistake or mistake
    detail = first_difference(expected, step)
    if all(a.shape == b.shape for a, b in zip(start, step)) and all(np.isfinite(a).all() for a in step):
        detail += "\n" + explain.gradient(y, start, step)
    raise CheckFailed(f"{what}: one update from your own starting weights went wrong"
                      + (f" ({len(findings)} mistakes, each on its line below)" if findings and len(findings) > 1
                         else ""),
                      mistake=mistake, detail=detail, findings=findings,
                      where=explain.located(findings, res.file.name),
                      hint=_unless(mistake, res, layers, (check_start,),
                                   "Compare each line of your loop with the contract, in order."))


def _float32(res: Results):
    """float32 weights (the values come back as float64, their dtype is reported apart)."""
    low = ("<f4", "<f2", "|f1")
    if any(d in low for c in res.run.calls for d in c.dtypes):
        return mistakes.get("float32")
    return None


@_recorded
def check_article(res: Results, layers: int) -> None:
    y = TARGET[layers]
    trace_n = TRACE[layers]
    full = _weights(res, "full", layers, "train(X, y)")
    if same(reference(layers, "y", FULL[layers], SEED), full) and (layers == 2 or _first_error_right(res)):
        return
    # wrong: say where the article's printed numbers first part from yours
    res.lazy("trace", trace_call(layers), inputs(layers))
    trace = _weights(res, "trace", layers, f"train(X, y, iterations={trace_n})")
    if layers == 2:
        # the article's "Output After Training": l1 of the last forward pass
        expected, mine = engine.predict(engine.X, reference(2, "y", trace_n, SEED)), engine.predict(engine.X, trace)
        if not close(expected, mine, RTOL_OUT, ATOL_OUT):
            mistake = _float32(res) or mistakes.diagnose_run(layers, engine.X, y, SEED, trace_n, trace)
            raise CheckFailed("the output after training is not the article's", mistake=mistake,
                              detail=pair("l1 (the output)", expected, mine), hint=_unless(mistake, res, layers))
    else:
        start = _weights(res, "start", layers, "train(X, y, iterations=0)")
        for n, weights in ((0, start), (trace_n, trace)):
            expected = article_error(reference(3, "y", n, SEED), y)
            mine = article_error(weights, y)
            if mine != expected:
                mistake = _float32(res) or mistakes.diagnose_run(layers, engine.X, y, SEED, n, weights)
                raise CheckFailed(f"the error after {n} iterations is not the article's", mistake=mistake,
                                  detail=f"expected  Error:{expected}\nyours     Error:{mine}",
                                  hint=_unless(mistake, res, layers))
    expected = reference(layers, "y", FULL[layers], SEED)
    if not same(expected, full):
        mistake = _float32(res) or mistakes.diagnose_run(layers, engine.X, y, SEED, FULL[layers], full)
        raise CheckFailed(f"train(X, y) with its default arguments does not end on the article's weights "
                          f"({FULL[layers]} iterations, seed {SEED})", mistake=mistake,
                          detail=first_difference(expected, full), hint=_unless(mistake, res, layers))


def _first_error_right(res: Results) -> bool:
    """The 3-layer net's first printed error, which comes from the starting weights."""
    start = _weights(res, "start", 3, "train(X, y, iterations=0)")
    return article_error(start, TARGET[3]) == article_error(reference(3, "y", 0, SEED), TARGET[3])




def article_error(weights: list[np.ndarray], y: np.ndarray) -> str:
    """The article's 'Error:' figure for these weights, printed the way Python 2 printed it."""
    return "%.12g" % float(np.mean(np.abs(y - engine.predict(engine.X, weights))))


@_recorded
def check_others(res: Results, layers: int) -> None:
    for name, target, seed, label in (("seed", "y", OTHER_SEED, f"seed={OTHER_SEED}"),
                                      ("target", "y_other", OTHER_TARGET_SEED, "another target y")):
        what = f"train(X, {target}, iterations={SHORT_RUN}, seed={seed})"
        mine = _weights(res, name, layers, what)
        expected = reference(layers, target, SHORT_RUN, seed)
        if not same(expected, mine):
            mistake = _float32(res) or mistakes.diagnose_run(layers, engine.X, inputs(layers)[target], seed,
                                                             SHORT_RUN, mine)
            raise CheckFailed(f"with {label} the weights are not right", mistake=mistake,
                              detail=first_difference(expected, mine),
                              hint=_unless(mistake, res, layers, (check_start, check_step, check_article),
                                           "Use the X, y, iterations and seed you are given, not fixed ones."))


LEARNED = 0.05   # mean |error| the full run must get under (the article ends far below it)


@_recorded
def check_learns(res: Results, layers: int) -> None:
    y = TARGET[layers]
    full = _weights(res, "full", layers, "train(X, y)")
    error = float(np.mean(np.abs(y - engine.predict(engine.X, full))))
    if not error < LEARNED:
        raise CheckFailed(f"after training, the mean error is still {error:.3g} (should be under {LEARNED})",
                          detail=f"output:\n{compact(engine.predict(engine.X, full))}\ntarget:\n{compact(y)}",
                          hint=_follows(res, layers, (check_start, check_step, check_article, check_others))
                          or "A net that does not learn usually moves the weights the wrong way or not at all.")


FOLLOWS = "This likely follows from the failure above{what}: fix that one first."


def _follows(res: Results, layers: int, earlier) -> str:
    """The hint of a check failing after an `earlier` one did, or "".

    Every later check stands on the starting weights and the update step, so after
    either fails, generic advice ("use the seed you are given") would send the learner
    the wrong way. The same goes after any check that named a mistake. The earlier
    checks' verdicts are the ones they gave (`_recorded`): each runs once.
    """
    for check in earlier:
        try:
            check(res, layers)
        except CheckFailed as exc:
            if check in (check_start, check_step) or exc.mistake is not None:
                return FOLLOWS.format(what=f" ({exc.mistake.title})" if exc.mistake is not None else "")
        except Exception:   # a fault of ours in that check is reported by that check, not here
            continue
    return ""


def _unless(mistake, res: Results, layers: int, earlier=None, otherwise: str = "") -> str:
    """The hint of a failure: the mistake's own when one is named ("": CheckFailed's default),
    else `_follows` the `earlier` checks (default: start and step), else `otherwise`."""
    if mistake is not None:
        return ""
    return _follows(res, layers, earlier or (check_start, check_step)) or otherwise


def check_inputs(res: Results) -> None:
    """Fail when the learner's code changed the arrays it was given."""
    ensure_loaded(res)
    failure = in_place_failure(res, {"y_other": "y"})   # another target is given as y all the same
    if failure is not None:
        raise failure
    if not any(c.status == "ok" for c in res.run.calls):
        # then every check above failed too (each needs a call that returned)
        raise CheckFailed("no call returned, so this could not be checked",
                          hint=FOLLOWS.format(what=""))
