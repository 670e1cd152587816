"""The checks of every network exercise (the article's two nets and the ladder's rungs), from its Rung.

Each takes the child's results and the Rung and raises `CheckFailed` naming,
when the learner's numbers show it, the mistake and the learner's lines it is
on. The order is deliberate: the starting parameters first, then ONE update
from the learner's own start, so a bad draw and a bad update are told apart;
then the run with the defaults (the article's printed numbers, for a spec that
prints them: `article`), another seed and other settings, whether it learns,
and the inputs left unchanged. A check failing after an earlier one, with no
mistake of its own, says it follows from that one (`_follows`).
"""
from __future__ import annotations

import functools

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare, gradcheck, mistakes, rungexplain, rungloop, rungstart
from toynn_tui.checker.harness import CheckFailed, Results, compact, first_difference, got, in_place_failure, ensure_loaded
from toynn_tui.checker.mistakes.step import edited
from toynn_tui.checker.rungs import SEED, Rung
from toynn_tui.i18n import N_, _

FOLLOWS = N_("This likely follows from the failure above: fix that one first.")
FOLLOWS_MISTAKE = N_("This likely follows from the failure above ({mistake}): fix that one first.")
HARD_CODED = mistakes.get("size-hard-coded")
# Mistakes of the loop, not of the draw: with iterations=0 they return parameters already updated,
# which may stray just past -1 or 1 (one too many: -1.00353). "Out of range" would then send
# the learner to the draw, which is right, instead of to the loop, which is not.
UPDATED = frozenset({"one-iteration-too-many", "ignores-iterations"})
LEARNED = 0.25   # mean |error| the run with the defaults must get under, every example on its side of 0.5


def recorded(check):
    """`check`, its verdict on a Results kept (`res.outcomes`): the grading test runs it, and a later
    check that words its hint after it (`_follows`) is handed the same verdict, not a second run."""
    @functools.wraps(check)
    def run(res: Results, rung: Rung) -> None:
        name = check.__name__
        if name not in res.outcomes:
            try:
                check(res, rung)
                res.outcomes[name] = None
            except Exception as exc:   # CheckFailed, or a fault of ours: the same either way next time
                res.outcomes[name] = exc
        if res.outcomes[name] is not None:
            raise res.outcomes[name]
    return run


def _follows(res: Results) -> str:
    """The hint of a check failing after the start or the update failed, or after any check that named
    a mistake: generic advice ("use the seed you are given") would then send the learner the wrong way."""
    for name, exc in res.outcomes.items():
        if isinstance(exc, CheckFailed) and (name in ("check_start", "check_step") or exc.mistake is not None):
            return _(FOLLOWS_MISTAKE).format(mistake=exc.mistake.title) if exc.mistake is not None else _(FOLLOWS)
    return ""


def params(res: Results, rung: Rung, name: str, what: str) -> list[np.ndarray]:
    """The parameters call `name` returned, of the contract's count, shapes and finite."""
    spec = rung.spec_of(name)
    arrays = got(res, name, len(spec.param_names), what)
    for pname, arr, shape in zip(spec.param_names, arrays, spec.param_shapes().values()):
        if arr.shape != shape:
            mistake = _shape_mistake(rung, name, arrays, arr.shape, shape)
            raise CheckFailed(_("{what}: {name} has shape {got}, expected {shape}").format(
                what=what, name=pname, got=arr.shape, shape=shape), mistake=mistake, hint="" if mistake else
                _follows(res) or _("train returns {names}, in that order.").format(names=", ".join(spec.param_names)))
    if not all(np.isfinite(a).all() for a in arrays):   # a symptom, not a mistake: the cause is named above
        raise CheckFailed(_("{what} contains NaN or infinity").format(what=what), hint=_follows(res) or
                          _("The numbers overflowed: fix the first failure above, which makes them grow."))
    return arrays


def _shape_mistake(rung: Rung, name: str, arrays, got_shape, want):
    if name == "start":
        found = mistakes.diagnose_init(rung.spec_of(name), SEED, arrays, rung.inputs["X"], rung.inputs["y"])
        if found is not None:
            return found
    if got_shape == tuple(reversed(want)) and len(want) == 2:
        return mistakes.get("transposed")
    if 4 in got_shape and 4 not in want:
        return HARD_CODED
    return None


def call_text(rung: Rung, name: str) -> str:
    target, seed, iterations, kwargs = rung.calls[name]
    if iterations is None:
        return f"train(X, {target})"
    kw = ", ".join(f"{k}={v!r}" for k, v in {**kwargs, "iterations": iterations, "seed": seed}.items())
    return f"train(X, {target}, {kw})"


def mine(res: Results, rung: Rung, name: str):
    """Call `name`'s parameters, or None when they cannot be judged (the failure is said elsewhere)."""
    try:
        return params(res, rung, name, name)
    except CheckFailed:
        return None


