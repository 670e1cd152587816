"""The class as the LMS knows it: a roster read from the LMS's own export (`--roster FILE`).

A submission matches a roster row when its name equals one of the row's identifiers (login, SIS
id, Canvas id, email or its part before the @, id number, user name, full name), case aside.
Without a roster a student is the submission's name. A submission that matches no one, and a
roster student with no submission, are listed in the summary, never dropped in silence.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.i18n import _

# the columns a roster row may name a student by (Canvas's export, then Moodle's, then plain ones)
IDENTIFIERS = ("SIS Login ID", "SIS User ID", "ID", "Email address", "ID number", "Username",
               "username", "email", "idnumber", "Student")


class BadRoster(ValueError):
    """The roster cannot be read as a class: said before any file is graded."""


@dataclass
class Person:
    row: dict                     # the roster's own columns, as exported
    keys: frozenset = frozenset()  # the identifiers a submission name may match (lower case)

    @property
    def name(self) -> str:
        r = self.row
        return r.get("Student") or " ".join(p for p in (r.get("First name"), r.get("Last name")) if p) \
            or next((r[k] for k in IDENTIFIERS if r.get(k)), "?")


@dataclass
class Roster:
    kind: str                                    # "canvas" | "moodle" | "plain": whose export it is
    columns: tuple = ()                          # the export's header, as written
    people: list = field(default_factory=list)   # Person, in the file's order

    def find(self, student: str) -> Person | None:
        key = student.strip().lower()
        return next((p for p in self.people if key in p.keys), None)

    def assignment_column(self, exercise: str, lms: str) -> str:
        """The export's own column for this exercise when the roster is `lms`'s export, so the import
        lands in the existing assignment rather than making one: Canvas heads it "exercise2 (4821)",
        Moodle "Assignment: exercise2 (Real)". Else the exercise's name."""
        if lms != self.kind:
            return exercise
        ex = re.escape(exercise)
        pattern = re.compile(rf"{ex} \(\d+\)" if lms == "canvas" else rf"(?:[^:]+: )?{ex} \(Real\)",
                             re.IGNORECASE)
        return next((c for c in self.columns if pattern.fullmatch(c.strip())), exercise)


def load(path: Path) -> Roster:
    """The LMS's export as a roster (Canvas's "Points Possible" row skipped), or BadRoster saying why."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadRoster(_("the roster {file} cannot be read: {reason}").format(file=path, reason=exc)) from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise BadRoster(_("the roster {file} is not a CSV file: {reason}").format(file=path, reason=exc)) from None
    columns = tuple(reader.fieldnames or ())
    head = set(columns)
    kind = "canvas" if {"Student", "SIS Login ID"} <= head else \
        "moodle" if "Email address" in head or "ID number" in head else "plain"
    people = []
    for r in rows:
        if kind == "canvas" and (r.get("Student") or "").strip() in ("Points Possible", ""):
            continue
        keys = {(r.get(k) or "").strip().lower() for k in IDENTIFIERS} - {""}
        # a folder named by the login before the @ (ada for ada@example.edu) is that student too
        keys |= {k.split("@")[0] for k in keys if "@" in k}
        if keys:
            people.append(Person(r, frozenset(keys)))
    if not people:
        raise BadRoster(_("the roster {file} names no students (it needs a column such as {columns})").format(
            file=path, columns=", ".join(IDENTIFIERS[:5])))
    return Roster(kind, columns, people)


def matched(entries: list, roster: Roster | None) -> list[tuple]:
    """(person or None, entry or None) pairs: the roster's order first, then the unmatched submissions.
    A second submission matching a person already matched is unmatched: one grade per person."""
    if roster is None:
        return [(None, e) for e in entries]
    by_person, strays = {}, []
    for e in entries:
        p = roster.find(e.student)
        if p is None or id(p) in by_person:
            strays.append(e)
        else:
            by_person[id(p)] = e
    return [(p, by_person.get(id(p))) for p in roster.people] + [(None, e) for e in strays]


def summary_lines(entries: list, roster: Roster | None) -> list[str]:
    """The roster's loose ends, for the teacher: submissions that match no one, students with none."""
    if roster is None:
        return []
    pairs = matched(entries, roster)
    loose = [e for p, e in pairs if p is None]
    strays = sorted(e.student for e in loose if roster.find(e.student) is None)
    twice = sorted(f"{e.student} ({roster.find(e.student).name})" for e in loose if roster.find(e.student))
    missing = [p.name for p, e in pairs if p is not None and e is None]
    lines = []
    if strays:
        lines.append(_("Submissions matching no one on the roster ({n}): {students}").format(
            n=len(strays), students=", ".join(strays)))
    if twice:
        lines.append(_("Submissions of a student already matched, not in the LMS file ({n}): {students}").format(
            n=len(twice), students=", ".join(twice)))
    if missing:
        lines.append(_("On the roster with no submission ({n}): {students}").format(
            n=len(missing), students=", ".join(missing)))
    return lines
