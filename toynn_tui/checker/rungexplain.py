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

from toynn_tui.checker import rungtrace, wording
from toynn_tui.checker.harness import CheckFailed, Results, first_difference, pair
from toynn_tui.checker.trace import Finding
from toynn_tui.i18n import N_, _

# TOYNN_TRACE=off skips the line-by-line trace (a course that wants verdicts only, or the benchmark)
ENV_VAR = "TOYNN_TRACE"


def tracing() -> bool:
    return os.environ.get(ENV_VAR, "on").strip().lower() not in ("off", "0", "no")


def traced(res: Results, rung, name: str, start: list[np.ndarray] | None, updates: int | None = None):
    """The trace's findings for call `name` from the learner's `start` (fetched when None);
    None when tracing is off, [] when it found nothing or could not run."""
    if not tracing():
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
NOT_SEEDED = N_("This likely follows from the failure above: your starting parameters change from call to call "
                "(np.random.seed(seed) missing?), so no update can be compared with the contract's from the same start.")


def _start_of(job, rung, name: str) -> list[np.ndarray] | None:
    """The learner's own starting parameters at call `name`'s settings (iterations=0)."""
    from toynn_tui.checker.sandbox import Call
    target, seed, _iterations, kwargs = rung.calls[name]
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
            mistake=None, otherwise: str = "", detail: str = "") -> CheckFailed:
    """The CheckFailed of a wrong run: its traced findings when there are any, else `mistake` (a
    whole-run diagnosis, or None) with `otherwise` as the hint; `detail` is added under the numbers."""
    file = res.file.name
    if findings:
        first = findings[0]
        named = next((f.mistake for f in findings if f.mistake is not None), None)
        if first.expected is not None and first.yours is not None and first.expected.shape == first.yours.shape:
            shown = pair(_("{name} (update {count}, your line {line})").format(
                name=first.node, count=first.count, line=first.local_line or first.line),
                         first.expected, first.yours)
        else:
            shown = first_difference(expected, mine, names)
        if len(findings) > 1:
            reason = _("{reason} ({n} mistakes, each on its line below)").format(reason=reason, n=len(findings))
        hint = "" if named else _("Compare the line named above with the contract's line quoted beside it: "
                                  "the values from that line on are not the contract's.")
        return CheckFailed(reason, mistake=findings[0].mistake or named, detail="\n".join(filter(None, (shown, detail))),
                           findings=findings,
                           where=[f.where(file) for f in findings], hint=hint)
    numbers = "\n".join(filter(None, (first_difference(expected, mine, names), detail)))
    if findings is UNSEEDED:
        return CheckFailed(reason, detail=numbers, hint=_(NOT_SEEDED))
    return CheckFailed(reason, mistake=mistake, detail=numbers, hint="" if mistake else otherwise)


def diagnose_exception(rung, name: str, error: dict | None):
    """The edit that raises the same exception as the learner's call (e.g. a bias step not summed):
    the same type and message, else the one edit raising that type, else None."""
    from toynn_tui.checker.mistakes import edits
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


def raised(res: Results, rung, name: str, what: str) -> None:
    """When call `name` raised, and an edit of the loop raises the same: that mistake, on its lines.
    A longer call raising just as the one-update call did is that same mistake (no second replay).
    Right at the contract's sizes and wrong at others: a depth or a size written as a number."""
    from toynn_tui.checker import mistakes
    from toynn_tui.checker.harness import where_lines
    c = res.call(name)
    if c.status != "exception":
        return
    err = c.error or {}
    step = res.call("step")
    replay = "step" if name != "step" and step.status == "exception" and (step.error or {}) == err else name
    edit = diagnose_exception(rung, replay, err)
    headline = _("{what} raised {type}: {message}").format(
        what=what, type=err.get('type'), message=wording.exception(str(err.get('type')), str(err.get('message'))))
    if edit is not None:   # on the line that raised (the traceback's innermost of the learner's frames)
        found = [Finding(line, str(text), (edit.changed(rung.spec) or ["value"])[0], edit.mistake)
                 for line, text in (err.get("frames") or [])[-1:]]
        raise CheckFailed(headline, mistake=edit.mistake, findings=found, where=[f.where(res.file.name) for f in found])
    right_here = res.call("start").status == "ok" and step.status == "ok"
    other = rung.spec_of(name).sizes
    if err.get("type") in ("IndexError", "ValueError") and right_here and len(other) != len(rung.spec.sizes):
        # right at the contract's depth, an error at another: a net written for one depth only
        raise CheckFailed(headline, mistake=mistakes.get("depth-hard-coded"), where=where_lines(res.file, err))
    if err.get("type") == "ValueError" and other != rung.spec.sizes and right_here:
        # right at the contract's sizes, a shape error at other sizes: a size written as a number
        raise CheckFailed(headline, mistake=mistakes.get("size-hard-coded"), where=where_lines(res.file, err))
