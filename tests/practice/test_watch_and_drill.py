"""The re-grade-on-save loop and the drill, driven by a fake clock (no real waiting)."""
from datetime import datetime, timedelta, timezone

from toynn_tui.practice import history
from toynn_tui.practice.drill import run_drill
from toynn_tui.practice.runner import Verdict
from toynn_tui.practice.watch import run_loop
from toynn_tui.practice.workspace import exercise_file


class FakeTime:
    """clock() and sleep() for the loops; `edits` maps a time to a change made to the file then."""

    def __init__(self, path=None, edits=None):
        self.t = 0.0
        self.path = path
        self.edits = sorted((edits or {}).items())

    def clock(self):
        return self.t

    def sleep(self, s):
        self.t += s
        while self.edits and self.edits[0][0] <= self.t:
            _, text = self.edits.pop(0)
            if text is None:
                self.path.unlink()
            else:
                self.path.write_text(text)

    def now(self):
        return datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc) + timedelta(seconds=self.t)


def checker(log):
    def check(*args):
        path = args[-1] if len(args) == 1 else args[1]
        text = path.read_text()
        log.append(text)
        status = "pass" if "right" in text else "fail"
        return Verdict("exercise2", str(path), status, tests=[{"name": "t", "status": status}])
    return check


def test_watch_grades_now_then_once_per_save(tmp_path):
    f = tmp_path / "e.py"
    f.write_text("v1")
    ft = FakeTime(f, {3.0: "v2", 10.0: "v3 right", 20.0: "v4 right again"})
    log = []
    res = run_loop(f, checker(log), interval=0.5, clock=ft.clock, sleep=ft.sleep, limit=30)
    assert log == ["v1", "v2", "v3 right", "v4 right again"]
    assert res.reason == "time-up" and res.checks == 4 and res.last.status == "pass"


def test_a_file_still_changing_is_not_graded_until_it_holds_still(tmp_path):
    f = tmp_path / "e.py"
    f.write_text("v1")
    # Three saves 0.3 s apart: only the last one is graded.
    ft = FakeTime(f, {2.0: "half", 2.3: "half more", 2.6: "whole right"})
    log = []
    res = run_loop(f, checker(log), interval=0.5, clock=ft.clock, sleep=ft.sleep, limit=10,
                   stop_on_green=True)
    assert log == ["v1", "whole right"] and res.reason == "green"


def test_a_missing_file_is_waited_for_and_told_once(tmp_path):
    f = tmp_path / "e.py"
    told = []
    ft = FakeTime(f, {5.0: "now right"})
    res = run_loop(f, checker([]), interval=0.5, clock=ft.clock, sleep=ft.sleep, limit=20,
                   stop_on_green=True, on_missing=lambda: told.append(1))
    assert told == [1] and res.reason == "green" and res.checks == 1


def test_drill_records_time_to_green_checks_and_level(tmp_path):
    f = exercise_file(tmp_path, "exercise2")
    ft = FakeTime(f, {40.0: "still wrong", 95.0: "now right"})
    log = []
    res = run_drill(tmp_path, "exercise2", "blank", minutes=5, check=checker(log),
                    clock=ft.clock, sleep=ft.sleep, now=ft.now)
    assert log == ["still wrong", "now right"]  # the fresh file itself is not graded
    rec = history.load(tmp_path)[-1]
    assert rec == res.record
    assert rec["green"] and rec["level"] == "blank" and rec["checks"] == 2
    assert 95.0 <= rec["seconds"] <= 96.0
    assert rec["file"] == "exercises/exercise2.py"


def test_drill_time_up_is_recorded_as_not_green(tmp_path):
    f = exercise_file(tmp_path, "exercise1")
    ft = FakeTime(f, {30.0: "wrong"})
    res = run_drill(tmp_path, "exercise1", "guided", minutes=1, check=checker([]),
                    clock=ft.clock, sleep=ft.sleep, now=ft.now)
    assert res.loop.reason == "time-up"
    rec = history.load(tmp_path)[-1]
    assert not rec["green"] and rec["outcome"] == "time-up" and rec["checks"] == 1 and rec["seconds"] >= 60


def test_drill_keeps_the_learners_earlier_file(tmp_path):
    f = exercise_file(tmp_path, "exercise2")
    f.parent.mkdir(parents=True)
    f.write_text("# months of work\n")
    ft = FakeTime(f, {5.0: "right"})
    res = run_drill(tmp_path, "exercise2", "guided", check=checker([]), clock=ft.clock, sleep=ft.sleep,
                    now=ft.now)
    assert res.started.kept.path.read_text() == "# months of work\n"


def test_second_drill_knows_the_previous_best(tmp_path):
    f = exercise_file(tmp_path, "exercise2")
    for at in (50.0, 20.0):
        ft = FakeTime(f, {at: "right"})
        res = run_drill(tmp_path, "exercise2", "guided", check=checker([]), clock=ft.clock,
                        sleep=ft.sleep, now=ft.now)
    assert 50.0 <= res.previous_best <= 51.0 and res.record["seconds"] < res.previous_best
    assert history.progress(history.load(tmp_path))["exercise2"].best["seconds"] == res.record["seconds"]
