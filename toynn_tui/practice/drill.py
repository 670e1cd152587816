"""`toynn drill`: a timed attempt from a fresh file, recorded in the history.

The drill archives the learner's current file and writes a fresh one (see
`attempts`), starts the clock, and re-grades on every save (see `watch`). It
ends when a check is all green, when the time is up, or on Ctrl-C; in each case
one record goes into the history: level, outcome, checks run, the time to
green (from the start to the save that passed), the mistakes the checks named
(`recall` reminds the next drill of them), the hints asked for, and its rating as
a review of the exercise (`review`; `schedule` says when it is due again).

A drill is from memory, so it starts the exercise's `toynn hint` count afresh:
the first hint asked for during it is hint 1 again, and the count at its end is
the hints it took.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from toynn_tui.practice import attempts, history, review
from toynn_tui.practice.runner import Verdict, run_check
from toynn_tui.practice.watch import LoopResult, run_loop
from toynn_tui.practice.workspace import atomic_write_text, state_dir


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
    _set_hints(workspace, exercise, 0)
    if on_start is not None:
        on_start(started)
    mistakes: list[str] = []

    def checked(path: Path) -> Verdict:
        verdict = check(exercise, path, timeout)
        mistakes.extend(m for m in verdict.diagnoses if m not in mistakes)
        return verdict

    loop = run_loop(started.path, checked, interval=interval,
                    clock=clock, sleep=sleep, limit=minutes * 60 if minutes else None,
                    stop_on_green=True, max_checks=max_checks, on_check=on_check,
                    on_tick=on_tick, skip_current=True)
    green = loop.reason == "green"
    record = {
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
        "mistakes": mistakes,
        "hints": _hints(workspace, exercise),
    }
    rating = review.rate(record)
    record = history.append(workspace, {**record, "rating": review.NAMES.get(rating)})
    return DrillResult(started, loop, record, previous_best)


def _hints_file(workspace: Path) -> Path:
    return state_dir(workspace) / "hints.json"   # `toynn hint`'s count of hints shown, per exercise


def _read_hints(workspace: Path) -> dict:
    try:
        seen = json.loads(_hints_file(workspace).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return seen if isinstance(seen, dict) else {}


def _hints(workspace: Path, exercise: str) -> int:
    """How many of `exercise`'s hints `toynn hint` has shown since the count was last set."""
    n = _read_hints(workspace).get(exercise, 0)
    return n if isinstance(n, int) and not isinstance(n, bool) else 0


def _set_hints(workspace: Path, exercise: str, n: int) -> None:
    seen = _read_hints(workspace)
    if seen.get(exercise, 0) == n:
        return   # nothing to write (and no .toynn/hints.json made for nothing)
    seen[exercise] = n
    try:
        atomic_write_text(_hints_file(workspace), json.dumps(seen))
    except OSError:   # a state file we cannot write costs only the hint count
        pass
