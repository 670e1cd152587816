"""The article's printed numbers, as a check a spec turns on (`Spec.printed`).

The article's two scripts print something a learner can hold their run against:
Part 1 the output of its last forward pass after training ("output": the weights
after all but the last update), Part 2 the error every 10 000 iterations
("errors": the first two lines, from the start and after 10 000 updates, are
where a wrong loop first shows). This check stands in for the run-with-defaults
check: when the run ends on the reference's parameters it passes; otherwise it
says where the printed numbers first part from the learner's, then that the
final weights are not the article's. Every expected number comes from the engine.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare, mistakes, rungexplain
from toynn_tui.checker.harness import CheckFailed, Results, got, pair
from toynn_tui.checker.rungchecks import SEED, _float32, _follows, full_failure, params, recorded
from toynn_tui.checker.rungs import Rung
from toynn_tui.checker.sandbox import Call
from toynn_tui.report import ERROR_EVERY, py2_float
from toynn_tui.i18n import _, ngettext


def points(spec: engine.Spec) -> list[int]:
    """The iterations whose parameters the printout shows, in the order it shows them (as far as needed)."""
    if spec.printed == "errors":
        return [0, ERROR_EVERY]
    if spec.printed == "output":
        return [spec.iterations - 1]
    return []


def error_text(rung: Rung, weights: list[np.ndarray]) -> str:
    """The article's 'Error:' figure for these weights, printed the way Python 2 printed it."""
    X, y = rung.inputs["X"], rung.inputs["y"]
    return py2_float(float(np.mean(np.abs(y - engine.predict(X, weights, rung.spec)))))


def _at(res: Results, rung: Rung, n: int) -> list[np.ndarray]:
    """The learner's parameters after `n` updates with the defaults' seed: the start call's for 0, else
    one more sandboxed call, made only now that the run is known to be wrong."""
    if n == 0:
        return params(res, rung, "start", "train(X, y, iterations=0, seed=1)")
    spec, what = rung.spec, f"train(X, y, iterations={n}, seed={SEED})"
    count = len(spec.param_names)
    res.lazy(f"printed{n}", Call("train", ("X", "y"), {**rung.defaults, "iterations": n, "seed": SEED}, count),
             {"X": rung.inputs["X"], "y": rung.inputs["y"]})
    arrays = got(res, f"printed{n}", count, what)
    shapes = list(spec.param_shapes().values())
    if [a.shape for a in arrays] != shapes or not all(np.isfinite(a).all() for a in arrays):
        raise CheckFailed(_("{what} does not return {names} of the contract's shapes").format(
            what=what, names=", ".join(spec.param_names)),
                          hint=_follows(res))
    return arrays


def _printed_failure(res: Results, rung: Rung, n: int, expected, yours) -> CheckFailed | None:
    """The failure of the printout at `n` updates, or None when it is the article's."""
    spec, X, y = rung.spec, rung.inputs["X"], rung.inputs["y"]
    if spec.printed == "errors":
        want, have = error_text(rung, expected), error_text(rung, yours)
        if want == have:
            return None
        # "Error:" is what the article's script prints: it stays as printed in every language
        reason, detail = (ngettext("the error after {n} iteration is not the article's",
                                   "the error after {n} iterations is not the article's", n).format(n=n),
                          _("expected  Error:{expected}\nyours     Error:{yours}").format(expected=want, yours=have))
    else:
        want, have = engine.predict(X, expected, spec), engine.predict(X, yours, spec)
        if compare.close(want, have, compare.RTOL_OUT, compare.ATOL_OUT):
            return None
        reason, detail = _("the output after training is not the article's"), pair(_("l1 (the output)"), want, have)
    mistake = _float32(res) or mistakes.diagnose_run(spec, X, y, SEED, n, yours)
    start = params(res, rung, "start", "train(X, y, iterations=0, seed=1)") if n else None
    findings = rungexplain.traced(res, rung, "step", start) if (start is not None and not mistake) else []
    failure = rungexplain.failure(res, rung, findings, reason, expected, yours, spec.param_names, mistake,
                                  _follows(res))
    failure.detail = "\n".join(filter(None, (detail, failure.detail)))
    return failure


@recorded
def check_article(res: Results, rung: Rung) -> None:
    spec = rung.spec
    what = "train(X, y)"
    rungexplain.raised(res, rung, "full", what)
    full = params(res, rung, "full", what)
    expected = rung.reference("full")
    if rung.matches("full", full):   # a run that ends on the article's weights printed its numbers on the way
        return
    for n in points(spec):
        reference = rung.reference("start") if n == 0 else _trained(rung, n)
        failure = _printed_failure(res, rung, n, reference, _at(res, rung, n))
        if failure is not None:
            raise failure
    raise full_failure(res, rung, full, expected, _("train(X, y) with its default arguments does not end on the "
                                                    "article's weights ({iterations} iterations, seed {seed})").format(
                                                        iterations=spec.iterations, seed=SEED))


def _trained(rung: Rung, n: int) -> list[np.ndarray]:
    from toynn_tui.checker.runs import trained
    return trained(rung.spec, rung.inputs["X"], rung.inputs["y"], SEED, n)
