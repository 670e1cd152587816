"""The drill history: one JSON object per line in `.toynn/history.jsonl`, append-only.

Why append-only JSONL: a record is added with a single `write()` on a file
opened O_APPEND, then fsynced, so a crash or `kill -9` at any moment can at
worst leave a torn *last* line. The reader skips any line that is not a whole
JSON object, and the writer starts a new line first if the file does not end
with one, so a torn fragment never swallows the next record. Nothing is ever
rewritten, so earlier records cannot be lost by a crash mid-write.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from toynn_tui.practice.workspace import append_synced, history_file, json_lines

VERSION = 1


def append(workspace: Path, record: dict) -> dict:
    """Add one record (a dict of JSON values) to the workspace's history and return it."""
    path = history_file(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"v": VERSION, **record}
    data = (json.dumps(record, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)  # RDWR: _ends_torn reads the last byte
    try:
        if _ends_torn(fd):
            data = b"\n" + data  # isolate a fragment left by an earlier crash
        append_synced(fd, data)
    finally:
        os.close(fd)
    return record


def _ends_torn(fd: int) -> bool:
    size = os.fstat(fd).st_size
    if size == 0:
        return False
    return os.pread(fd, 1, size - 1) != b"\n"


def load(workspace: Path) -> list[dict]:
    """Every whole record, oldest first; torn or foreign lines are skipped, a missing file is empty."""
    return [rec for rec in json_lines(history_file(workspace)) if isinstance(rec.get("exercise"), str)]


def passed_before(workspace: Path) -> set[str]:
    """The exercises that have passed in this workspace before: a green drill, or a passing last
    `toynn check` (kept in .toynn/checks.json); unreadable records count as none."""
    greens = {r["exercise"] for r in drills(load(workspace)) if r.get("green")}
    try:
        checks = json.loads((history_file(workspace).parent / "checks.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        checks = {}
    if isinstance(checks, dict):
        greens |= {n for n, c in checks.items() if isinstance(c, dict) and c.get("status") == "pass"}
    return greens


def drills(records: list[dict]) -> list[dict]:
    return [r for r in records if r.get("kind") == "drill"]


@dataclass
class ExerciseProgress:
    """What `toynn progress` shows for one exercise."""

    exercise: str
    drills: int = 0
    greens: int = 0
    best: dict | None = None            # the fastest green drill
    best_by_level: dict = field(default_factory=dict)
    last: list = field(default_factory=list)  # newest first
    streak: int = 0                     # green drills in a row, counting back from the newest


def progress(records: list[dict], last_n: int = 5) -> dict[str, ExerciseProgress]:
    """Per exercise: personal best, the last `last_n` drills, and the current green streak."""
    out: dict[str, ExerciseProgress] = {}
    for rec in drills(records):
        p = out.setdefault(rec["exercise"], ExerciseProgress(rec["exercise"]))
        p.drills += 1
        if rec.get("green") and seconds_of(rec) is not None:
            p.greens += 1
            if p.best is None or seconds_of(rec) < seconds_of(p.best):
                p.best = rec
            level = rec.get("level", "?")
            if level not in p.best_by_level or seconds_of(rec) < seconds_of(p.best_by_level[level]):
                p.best_by_level[level] = rec
    for name, p in out.items():
        mine = [r for r in drills(records) if r["exercise"] == name]
        p.last = list(reversed(mine[-last_n:]))
        for rec in reversed(mine):
            if not rec.get("green"):
                break
            p.streak += 1
    return out


def day_streak(records: list[dict], today: date | None = None) -> int:
    """Days in a row, ending today (or yesterday, if today has none yet), with at least one green drill."""
    days = set()
    for rec in drills(records):
        if rec.get("green"):
            try:
                days.add(datetime.fromisoformat(rec["ended"]).astimezone().date())
            except (KeyError, TypeError, ValueError):
                continue
    today = today or datetime.now().astimezone().date()
    day = today if today in days else today - timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n


def seconds_of(rec: dict) -> float | None:
    """A drill record's time in seconds, or None when it has none (or not a number)."""
    s = rec.get("seconds")
    return float(s) if isinstance(s, (int, float)) and not isinstance(s, bool) else None


def format_seconds(seconds: float) -> str:
    """142.3 -> '2m22s'; under a minute -> '41.2s'."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    m, s = divmod(int(round(seconds)), 60)
    if m < 60:
        return f"{m}m{s:02d}s"
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m{s:02d}s"
