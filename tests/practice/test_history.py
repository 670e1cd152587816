"""The drill history: append-only JSONL that a crash or kill -9 can never make unreadable."""
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

from toynn_tui.practice import history
from toynn_tui.practice.workspace import history_file


def drill(exercise="exercise1", green=True, seconds=60.0, level="guided", ended="2026-11-20T10:00:00+00:00"):
    return {"kind": "drill", "exercise": exercise, "green": green, "seconds": seconds, "level": level,
            "outcome": "green" if green else "time-up", "checks": 3, "ended": ended}


def test_records_come_back_in_order(tmp_path):
    for s in (30.0, 20.0, 40.0):
        history.append(tmp_path, drill(seconds=s))
    assert [r["seconds"] for r in history.load(tmp_path)] == [30.0, 20.0, 40.0]


def test_missing_history_is_empty(tmp_path):
    assert history.load(tmp_path) == []


def test_a_torn_last_line_is_skipped_and_the_next_record_survives(tmp_path):
    history.append(tmp_path, drill(seconds=10.0))
    with open(history_file(tmp_path), "ab") as f:
        f.write(b'{"kind": "drill", "exercise": "exer')  # a crash mid-write
    assert [r["seconds"] for r in history.load(tmp_path)] == [10.0]
    history.append(tmp_path, drill(seconds=11.0))
    assert [r["seconds"] for r in history.load(tmp_path)] == [10.0, 11.0]


WRITER = r"""
import sys
from toynn_tui.practice import history
ws = sys.argv[1]
i = 0
print("ready", flush=True)
while True:
    history.append(ws, {"kind": "drill", "exercise": "exercise2", "green": True, "seconds": float(i),
                        "level": "guided", "pad": "x" * (i % 5000), "n": i})
    i += 1
"""


def test_kill_minus_9_at_any_moment_leaves_a_history_that_loads(tmp_path):
    """Kill a busy writer at random moments, many times: every whole record it wrote stays readable."""
    seen = 0
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.02 + 0.013 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        records = history.load(tmp_path)  # never raises
        assert len(records) >= seen
        seen = len(records)
        for rec in records:  # each loaded record is whole, not a half line that happened to parse
            assert rec["pad"] == "x" * (rec["n"] % 5000)
    assert seen > 12
    # and a normal append after all those kills is read back too
    history.append(tmp_path, {"kind": "drill", "exercise": "exercise2", "green": True, "seconds": 1.0,
                              "level": "blank", "pad": "", "n": 0, "last": True})
    assert history.load(tmp_path)[-1].get("last") is True


def test_progress_best_last_and_streak():
    recs = [drill(seconds=90), drill(green=False, seconds=300), drill(seconds=50, level="blank"),
            drill(seconds=70), drill(seconds=80), drill("exercise2", seconds=5)]
    p = history.progress(recs, last_n=3)
    one = p["exercise1"]
    assert one.drills == 5 and one.greens == 4
    assert one.best["seconds"] == 50 and one.best["level"] == "blank"
    assert one.best_by_level["guided"]["seconds"] == 70
    assert [r["seconds"] for r in one.last] == [80, 70, 50]  # newest first
    assert one.streak == 3  # the failure breaks it
    assert p["exercise2"].best["seconds"] == 5


def test_a_failed_drill_never_counts_as_a_best():
    p = history.progress([drill(green=False, seconds=1.0)])["exercise1"]
    assert p.best is None and p.streak == 0 and p.drills == 1


def test_day_streak_counts_consecutive_days_ending_today_or_yesterday():
    days = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-24"]
    recs = [drill(ended=f"{d}T12:00:00") for d in days] + [drill(green=False, ended="2026-11-23T12:00:00")]
    assert history.day_streak(recs, today=date(2026, 11, 24)) == 1
    assert history.day_streak(recs, today=date(2026, 11, 25)) == 1
    assert history.day_streak(recs, today=date(2026, 11, 23)) == 3
    assert history.day_streak(recs, today=date(2026, 11, 27)) == 0


def test_foreign_lines_are_ignored(tmp_path):
    path = history_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('[1, 2]\n"text"\n{"no": "exercise"}\n' + json.dumps(drill()) + "\n")
    assert len(history.load(tmp_path)) == 1


def test_format_seconds():
    assert history.format_seconds(41.24) == "41.2s"
    assert history.format_seconds(142.3) == "2m22s"
    assert history.format_seconds(3725) == "1h02m05s"
