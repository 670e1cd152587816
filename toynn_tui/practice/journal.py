"""The grading journal: one line per graded student, so an interrupted `toynn grade` can `--resume`.

The gradebooks are whole documents, written at the start and the end of a
run (or on Ctrl-C); the journal (next to the first one: `grades.csv.journal`)
is the record of who is done, written as each student is graded: one JSON line (exercise,
student, verdict) appended with a single `write()` and fsynced. A kill -9 or a
power cut can at worst leave a torn *last* line, which the reader skips, so a
resumed run takes every whole line as graded, runs the others' code again
only, and writes the gradebooks from both. A resumed journal is first
rewritten (atomically) with just its whole, matching lines, so the torn
fragment never swallows the next line.
A complete run removes the journal: nothing is left to resume.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from toynn_tui.practice.gradebook import Entry
from toynn_tui.practice.verdict import Verdict
from toynn_tui.practice.workspace import append_synced, atomic_write_text, json_lines

VERSION = 1


def path_for(gradebook: Path) -> Path:
    """The journal of the run writing `gradebook`."""
    gradebook = Path(gradebook)
    return gradebook.with_name(gradebook.name + ".journal")


def load(path: Path, exercise: str) -> list[Entry]:
    """The whole entries for `exercise`, in the order written (a student graded twice: the last);
    torn or foreign lines are skipped, a missing journal is empty."""
    found: dict[str, Entry] = {}
    for rec in json_lines(path):   # a torn line (kill -9 mid-append) or junk is skipped there
        if rec.get("exercise") != exercise or not isinstance(rec.get("student"), str):
            continue
        try:
            entry = Entry(rec["student"], Verdict.from_dict(rec.get("verdict")))
        except ValueError:  # not a verdict
            continue
        found.pop(entry.student, None)
        found[entry.student] = entry
    return list(found.values())


class Journal:
    """An open journal for one run; `add` one entry per graded student, `close`, or `discard` when complete."""

    def __init__(self, path: Path, exercise: str, entries: list[Entry] = ()) -> None:
        """Start the journal afresh, holding `entries` (a resumed run's) and nothing else."""
        self.path, self.exercise = Path(path), exercise
        atomic_write_text(self.path, "".join(self._line(e) for e in entries))
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)

    def add(self, entry: Entry) -> None:
        append_synced(self._fd, self._line(entry).encode("utf-8"))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def discard(self) -> None:
        """Close and remove: the run is complete, the gradebooks hold everyone."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def _line(self, entry: Entry) -> str:
        rec = {"v": VERSION, "exercise": self.exercise, "student": entry.student, "verdict": entry.verdict.to_dict()}
        return json.dumps(rec) + "\n"   # ASCII: a name with undecodable bytes (surrogates) still encodes
