"""Spaced repetition: each drill is an FSRS review (fsrs's own scheduler), driven by a fake clock.

Drills run for real (`run_drill`: a fresh file, the re-check loop, a record in the history) with a
stand-in checker and a fake clock and day; the commands read the time from `schedule.now`, which
the tests set. The machine's time zone is fixed to UTC, so "today" is the same day everywhere.
"""
import asyncio
import json
import time
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from toynn_tui.cli import main
from toynn_tui.commands import drill as drill_command
from toynn_tui.practice import history, review, schedule
from toynn_tui.practice.drill import run_drill
from toynn_tui.practice.runner import Verdict
from toynn_tui.practice.workspace import exercise_file, state_dir

DAY0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class Day:
    """A fake clock for one drill on day `day`; `saves` maps seconds into the drill to a save of the file
    ("right" passes, "noslope" fails naming slope-missing); `hint_at` asks for a hint then."""

    def __init__(self, ws, exercise, day, saves, hint_at=None):
        self.t, self.ws, self.exercise, self.day = 0.0, ws, exercise, day
        self.saves = sorted(saves.items())
        self.hint_at = hint_at

    def clock(self):
        return self.t

    def sleep(self, s):
        self.t += s
        while self.saves and self.saves[0][0] <= self.t:
            exercise_file(self.ws, self.exercise).write_text(self.saves.pop(0)[1])
        if self.hint_at is not None and self.t >= self.hint_at:
            from toynn_tui import ladder
            from toynn_tui.commands.check import next_hints
            next_hints(ladder.get(self.exercise), self.ws)   # `toynn hint` during the drill
            self.hint_at = None

    def now(self):
        return DAY0 + timedelta(days=self.day, seconds=self.t)


def check(exercise, path, timeout=None):
    text = path.read_text()
    status = "pass" if "right" in text else "fail"
    return Verdict(exercise, str(path), status, tests=[{"name": "t", "status": status}] * 4,
                   diagnoses=["slope-missing"] if "noslope" in text else [])


def drill(ws, exercise, day, saves, minutes=None, hint_at=None):
    d = Day(ws, exercise, day, saves, hint_at)
    return run_drill(ws, exercise, minutes=minutes, check=check, clock=d.clock, sleep=d.sleep, now=d.now).record


def test_a_drill_outcome_is_rated_as_a_review(tmp_path):
    assert drill(tmp_path, "exercise2", 0, {40: "right"})["rating"] == "easy"          # green quickly
    assert drill(tmp_path, "exercise2", 1, {60: "x", 120: "y", 400: "right"})["rating"] == "good"
    slow = {60 * i: f"try {i}" for i in range(1, 7)} | {420: "right"}                    # the 7th check is green
    assert drill(tmp_path, "exercise2", 2, slow)["rating"] == "hard"                    # many checks
    assert drill(tmp_path, "exercise2", 3, {30: "x", 50: "right"}, hint_at=40)["rating"] == "hard"   # a hint
    rec = drill(tmp_path, "exercise2", 4, {30: "x"}, minutes=2)                          # out of time
    assert rec["outcome"] == "time-up" and rec["rating"] == "again"
    assert drill(tmp_path, "exercise2", 5, {40: "right"}, minutes=1)["rating"] == "good"  # not within half of 1 min
    # the thresholds are the review module's: more than that many checks is hard, whatever the time
    assert review.rate({"green": True, "checks": review.HARD_CHECKS, "seconds": 10}) == review.Rating.Hard


def test_a_drill_stopped_before_any_check_is_no_review(tmp_path):
    rec = {"kind": "drill", "exercise": "exercise2", "green": False, "outcome": "stopped", "checks": 0,
           "ended": DAY0.isoformat()}
    assert review.rate(rec) is None
    assert schedule.items([rec]) == {}
    # given up after a save was checked: not recalled, so Again
    assert review.rate({**rec, "checks": 2}) == review.Rating.Again


def test_the_schedule_is_fsrs_replayed_from_the_history(tmp_path):
    drill(tmp_path, "exercise3", 0, {200: "right"})
    item = schedule.items(history.load(tmp_path))["exercise3"]
    from fsrs import Card, Rating
    expected, _log = schedule.scheduler().review_card(Card(card_id=1, due=DAY0),
                                                      Rating.Easy, review_datetime=schedule.ended_at(item.last))
    assert item.card.due == expected.due and item.card.stability == expected.stability
    # a hint asked for before the drill does not count: the drill starts the count afresh
    hints = state_dir(tmp_path) / "hints.json"
    hints.write_text(json.dumps({"exercise3": 3}))
    assert drill(tmp_path, "exercise3", 9, {100: "right"})["hints"] == 0


def scripted(ws):
    """Three exercises over ten days."""
    drill(ws, "exercise1", 0, {45: "right"})                                   # easy: due in 8 days
    drill(ws, "exercise3", 0, {60: "noslope", 250: "right"})                   # easy, slope-missing named
    drill(ws, "exercise2", 1, {60: "x"}, minutes=10)                           # again: due the next day
    drill(ws, "exercise3", 2, {100: "x", 200: "y", 300: "right"})              # good: due 18 days on


def today(ws, at):
    schedule_now = schedule.now
    schedule.now = lambda: at
    try:
        return CliRunner().invoke(main, ["today", "--dir", str(ws)])
    finally:
        schedule.now = schedule_now


