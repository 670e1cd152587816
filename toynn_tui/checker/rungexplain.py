"""What a failing rung check says: the traced lines, else a whole-run diagnosis, else the numbers.

Called only once a check has failed (a correct file never pays for it). The
value trace (`rungtrace.find`) comes first: it names a mistake only where the
learner's own numbers on that line are the mistake's, and otherwise says which
line departs from which line of the contract. When the trace cannot run (no
loop in train to trace, the weights kept in an object, TOYNN_TRACE=off) the
whole-run replay of the mistakes library is tried, which names a mistake only
when its run gives the learner's parameters exactly, with no line guessed.
"""
from __future__ import annotations

import os

import numpy as np

from toynn_tui.checker import explain, rungtrace
from toynn_tui.checker.harness import CheckFailed, Results, first_difference, pair
from toynn_tui.checker.trace import Finding


def traced(res: Results, rung, name: str, start: list[np.ndarray] | None, updates: int | None = None):
    """The trace's findings for call `name` from the learner's `start` (fetched when None);
    None when tracing is off, [] when it found nothing or could not run."""
    if os.environ.get(explain.ENV_VAR, "on").strip().lower() in ("off", "0", "no"):
        return None
    job = res.job
    if job is None:
        return []
    if name in res.traces:
        return res.traces[name]
    if res.traces.get("step"):   # a later check failing after the update did: the same mistakes
        return res.traces["step"]
    res.traces[name] = found = _find(job, rung, name, start, updates)
    return found


def _find(job, rung, name, start, updates):
    try:
        if start is None:
            start = _start_of(job, rung, name)
            if start is None:
                return []
        return rungtrace.find(job, rung, name, start, updates)
    except rungtrace.Unseeded:
        return UNSEEDED
    except Exception:   # the explanation is a bonus: a failure here must not hide the verdict
        return []


# the trace's answer for a file whose every call draws another start (and whose loop draws too)
UNSEEDED: list = []
NOT_SEEDED = ("This follows from the starting parameters above: they change from call to call (np.random.seed(seed) "
              "missing?), so no update can be compared with the contract's from the same start.")


def _start_of(job, rung, name: str) -> list[np.ndarray] | None:
    """The learner's own starting parameters at call `name`'s settings (iterations=0)."""
    from toynn_tui.checker.sandbox import Call
    target, seed, _, kwargs = rung.calls[name]
    spec = rung.spec_of(name)
    call = Call("train", ("X", target), {**kwargs, "iterations": 0, "seed": seed}, len(spec.param_names))
    run = job.run({"X": rung.inputs["X"], target: rung.inputs[target]}, [call])
    c = run.calls[0] if run.calls else None
    if c is None or c.status != "ok":
        return None
    shapes = list(spec.param_shapes().values())
    if [a.shape for a in c.arrays] != shapes:
        return None
    return c.arrays


def failure(res: Results, rung, findings: list[Finding] | None, reason: str, expected, mine, names,
            fallback=None, otherwise: str = "") -> CheckFailed:
    """The CheckFailed of a wrong run: its traced findings when there are any, else `fallback` (a
    whole-run edit, or None) with `otherwise` as the hint."""
    file = res.file.name
    if findings:
        named = next((f.mistake for f in findings if f.mistake is not None), None)
        first = findings[0]
        if first.expected is not None and first.yours is not None and first.expected.shape == first.yours.shape:
            detail = pair(f"{first.node} (update {first.count}, your line {first.local_line or first.line})",
                          first.expected, first.yours)
        else:
            detail = first_difference(expected, mine, names)
        if len(findings) > 1:
            reason += f" ({len(findings)} mistakes, each on its line below)"
        hint = "" if named else ("Compare the line named above with the contract's line quoted beside it: "
                                 "the values from that line on are not the contract's.")
        return CheckFailed(reason, mistake=findings[0].mistake or named, detail=detail, findings=findings,
                           where=[f.where(file) for f in findings], hint=hint)
    if findings is UNSEEDED:
        return CheckFailed(reason, detail=first_difference(expected, mine, names), hint=NOT_SEEDED)
    mistake = fallback.mistake if fallback is not None else None
    return CheckFailed(reason, mistake=mistake, detail=first_difference(expected, mine, names),
                       hint="" if mistake else otherwise)
