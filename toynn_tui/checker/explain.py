"""What the grading checks add under a wrong start or step: the exact lines, and the gradient check.

Called only when a check already failed (a correct file never pays for it):
- `start_lines`: the draw line(s) that give other numbers than the seeded draw;
- `step_lines`: every wrong line of the first iteration, in loop order (`rungtrace.find`, as every net);
- `gradient`: per weight, how far the learner's one-step change is from the
  numerical gradient's (`gradcheck`).
Each takes the job graded (`res.job`) and runs the learner's file again in the
sandbox, with the job's own source.
"""
from __future__ import annotations

import os

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import gradcheck, trace
from toynn_tui.checker.harness import WEIGHT_NAMES
from toynn_tui.checker.job import Job
from toynn_tui.checker.mistakes.catalogue import Mistake

TRACE_TIMEOUT = 10.0   # seconds for one traced call; the untraced call already ran within its limit
# TOYNN_TRACE=off skips the line-by-line trace (a course that wants verdicts only, or the benchmark)
ENV_VAR = "TOYNN_TRACE"


def _quietly(find, *args) -> list[trace.Finding]:
    """`find(*args)`, or [] when it fails: the explanation is a bonus, a failure here must not
    hide the verdict."""
    try:
        return find(*args)
    except Exception:
        return []


def _tracing() -> bool:
    return os.environ.get(ENV_VAR, "on").strip().lower() not in ("off", "0", "no")


def _timeout(job: Job) -> float:
    limit = job.timeout
    return min(limit, TRACE_TIMEOUT) if limit else TRACE_TIMEOUT


def step_lines(job: Job, layers: int, y: np.ndarray, start: list[np.ndarray],
               seed: int) -> list[trace.Finding] | None:
    """None when tracing is off (the report then falls back to the mistake's usual lines).
    The one value trace every net has (`rungtrace`), on this exercise's spec: one update."""
    if not _tracing():
        return None
    return _quietly(_step_trace, job, start)


def _step_trace(job: Job, start: list[np.ndarray]) -> list[trace.Finding]:
    from toynn_tui import ladder
    from toynn_tui.checker import rungtrace
    from toynn_tui.checker.rungs import Rung
    try:
        return rungtrace.find(job, Rung(ladder.get(job.exercise)), "step", start, 1)
    except rungtrace.Unseeded:   # the start check says it: another start at every call
        return []


def start_lines(res, start: list[np.ndarray], diagnosed: Mistake | None) -> list[trace.Finding] | None:
    """The draw lines that give other numbers than the seeded draw (`rungstart`, as every net)."""
    if not _tracing():
        return None
    from toynn_tui import ladder
    from toynn_tui.checker import rungstart
    from toynn_tui.checker.rungs import Rung
    rung = Rung(ladder.get(res.job.exercise))
    return _quietly(lambda: rungstart.explain(res, rung, start, rung.reference("start"), diagnosed)[1])


def loop_line(job: Job, mistake: Mistake) -> list[trace.Finding]:
    """The loop's own line, named with `mistake` (an iteration count seen in the weights, not in a line)."""
    from toynn_tui.checker import rungtrace
    found = rungtrace.loop_line(job.source)
    if found is None:
        return []
    found.mistake = mistake
    return [found]


def gradient(y: np.ndarray, start: list[np.ndarray], step: list[np.ndarray]) -> str:
    errors = gradcheck.relative_errors(engine.X, y, start, step)
    return gradcheck.describe(list(WEIGHT_NAMES[: len(start)]), errors)


def located(findings: list[trace.Finding] | None, file_name: str) -> list[str]:
    """The report's `where` lines: one per finding, with the mistake's title."""
    return [f.where(file_name) for f in findings or []]