# -- the starting draw ---------------------------------------------------------
@recorded
def check_start(res: Results, rung: Rung) -> None:
    what = call_text(rung, "start")
    start = params(res, rung, "start", what)
    expected = rung.reference("start")
    if compare.same(expected, start):
        return
    diagnosed = mistakes.diagnose_init(rung.spec_of("start"), SEED, start, rung.inputs["X"], rung.inputs["y"])
    if diagnosed is not None and diagnosed.id in UPDATED:   # an update is no draw's fault: the loop's line is
        found = rungloop.loop_line(res.job.source) if res.job is not None else None
        mistake, findings = diagnosed, [found] if found is not None else []
        for f in findings:
            f.mistake = mistake
    else:
        mistake, findings = rungstart.explain(res, rung, start, expected, diagnosed)
        mistake = mistake or next((f.mistake for f in findings if f.mistake is not None), None)
    raise CheckFailed(_("{what}: {why}").format(what=what, why=_start_reason(mistake, start, rung)), mistake=mistake,
                      detail=first_difference(expected, start, rung.spec.param_names), findings=findings or None,
                      where=[f.where(res.file.name) for f in findings],
                      hint="" if mistake else _("np.random.seed(seed), then 2*np.random.random(shape) - 1 for each "
                                                "weight in layer order; biases and beta at 0, gamma at 1."))


def _start_reason(mistake, start: list[np.ndarray], rung: Rung) -> str:
    """The headline of a wrong start, agreeing with the mistake diagnosed (if any)."""
    if mistake is not None and mistake.id in UPDATED:
        return _("these are not the starting parameters: they have already been updated")
    syns = [a for a, n in zip(start, rung.spec.param_names) if n.startswith("syn")]
    lo, hi = min(a.min() for a in syns), max(a.max() for a in syns)
    if (mistake is not None and mistake.id == "wrong-range") or (mistake is None and (lo < -1 or hi >= 1)):
        return _("the starting weights should spread over [-1, 1), yours run from {lo} to {hi}").format(
            lo=f"{lo:.6g}", hi=f"{hi:.6g}")
    return _("the starting parameters are not the seeded draw")


# -- the loop ------------------------------------------------------------------
def _start_or_follows(res: Results, rung: Rung) -> list[np.ndarray]:
    try:
        return params(res, rung, "start", call_text(rung, "start"))
    except CheckFailed as exc:
        raise CheckFailed(_("cannot judge one update without starting parameters ({why})").format(why=exc.reason),
                          hint=_(FOLLOWS)) from None


@recorded
def check_step(res: Results, rung: Rung) -> None:
    start = _start_or_follows(res, rung)
    what = call_text(rung, "step")
    rungexplain.raised(res, rung, "step", what)
    step = params(res, rung, "step", what)
    expected = rung.reference("step", weights=start)
    if compare.same(expected, step):
        return
    spec, X, y = rung.spec_of("step"), rung.inputs["X"], rung.inputs["y"]
    findings = rungexplain.traced(res, rung, "step", start)
    # the whole update's diagnosis, when the trace found no line (none to trace, or tracing off)
    mistake = None if findings else mistakes.diagnose_step(spec, X, y, start, step, SEED)
    detail = ""
    if gradcheck.applies(spec):
        detail = gradcheck.describe(spec.param_names, gradcheck.relative_errors(X, y, start, step, spec))
    reason = _("{what}: one update from your own starting parameters went wrong").format(what=what)
    raise rungexplain.failure(res, rung, findings, reason, expected, step, spec.param_names, mistake,
                              _follows(res) or _("Your update gives other numbers than the contract's lines."), detail)


def whole_run(res: Results, rung: Rung, name: str, got_params: list[np.ndarray]):
    """The mistake a whole run `name` shows (a count or a seed written as a number, or an edit of the
    lines replayed over the run), or None."""
    target, seed, iterations, _kwargs = rung.calls[name]
    spec, X, y = rung.spec_of(name), rung.inputs["X"], rung.inputs[target]
    n = spec.iterations if iterations is None else iterations
    found = mistakes.diagnose_run(spec, X, y, seed, n, got_params, default=rung.spec.iterations)
    if found is None:
        edit = edited(spec, X, y, seed, n, got_params)
        found = edit.mistake if edit is not None else None
    return found


@recorded
def check_full(res: Results, rung: Rung) -> None:
    spec = rung.spec
    what = _("train(X, y) with its defaults ({iterations} iterations, seed {seed})").format(
        iterations=spec.iterations, seed=SEED)
    rungexplain.raised(res, rung, "full", what)
    full = params(res, rung, "full", what)
    expected = rung.reference("full")
    if rung.matches("full", full):
        return
    raise full_failure(res, rung, full, expected, _("{what} does not end on the reference's parameters").format(what=what))