def test_toynn_today_after_a_scripted_sequence(tmp_path):
    scripted(tmp_path)
    run = today(tmp_path, DAY0 + timedelta(days=9))
    assert run.exit_code == 0, run.output
    assert run.output.splitlines() == [
        "Due today (2 exercises):",
        "  exercise2: ran out of time 8 days ago after 10m00s (last check 0 of 4), due 7 days ago",
        "  exercise1: last rebuilt 9 days ago in 45.0s, due 1 day ago",
        "Not due yet:",
        "  exercise3: last rebuilt 7 days ago in 5m00s, due in 11 days (2026-11-22)",
        "Never drilled: exercise4, exercise5, exercise6, exercise7, exercise8, exercise9, exercise10, "
        "exercise11, exercise12, exercise13",
        "`toynn drill` starts the most overdue one (exercise2).",
    ]


def test_toynn_today_says_when_nothing_is_due(tmp_path):
    drill(tmp_path, "exercise1", 0, {45: "right"})
    out = today(tmp_path, DAY0 + timedelta(days=1)).output.splitlines()
    assert out[0] == "Nothing is due today; the next is exercise1, due in 7 days (2026-11-10)."
    assert out[1:3] == ["Not due yet:", "  exercise1: last rebuilt yesterday in 45.0s, due in 7 days (2026-11-10)"]
    assert "No drills yet, so nothing is due." in today(tmp_path / "empty", DAY0).output


def bare_drill(ws, at, monkeypatch, *args):
    """`toynn drill ARGS` at `at`, its drill run stubbed: which exercise it started, and what it said."""
    started = []

    def fake(workspace, exercise, *a, **kw):
        started.append(exercise)
        raise drill_command.attempts.PracticeError("stubbed")   # stop before a real drill
    monkeypatch.setattr(drill_command, "run_drill", fake)
    monkeypatch.setattr(schedule, "now", lambda: at)
    run = CliRunner().invoke(main, ["drill", *args, "--dir", str(ws)])
    return started, run.output


def test_drill_without_an_exercise_starts_the_most_overdue(tmp_path, monkeypatch):
    scripted(tmp_path)
    started, out = bare_drill(tmp_path, DAY0 + timedelta(days=9), monkeypatch)
    assert started == ["exercise2"]
    assert out.startswith("The most overdue: exercise2: ran out of time 8 days ago")
    # once exercise2 has been rebuilt, exercise1 (due a day ago) is the most overdue
    drill(tmp_path, "exercise2", 9, {50: "right"})
    started, _out = bare_drill(tmp_path, DAY0 + timedelta(days=9, hours=1), monkeypatch)
    assert started == ["exercise1"]


def test_drill_without_an_exercise_when_nothing_is_due(tmp_path, monkeypatch):
    drill(tmp_path, "exercise1", 0, {45: "right"})
    started, out = bare_drill(tmp_path, DAY0 + timedelta(days=2), monkeypatch)
    assert started == [] and "Nothing is due today; the next is exercise1" in out
    assert "toynn drill EXERCISE" in out


def test_list_shows_when_each_exercise_is_due(tmp_path, monkeypatch):
    scripted(tmp_path)
    (tmp_path / "exercises").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(schedule, "now", lambda: DAY0 + timedelta(days=3))
    lines = CliRunner().invoke(main, ["list"]).output.splitlines()
    row = {ln.split()[1]: ln for ln in lines if ln[:1].isdigit()}
    assert "due in 5 days" in row["exercise1"]
    assert "due 1 day ago" in row["exercise2"]
    assert "due in 17 days" in row["exercise3"]
    assert "not drilled" in row["exercise4"]


def test_a_named_mistake_is_recalled_by_the_next_drill_of_a_rung_that_shares_it(tmp_path, monkeypatch):
    drill(tmp_path, "exercise3", 0, {60: "noslope", 250: "right"})
    _started, out = bare_drill(tmp_path, DAY0, monkeypatch, "exercise5")
    assert out.splitlines()[0] == "last time, in exercise3: slope missing from the delta"
    _started, out = bare_drill(tmp_path, DAY0, monkeypatch, "exercise3")
    assert out.splitlines()[0] == "last time: slope missing from the delta"
    # exercise1 (the sigmoid alone) cannot make it: nothing to recall
    _started, out = bare_drill(tmp_path, DAY0, monkeypatch, "exercise1")
    assert "last time" not in out
    # rebuilt green in a rung that could make it, without it: not recalled any more
    drill(tmp_path, "exercise4", 1, {100: "right"})
    _started, out = bare_drill(tmp_path, DAY0, monkeypatch, "exercise5")
    assert "last time" not in out


def test_the_exercises_screen_shows_when_the_exercise_is_next_due(tmp_path, monkeypatch):
    from textual.app import App
    from toynn_tui.screens.exercises import ExercisesScreen

    class Host(App):
        def on_mount(self):
            self.push_screen(screen)
    drill(tmp_path, "exercise1", 0, {45: "right"})
    monkeypatch.setattr(schedule, "now", lambda: DAY0 + timedelta(days=2))
    screen = ExercisesScreen(tmp_path, check=lambda *a, **k: check(a[0], a[1]))

    async def go():
        async with Host().run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return str(screen.query_one("#ex-file").content)
    assert "next drill: due in 6 days" in asyncio.run(go())
