"""The checks of a network rung (exercises 4-13): each takes the child's results and the Rung.

Each raises `CheckFailed` naming, when it can, the mistake and the learner's lines
it is on. Mistakes of the starting draw are tried as other draws (`START_MISTAKES`);
mistakes of the loop as edits of the spec's lines (`mistakes.edits`), replayed by
the engine from the learner's own starting weights.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare, mistakes, netchecks, rungexplain, rungstart
from toynn_tui.checker.harness import CheckFailed, Results, compact, first_difference, got, where_lines
from toynn_tui.checker.mistakes import edits
from toynn_tui.checker.rungs import SEED, Rung
from toynn_tui.checker.trace import Finding

FOLLOWS = "This likely follows from the failure above: fix that one first."


def _params(res: Results, rung: Rung, name: str, what: str) -> list[np.ndarray]:
    spec = rung.spec_of(name)
    arrays = got(res, name, len(spec.param_names), what)
    for pname, arr, shape in zip(spec.param_names, arrays, spec.param_shapes().values()):
        if arr.shape != shape:
            mistake = _shape_mistake(arr.shape, shape)
            raise CheckFailed(f"{what}: {pname} has shape {arr.shape}, expected {shape}", mistake=mistake,
                              hint="" if mistake else f"train returns {', '.join(spec.param_names)}, in that order.")
    if not all(np.isfinite(a).all() for a in arrays):   # a symptom, not a mistake: the cause is named above
        raise CheckFailed(f"{what} contains NaN or infinity",
                          hint="The numbers overflowed: fix the first failure above, which makes them grow.")
    return arrays


def _shape_mistake(got_shape, want):
    if got_shape == tuple(reversed(want)) and len(want) == 2:
        return mistakes.get("transposed")
    if 4 in got_shape and 4 not in want:
        return HARD_CODED   # (defined below; only called at check time)
    return None


def _call(rung: Rung, name: str) -> str:
    target, seed, iterations, kwargs = rung.calls[name]
    if iterations is None:
        return f"train(X, {target})"
    kw = ", ".join(f"{k}={v!r}" for k, v in {**kwargs, "iterations": iterations, "seed": seed}.items())
    return f"train(X, {target}, {kw})"


# -- the starting draw ---------------------------------------------------------
HARD_CODED = mistakes.get("size-hard-coded")
DEPTH_HARD_CODED = mistakes.get("depth-hard-coded")


def _draws(spec: engine.Spec, order, scale=2.0, shift=1.0, reseed=False):
    rng = np.random.RandomState(SEED)
    shapes = spec.param_shapes()
    drawn = {}
    for name in order:
        if reseed:
            rng = np.random.RandomState(SEED)
        drawn[name] = scale * rng.random_sample(shapes[name]) - shift
    start = engine.init_weights(SEED, spec=spec)
    return [drawn.get(n, s) for n, s in zip(spec.param_names, start)]


def _start_candidates(spec: engine.Spec):
    syns = [n for n in spec.param_names if n.startswith("syn")]
    if len(syns) > 1:
        yield mistakes.get("draw-order-reversed"), _draws(spec, list(reversed(syns)))
        yield mistakes.get("seeded-twice"), _draws(spec, syns, reseed=True)
    yield mistakes.get("wrong-range"), _draws(spec, syns, scale=1.0, shift=0.0)
    extra = [n for n in spec.param_names if not n.startswith("syn")]
    if extra:
        yield mistakes.get("extra-params-drawn"), _draws(spec, syns + extra)


def diagnose_start(spec: engine.Spec, start: list[np.ndarray]):
    """The mistake of the starting draw whose numbers are these, or None."""
    return next((m for m, cand in _start_candidates(spec) if compare.same(cand, start)), None)


def check_start(res: Results, rung: Rung) -> None:
    what = _call(rung, "start")
    start = _params(res, rung, "start", what)
    expected = rung.reference("start")
    if compare.same(expected, start):
        return
    mistake, findings = rungstart.explain(res, rung, start, expected, diagnose_start(rung.spec_of("start"), start))
    mistake = mistake or next((f.mistake for f in findings if f.mistake is not None), None)
    raise CheckFailed(f"{what}: the starting parameters are not the seeded draw", mistake=mistake,
                      detail=first_difference(expected, start, rung.spec.param_names), findings=findings or None,
                      where=[f.where(res.file.name) for f in findings],
                      hint="" if mistake else "np.random.seed(seed), then 2*np.random.random(shape) - 1 for each "
                                              "weight in layer order; biases and beta at 0, gamma at 1.")


# -- the loop ------------------------------------------------------------------
def diagnose(rung: Rung, name: str, mine: list[np.ndarray], start: list[np.ndarray] | None = None):
    """The edit of the spec's lines whose replay gives the learner's numbers for call `name`, or None."""
    spec = rung.spec_of(name)
    for edit in edits.every(spec):
        try:
            with np.errstate(all="ignore"):
                theirs = rung.reference(name, weights=start, lines=edit.lines(spec))
        except Exception:   # an edit that cannot run here (a shape it breaks) is not this learner's
            continue
        if compare.same(theirs, mine):
            return edit
    return None


def diagnose_exception(rung: Rung, name: str, error: dict | None):
    """The edit that raises the same exception as the learner's call (e.g. a bias step not summed):
    the same type and message, else the one edit raising that type, else None."""
    if not error:
        return None
    spec = rung.spec_of(name)
    same_type = []
    for edit in edits.for_spec(spec):
        try:
            with np.errstate(all="ignore"):
                rung.reference(name, weights=None, lines=edit.lines(spec))
        except Exception as exc:   # noqa: BLE001 - the exception IS the answer
            if type(exc).__name__ == error.get("type"):
                if str(exc) == error.get("message"):
                    return edit
                same_type.append(edit)
    return same_type[0] if len(same_type) == 1 else None


def _raised(res: Results, rung: Rung, name: str, what: str) -> None:
    """When call `name` raised, and an edit of the loop raises the same: that mistake, on its lines.
    A longer call raising just as the one-update call did is that same mistake (no second replay)."""
    c = res.call(name)
    if c.status != "exception":
        return
    err = c.error or {}
    step = res.call("step")
    replay = "step" if name != "step" and step.status == "exception" and (step.error or {}) == err else name
    edit = diagnose_exception(rung, replay, err)
    if edit is not None:   # on the line that raised (the traceback's innermost of the learner's frames)
        found = [Finding(line, str(text), (edit.changed(rung.spec) or ["value"])[0], edit.mistake)
                 for line, text in (err.get("frames") or [])[-1:]]
        raise CheckFailed(f"{what} raised {err.get('type')}: {err.get('message')}", mistake=edit.mistake,
                          findings=found, where=[f.where(res.file.name) for f in found])
    right_here = res.call("start").status == "ok" and step.status == "ok"
    if (err.get("type") in ("IndexError", "ValueError") and right_here
            and len(rung.spec_of(name).sizes) != len(rung.spec.sizes)):
        # right at the contract's depth, an error at another: a net written for one depth only
        raise CheckFailed(f"{what} raised {err.get('type')}: {err.get('message')}", mistake=DEPTH_HARD_CODED,
                          where=where_lines(res.file, err))
    if (err.get("type") == "ValueError" and rung.spec_of(name).sizes != rung.spec.sizes and right_here):
        # right at the contract's sizes, a shape error at other sizes: a size written as a number
        raise CheckFailed(f"{what} raised ValueError: {err.get('message')}", mistake=HARD_CODED,
                          where=where_lines(res.file, err))


def _start_or_follows(res: Results, rung: Rung) -> list[np.ndarray]:
    try:
        return _params(res, rung, "start", _call(rung, "start"))
    except CheckFailed as exc:
        raise CheckFailed(f"cannot judge one update without starting parameters ({exc.reason})",
                          hint=FOLLOWS) from None


def check_step(res: Results, rung: Rung) -> None:
    start = _start_or_follows(res, rung)
    what = _call(rung, "step")
    _raised(res, rung, "step", what)
    step = _params(res, rung, "step", what)
    expected = rung.reference("step", weights=start)
    if compare.same(expected, step):
        return
    findings = rungexplain.traced(res, rung, "step", start)
    edit = None if findings else diagnose(rung, "step", step, start)
    raise rungexplain.failure(res, rung, findings, f"{what}: one update from your own starting parameters went wrong",
                              expected, step, rung.spec.param_names, edit,
                              "Your update gives other numbers than the contract's lines.")


def check_full(res: Results, rung: Rung) -> None:
    spec = rung.spec
    what = f"train(X, y) with its defaults ({spec.iterations} iterations, seed {SEED})"
    _raised(res, rung, "full", what)
    full = _params(res, rung, "full", what)
    expected = rung.reference("full")
    if compare.same(expected, full):
        return
    # a mistake of the loop's own state shows in a later update: traced at the contract's settings
    start = _mine(res, rung, "start")
    findings = rungexplain.traced(res, rung, "step", start) if start is not None else []
    seed_run = None if findings else _mine(res, rung, "seed")
    edit = diagnose(rung, "seed", seed_run) if seed_run else None
    raise rungexplain.failure(res, rung, findings, f"{what} does not end on the reference's parameters",
                              expected, full, spec.param_names, edit,
                              "Check your defaults against the contract: " + _defaults(rung) + ".")


def _defaults(rung: Rung) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in {**rung.defaults, "iterations": rung.spec.iterations,
                                                 "seed": SEED}.items())


def _mine(res: Results, rung: Rung, name: str):
    try:
        return _params(res, rung, name, name)
    except CheckFailed:
        return None


def check_others(res: Results, rung: Rung) -> None:
    """Another seed, then each set of other settings (other1, other2, ...: another target)."""
    calls = [("seed", "another seed")] + [(n, "other settings and another target") for n in rung.other_names]
    for name, label in calls:
        what = _call(rung, name)
        _raised(res, rung, name, what)
        mine = _params(res, rung, name, what)
        expected = rung.reference(name)
        if not compare.same(expected, mine):
            findings = rungexplain.traced(res, rung, name, None)
            edit = None if findings else diagnose(rung, name, mine)
            raise rungexplain.failure(res, rung, findings, f"{what}: with {label} the parameters are not right",
                                      expected, mine, rung.spec_of(name).param_names, edit,
                                      "Use every argument you are given (seed, sizes, rates), not fixed values; "
                                      "and keep state that must last (shuffles, velocities) across iterations.")


def check_learns(res: Results, rung: Rung) -> None:
    _raised(res, rung, "full", "train(X, y)")
    full = _params(res, rung, "full", "train(X, y)")
    X, y = rung.inputs["X"], rung.inputs["y"]
    out = engine.predict(X, full, rung.spec)
    error = float(np.mean(np.abs(y - out)))
    wrong = int(np.sum((out > 0.5) != (y > 0.5)))
    if wrong or not error < LEARNED:
        raise CheckFailed(f"after training, {wrong} of {len(y)} examples are on the wrong side of 0.5 "
                          f"and the mean error is {error:.3g} (should be under {LEARNED})",
                          detail=f"output:\n{compact(out.T)}\ntarget:\n{compact(y.T)}",
                          hint="A net that does not learn usually moves the weights the wrong way or not at all.")


LEARNED = 0.25


def check_predict(res: Results, rung: Rung) -> None:
    weights = [rung.inputs[f"w{i}"] for i in range(len(rung.spec.param_names))]
    (mine,) = got(res, "predict", 1, "predict(X, syn0, syn1)")
    expected = engine.predict(rung.inputs["X"], weights, rung.spec)
    if not compare.close(expected, mine, compare.RTOL_OUT, compare.ATOL_OUT):
        dropped = mine.shape == expected.shape and not compare.close(expected, mine, compare.RTOL_DROPPED, compare.ATOL_DROPPED)
        raise CheckFailed("predict(X, syn0, syn1) is not the net's output with every unit kept",
                          mistake=DROPOUT_AT_PREDICTION if dropped else None,
                          detail=f"expected:\n{compact(expected.T)}\nyours:\n{compact(mine.T)}",
                          hint="" if dropped else "predict is the forward pass alone: no mask, no scaling.")


DROPOUT_AT_PREDICTION = mistakes.get("dropout-at-prediction")


# The inputs-unchanged check is the same for every net (and says so in the same words).
check_inputs = netchecks.check_inputs