def full_failure(res: Results, rung: Rung, full, expected, reason: str) -> CheckFailed:
    """A wrong run with the defaults: a mistake of the loop's own state shows in a later update, so the
    update is traced at the contract's settings; else the whole run (or the short one) is diagnosed."""
    start = mine(res, rung, "start")
    findings = rungexplain.traced(res, rung, "step", start) if start is not None else []
    mistake = None
    if not findings:
        mistake = _float32(res) or whole_run(res, rung, "full", full)
        seed_run = None if mistake else mine(res, rung, "seed")
        mistake = mistake or (whole_run(res, rung, "seed", seed_run) if seed_run is not None else None)
    return rungexplain.failure(res, rung, findings, reason, expected, full, rung.spec.param_names, mistake,
                               _follows(res) or _("Check your defaults against the contract: {defaults}.").format(
                                   defaults=_defaults(rung)))


def _float32(res: Results):
    """float32 parameters (the values come back as float64, their dtype is reported apart)."""
    if any(d in ("<f4", "<f2", "|f1") for c in res.run.calls for d in c.dtypes):
        return mistakes.get("float32")
    return None


def _defaults(rung: Rung) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in {**rung.defaults, "iterations": rung.spec.iterations,
                                                 "seed": SEED}.items())


@recorded
def check_others(res: Results, rung: Rung) -> None:
    """Another seed, then each set of other settings (other1, other2, ...: another target)."""
    calls = [("seed", _("{what}: with another seed the parameters are not right"))] + [
        (n, _("{what}: with other settings and another target the parameters are not right")) for n in rung.other_names]
    for name, label in calls:
        what = call_text(rung, name)
        rungexplain.raised(res, rung, name, what)
        got_params = params(res, rung, name, what)
        expected = rung.reference(name)
        if not rung.matches(name, got_params):
            findings = rungexplain.traced(res, rung, name, None)
            mistake = None if findings else (_float32(res) or whole_run(res, rung, name, got_params))
            raise rungexplain.failure(res, rung, findings, label.format(what=what),
                                      expected, got_params, rung.spec_of(name).param_names, mistake,
                                      _follows(res) or _("Use every argument you are given (seed, sizes, rates), not "
                                                         "fixed values; and keep state that must last (shuffles, "
                                                         "velocities) across iterations."))


@recorded
def check_learns(res: Results, rung: Rung) -> None:
    rungexplain.raised(res, rung, "full", "train(X, y)")
    full = params(res, rung, "full", "train(X, y)")
    X, y = rung.inputs["X"], rung.inputs["y"]
    out = engine.predict(X, full, rung.spec)
    error = float(np.mean(np.abs(y - out)))
    wrong = int(np.sum((out > 0.5) != (y > 0.5)))
    if wrong or not error < LEARNED:
        raise CheckFailed(_("after training, {wrong} of {total} examples are on the wrong side of 0.5 "
                            "and the mean error is {error} (should be under {limit})").format(
                              wrong=wrong, total=len(y), error=f"{error:.3g}", limit=LEARNED),
                          detail=_("output:\n{output}\ntarget:\n{target}").format(output=compact(out.T), target=compact(y.T)),
                          hint=_follows(res) or _("A net that does not learn usually moves the weights the wrong "
                                                  "way or not at all."))


DROPOUT_AT_PREDICTION = mistakes.get("dropout-at-prediction")


def check_predict(res: Results, rung: Rung) -> None:
    weights = [rung.inputs[f"w{i}"] for i in range(len(rung.spec.param_names))]
    (yours,) = got(res, "predict", 1, "predict(X, syn0, syn1)")
    expected = engine.predict(rung.inputs["X"], weights, rung.spec)
    if not compare.close(expected, yours, compare.RTOL_OUT, compare.ATOL_OUT):
        dropped = yours.shape == expected.shape and not compare.close(expected, yours, compare.RTOL_DROPPED,
                                                                      compare.ATOL_DROPPED)
        raise CheckFailed(_("predict(X, syn0, syn1) is not the net's output with every unit kept"),
                          mistake=DROPOUT_AT_PREDICTION if dropped else None,
                          detail=_("expected:\n{expected}\nyours:\n{yours}").format(
                              expected=compact(expected.T), yours=compact(yours.T)),
                          hint="" if dropped else _("predict is the forward pass alone: no mask, no scaling."))


def check_inputs(res: Results) -> None:
    """Fail when the learner's code changed the arrays it was given."""
    ensure_loaded(res)
    failure = in_place_failure(res, {"y_other": "y"})   # another target is given as y all the same
    if failure is not None:
        raise failure
    if not any(c.status == "ok" for c in res.run.calls):
        # then every check above failed too (each needs a call that returned)
        raise CheckFailed(_("no call returned, so this could not be checked"), hint=_(FOLLOWS))
