"""A rung's wrong starting parameters: which draw lines give other numbers, and why, when it is known.

The learner's train(X, y, iterations=0) runs once more in the sandbox, traced:
every array bound before the training loop is a candidate draw. Each is judged
against the seeded reference start of the parameter it is (by the contract's
name, else by shape, in the contract's order), and every line that gives other
numbers is named. The mistake, on the first of them, is named only when the
numbers show it:
- another start on the second call with the same seed: not seeded (or seeded
  from something else than `seed`);
- one of the known wrong draws (`mistakes.runs.start_candidates`) giving exactly
  these numbers.
"""
from __future__ import annotations

import numpy as np

from toynn_tui.checker import compare, rungloop
from toynn_tui.checker.mistakes import get
from toynn_tui.checker.sandbox import Call
from toynn_tui.checker.trace import Finding
from toynn_tui.i18n import _


def explain(res, rung, start: list[np.ndarray], expected: list[np.ndarray], diagnosed):
    """(mistake or None, findings) for wrong starting parameters `start` (the seeded draw: `expected`)."""
    job = res.job
    if job is None:
        return diagnosed, []
    target, seed, _iterations, kwargs = rung.calls["start"]
    spec = rung.spec_of("start")
    call = Call("train", ("X", target), {**kwargs, "iterations": 0, "seed": seed}, len(spec.param_names),
                trace=[], passes=3)
    try:
        run = job.run({"X": rung.inputs["X"], target: rung.inputs[target]}, [call])
    except Exception:   # the explanation is a bonus: a failure here must not hide the verdict
        return diagnosed, []
    again = run.calls[0] if run.calls else None
    if again is None or again.status != "ok":
        return diagnosed, []
    mistake = diagnosed
    if not compare.same(start, again.arrays):   # the same call twice, two starts: no seed fixes them
        mistake = get("not-seeded")
    return mistake, _lines(res, spec, again.trace, expected, mistake)


def _lines(res, spec, trace, expected, mistake) -> list[Finding]:
    """The draw lines whose numbers are not the seeded draw's, replaying the learner's own order of
    draws on the seed's stream, so a line right after an extra draw is not blamed for its shift."""
    if trace is None:
        return []
    source = res.job.source.decode("utf-8", "replace")
    loop, src = rungloop.loop_of(source), source.splitlines()
    names = list(spec.param_names)
    want = dict(zip(names, expected))
    rng = np.random.RandomState(rungs_seed())
    judged, findings, shifted = set(), [], False
    for r in trace.records:
        if loop is not None and r.line >= loop.header:
            continue
        which = r.name if r.name in want and r.value.shape == want[r.name].shape else next(
            (n for n in names if n not in judged and r.value.shape in (want[n].shape, want[n].T.shape)), None)
        if which is None or which in judged:
            continue
        judged.add(which)
        ok = r.value.shape == want[which].shape and compare.close(want[which], r.value)
        found, shifted = _judge(r.value, which, want[which], rng, ok, shifted, len(findings) == 0 and mistake)
        if found is not False:
            text = src[r.line - 1].strip() if 0 < r.line <= len(src) else ""
            f = Finding(r.line, text, which, found, want[which], r.value)
            f.should = "" if found else _("{name} is not the seeded draw").format(name=which)
            findings.append(f)
    if mistake is not None and mistake.id == "not-seeded" and findings:
        findings = findings[:1]   # every draw differs: the first, where the seed belongs before
        findings[0].mistake = mistake
    elif findings and findings[0].mistake is None and mistake is not None:
        findings[0].mistake = mistake
    return findings


def rungs_seed() -> int:
    from toynn_tui.checker.rungs import SEED
    return SEED


def _judge(value, which, want, rng, ok, shifted, first_mistake):
    """(the line's mistake, None when unknown, False when the line is right; whether the stream has
    been shifted by an extra draw), drawing this line's numbers on the learner's own order."""
    same = lambda a: a.shape == value.shape and compare.close(a, value)   # noqa: E731
    if which.startswith("syn"):
        drawn = 2 * rng.random_sample(want.shape) - 1
        if ok:
            return False, shifted
        if same(drawn):   # the seed's next numbers: right for the learner's order of draws
            return (False if shifted else get("draw-order-reversed")), shifted
        if same((drawn + 1) / 2):
            return get("wrong-range"), shifted
        if same(2 * np.random.RandomState(rungs_seed()).random_sample(want.shape) - 1):
            return get("seeded-twice"), shifted
        return None, shifted
    if ok:
        return False, shifted
    extra = rng.random_sample(value.shape)
    if same(2 * extra - 1) or same(extra):
        return get("extra-params-drawn"), True
    return None, shifted
