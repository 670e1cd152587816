"""The mistakes a drill should recall up front: "last time: slope missing from the delta".

Each drill record keeps the ids of the mistakes its checks named ("mistakes").
A new drill of an exercise recalls the mistakes of the newest earlier drill
that named one it can make too: its own drills' mistakes, or, from another
rung, a mistake of the loop's lines the checker knows for both rungs (the
step library of `checker.mistakes.edits`: a delta without its slope is the
same mistake in exercise 3 and in exercise 9). A mistake is no longer recalled
once a later green drill of a rung that could make it did not: the learner has
rebuilt past it. A green drill of the exercise itself naming none recalls nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from toynn_tui.practice.history import drills


@dataclass
class Recall:
    exercise: str          # where the mistakes were named
    mistakes: list[str]    # their ids, in the order the drill named them


@lru_cache(maxsize=None)
def library(exercise: str) -> frozenset[str]:
    """The ids of the loop mistakes the checker can name in `exercise` (none for a non-network one)."""
    try:
        from toynn_tui import ladder
        from toynn_tui.checker.mistakes import edits
        ex = ladder.get(exercise)
        if not ex.network:
            return frozenset()
        return frozenset(e.mistake.id for e in edits.every(ex.spec()))
    except Exception:   # an exercise the ladder no longer has: only its own drills count
        return frozenset()


def named(record: dict) -> list[str]:
    """The mistake ids a drill record holds (a malformed field holds none)."""
    ids = record.get("mistakes")
    return [m for m in ids if isinstance(m, str) and m] if isinstance(ids, list) else []


def recall(records: list[dict], exercise: str) -> Recall | None:
    """The mistakes a drill of `exercise` starts by recalling, and the drill they come from (None: none)."""
    mine, cleared = library(exercise), set()
    for rec in reversed(drills(records)):
        other = rec["exercise"]
        said = [m for m in named(rec) if (other == exercise or m in mine) and m not in cleared]
        if said:
            return Recall(other, said)
        if rec.get("green"):
            if other == exercise:
                return None
            cleared |= library(other)   # rebuilt green without these: not worth recalling any more
    return None
