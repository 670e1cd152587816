"""What the grading checks add under a wrong start or step: the exact lines, and the gradient check.

Called only when a check already failed (a correct file never pays for it):
- `start_lines`: the draw line(s) that give other numbers than the seeded draw;
- `step_lines`: every wrong line of the first iteration, in loop order (`trace.find`);
- `gradient`: per weight, how far the learner's one-step change is from the
  numerical gradient's (`gradcheck`).
Each runs the learner's file again in the sandbox, with the job's own source.
"""
from __future__ import annotations

import os

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import gradcheck, session, trace
from toynn_tui.checker.mistakes_catalogue import Mistake

TRACE_TIMEOUT = 10.0   # seconds for one traced call; the untraced call already ran within its limit
# TOYNN_TRACE=off skips the line-by-line trace (a course that wants verdicts only, or the benchmark)
ENV_VAR = "TOYNN_TRACE"


# one job's traces, remembered: later checks re-run the earlier ones to word their hints (netchecks._follows)
_CACHE: dict = {}


def forget() -> None:
    """Drop the remembered traces (a new job starts)."""
    _CACHE.clear()


def _remembered(key, compute):
    if key not in _CACHE:
        _CACHE[key] = compute()
    return _CACHE[key]


def _tracing() -> bool:
    return os.environ.get(ENV_VAR, "on").strip().lower() not in ("off", "0", "no")

WEIGHT_NAMES = ("syn0", "syn1")


def _timeout() -> float:
    limit = session.current().timeout
    return min(limit, TRACE_TIMEOUT) if limit else TRACE_TIMEOUT


def step_lines(layers: int, y: np.ndarray, start: list[np.ndarray], seed: int) -> list[trace.Finding] | None:
    """None when tracing is off (the report then falls back to the mistake's usual lines)."""
    if not _tracing():
        return None
    job = session.current()

    def compute():
        try:
            return trace.find(job.file, job.module, layers, engine.X, y, start, job.source, seed, _timeout())
        except Exception:   # the explanation is a bonus: a failure here must not hide the verdict
            return []
    key = ("step", layers, seed, y.tobytes(), tuple(a.tobytes() for a in start))
    return list(_remembered(key, compute))


def start_lines(layers: int, y: np.ndarray, seed: int, diagnosed: Mistake | None) -> list[trace.Finding] | None:
    if not _tracing():
        return None
    job = session.current()

    def compute():
        try:
            return trace.find_draws(job.file, job.module, layers, engine.X, y, job.source, seed,
                                    engine.init_weights(seed, layers), diagnosed, _timeout())
        except Exception:
            return []
    return list(_remembered(("start", layers, seed, diagnosed.id if diagnosed else None), compute))


def loop_line(layers: int) -> list[trace.Finding]:
    """The loop's own line, for a mistake of the iteration count (seen in the weights, not in a line's value)."""
    text = session.current().source.decode("utf-8", "replace")
    loop = trace.loop_of(text)
    if loop is None:
        return []
    code = text.splitlines()[loop.header - 1].strip()
    return [trace.Finding(loop.header, code, "loop", None)]


def gradient(y: np.ndarray, start: list[np.ndarray], step: list[np.ndarray]) -> str:
    errors = gradcheck.relative_errors(engine.X, y, start, step)
    return gradcheck.describe(list(WEIGHT_NAMES[: len(start)]), errors)


def located(findings: list[trace.Finding] | None, file_name: str) -> list[str]:
    """The report's `where` lines: one per finding, with the mistake's title when it has one."""
    out = []
    for f in findings or []:
        title = f" — {f.mistake.title}" if f.mistake else f" — {f.node} is not the article's"
        out.append(f.where(file_name) + title)
    return out
