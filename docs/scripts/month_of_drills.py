"""A month of drills, on a fake clock, in a temporary workspace; then what `toynn today` says.

    python docs/scripts/month_of_drills.py > docs/today_after_a_month.txt

Each drill runs for real (`practice.drill.run_drill`: a fresh file, the
re-check on every save, a record in the history, rated as an FSRS review)
but with a stand-in checker and a fake clock: a "save" is the script writing
the file at a given second of the drill, and each day starts at 19:00 UTC.
The learner of the script drills what `toynn today` says is due, the most
overdue first, and a new exercise every few days, then is away for the last
nine days (so some have come due); how each drill goes is
scripted below, so the output is the same on every run (the time zone is UTC).
`toynn today` itself is run through click at the end of the month.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ["TZ"] = "UTC"   # "today" and "9 days ago" count in the learner's days: here, UTC's
os.environ["TOYNN_LANG"] = os.environ.get("TOYNN_LANG", "en")
time.tzset()

from click.testing import CliRunner  # noqa: E402

from toynn_tui.cli import main  # noqa: E402
from toynn_tui.practice import attempts, history, schedule  # noqa: E402
from toynn_tui.practice.drill import run_drill  # noqa: E402
from toynn_tui.practice.runner import Verdict  # noqa: E402
from toynn_tui.practice.workspace import exercise_file  # noqa: E402

START = datetime(2026, 11, 2, 19, 0, tzinfo=timezone.utc)
DAYS = 30
# How the drills of the month go, by the learner's own count of drills of that exercise (1st, 2nd, ...):
# the seconds into the drill of each save and what it holds ("right": every check passes;
# "noslope": the delta without its slope, which the checker names), the time limit, the hints.
WAYS = {
    "fast": dict(saves={70: "right"}),                                         # green first time: easy
    "steady": dict(saves={120: "x", 260: "y", 410: "right"}),                  # green: good
    "struggle": dict(saves={60 * i: f"try {i}" for i in range(1, 8)} | {500: "right"}),   # many checks: hard
    "slope": dict(saves={150: "noslope", 330: "right"}),                       # names slope-missing, then green
    "timeout": dict(saves={200: "x", 500: "noslope"}, minutes=10),             # out of time: again
}
PLAN = {   # exercise -> how its 1st, 2nd, ... drill goes (the last one repeats)
    "exercise1": ["steady", "fast"],
    "exercise2": ["struggle", "steady", "fast"],
    "exercise3": ["slope", "timeout", "steady", "fast"],
    "exercise4": ["slope", "steady", "timeout", "steady"],
    "exercise5": ["steady"],
}
NEW_EVERY = 5   # a never-drilled exercise joins on days 0, 5, 10, ...
AWAY = range(21, DAYS)   # the last nine days without a drill: what has come due meanwhile


class FakeTime:
    """The drill's clock and sleep; a sleep past a scripted second writes that save."""

    def __init__(self, path: Path, day_start: datetime, saves: dict) -> None:
        self.t, self.path, self.day_start = 0.0, path, day_start
        self.saves = sorted(saves.items())

    def clock(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds
        while self.saves and self.saves[0][0] <= self.t:
            self.path.write_text(self.saves.pop(0)[1])

    def now(self) -> datetime:
        return self.day_start + timedelta(seconds=self.t)


def check(exercise: str, path: Path, timeout=None) -> Verdict:
    """The stand-in checker: six checks, all passing when the file says "right"."""
    text = path.read_text()
    ok = "right" in text
    tests = [{"name": f"check {i}", "status": "pass" if ok or i < 3 else "fail"} for i in range(6)]
    return Verdict(exercise, str(path), "pass" if ok else "fail", tests=tests,
                   diagnoses=["slope-missing"] if "noslope" in text else [])


def drill(ws: Path, exercise: str, at: datetime) -> dict:
    done = sum(1 for r in history.drills(history.load(ws)) if r["exercise"] == exercise)
    plan = PLAN.get(exercise, ["steady"])
    way = WAYS[plan[min(done, len(plan) - 1)]]
    fake = FakeTime(exercise_file(ws, exercise), at, way["saves"])
    return run_drill(ws, exercise, minutes=way.get("minutes"), check=check, interval=5.0,
                     clock=fake.clock, sleep=fake.sleep, now=fake.now).record


def month(ws: Path) -> datetime:
    """Drill for DAYS days; returns the evening after the last."""
    names = attempts.exercise_names()
    for day in range(DAYS):
        if day in AWAY:
            continue
        at = START + timedelta(days=day)
        due, _later = schedule.due_and_later(history.load(ws), at, names)
        todo = [it.exercise for it in due[:2]]   # at most two drills an evening, the most overdue first
        drilled = {r["exercise"] for r in history.drills(history.load(ws))}
        new = [n for n in names if n not in drilled]
        if day % NEW_EVERY == 0 and new:
            todo.append(new[0])
        for i, exercise in enumerate(todo):
            drill(ws, exercise, at + timedelta(minutes=20 * i))
    return START + timedelta(days=DAYS)


def main_() -> None:
    with tempfile.TemporaryDirectory(prefix="toynn-month-") as tmp:
        ws = Path(tmp)
        (ws / "exercises").mkdir()
        end = month(ws)
        schedule.now = lambda: end   # `toynn today` on the evening after the month
        run = CliRunner().invoke(main, ["today", "--dir", str(ws)])
        n = len(history.drills(history.load(ws)))
        print(f"$ toynn today    # {end:%Y-%m-%d %H:%M} UTC, after {n} drills in {DAYS} days")
        sys.stdout.write(run.output)
        if run.exit_code != 0:
            raise SystemExit(run.exit_code)


if __name__ == "__main__":
    main_()
