"""`toynn drill`: a timed attempt from a fresh file, recorded in the history.

The drill archives the learner's current file and writes a fresh one (see
`attempts`), starts the clock, and re-grades on every save (see `watch`). It
ends when a check is all green, when the time is up, or on Ctrl-C; in each case
one record goes into the history: level, outcome, checks run, and the time to
green (from the start to the save that passed).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from toynn_tui.practice import attempts, history
from toynn_tui.practice.runner import Verdict, run_check
from toynn_tui.practice.watch import LoopResult, run_loop


@dataclass
class DrillResult:
    started: attempts.Started
    loop: LoopResult
    record: dict
    previous_best: float | None   # seconds, for "new personal best" messages


def run_drill(workspace: Path, exercise: str, level: str = "guided", minutes: float | None = None, *,
              timeout: float | None = None, interval: float = 0.5, max_checks: int | None = None,
              check: Callable[..., Verdict] = run_check,
              clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
              now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
              on_start: Callable[[attempts.Started], None] | None = None,
              on_check: Callable[[Verdict, int, float], None] | None = None,
              on_tick: Callable[[float, int, Verdict | None], None] | None = None) -> DrillResult:
    workspace = Path(workspace)
    best = history.progress(history.load(workspace)).get(exercise)
    previous_best = history.seconds_of(best.best) if best and best.best else None
    t_start = now()
    started = attempts.start(workspace, exercise, level, t_start, origin="drill")
    if on_start is not None:
        on_start(started)
    loop = run_loop(started.path, lambda p: check(exercise, p, timeout), interval=interval,
                    clock=clock, sleep=sleep, limit=minutes * 60 if minutes else None,
                    stop_on_green=True, max_checks=max_checks, on_check=on_check,
                    on_tick=on_tick, skip_current=True)
    green = loop.reason == "green"
    record = history.append(workspace, {
        "kind": "drill",
        "exercise": exercise,
        "level": level,
        "started": t_start.isoformat(),
        "ended": now().isoformat(),
        "outcome": loop.reason,
        "green": green,
        "seconds": round(loop.green_at if green else loop.elapsed, 2),
        "checks": loop.checks,
        "passed": loop.last.passed if loop.last else 0,
        "total": loop.last.total if loop.last else 0,
        "minutes": minutes,
        "file": str(started.path.relative_to(workspace)) if started.path.is_relative_to(workspace)
        else str(started.path),
    })
    return DrillResult(started, loop, record, previous_best)
