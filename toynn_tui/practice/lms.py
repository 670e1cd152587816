"""Gradebooks an LMS imports as they are: Canvas's and Moodle's grade CSVs, GitHub Classroom's result.

Points come from the ladder (`ladder.toml`: an exercise's `points`, its checks' `weights`), so
a file that passes some checks gets partial credit. A roster (`--roster FILE`, the LMS's own export)
maps submission names to LMS identities: a submission matches a roster row when its name equals
one of the row's identifiers (login, SIS id, email or its part before the @, id number, user
name or full name), case aside.
Without a roster a student is the submission's name. A submission that matches no one, and a
roster student with no submission, are listed in the summary, never dropped in silence: the
Canvas and Moodle files carry every roster student (an empty grade where there was no submission,
which both importers leave unchanged), and a submission with no roster row is not written there,
since the importer would refuse or misfile it.

Formats, as documented by the importers:
- Canvas (gradebook import): Student, ID, SIS User ID, SIS Login ID, Section, then the assignment
  column, with the "Points Possible" row under the header as Canvas's own export has it.
- Moodle (grade import, CSV): an identifier column the teacher maps under "Identify user by"
  (Email address from a Moodle export's roster, else username), the names, the grade, feedback.
- GitHub Classroom: the runner result `autograding-grading-reporter` decodes (base64 of this JSON):
  {"version": 1, "status", "max_score", "tests": [{"name", "status", "score", "message", ...}]}.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.i18n import _

CANVAS_HEAD = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_EXPORT_HEAD = ("First name", "Last name", "ID number", "Institution", "Department", "Email address")
# the columns a roster row may name a student by, in the order a match is looked for
IDENTIFIERS = ("SIS Login ID", "SIS User ID", "ID", "Email address", "ID number", "Username",
               "username", "email", "idnumber", "Student")


@dataclass
class Person:
    row: dict                     # the roster's own columns, as exported
    keys: tuple = ()              # the identifiers a submission name may match (lower case)

    @property
    def name(self) -> str:
        r = self.row
        return r.get("Student") or " ".join(p for p in (r.get("First name"), r.get("Last name")) if p) \
            or next((r[k] for k in IDENTIFIERS if r.get(k)), "?")


@dataclass
class Roster:
    kind: str                                    # "canvas" | "moodle" | "plain": whose export it is
    people: list = field(default_factory=list)   # Person, in the file's order

    def find(self, student: str) -> Person | None:
        key = student.strip().lower()
        return next((p for p in self.people if key in p.keys), None)


def load_roster(path: Path) -> Roster:
    """The LMS's export as a roster; Canvas's "Points Possible" row (and its muted rows) skipped."""
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    head = set(rows[0]) if rows else set()
    kind = "canvas" if {"Student", "SIS Login ID"} <= head else \
        "moodle" if "Email address" in head or "ID number" in head else "plain"
    people = []
    for r in rows:
        if (r.get("Student") or "").strip() in ("Points Possible", "") and kind == "canvas":
            continue
        keys = {(r.get(k) or "").strip().lower() for k in IDENTIFIERS} - {""}
        # a folder named by the login before the @ (ada for ada@example.edu) is that student too
        keys |= {k.split("@")[0] for k in keys if "@" in k}
        keys = tuple(keys)
        if keys:
            people.append(Person(r, keys))
    if not people:
        raise ValueError(_("the roster {file} names no students").format(file=path))
    return Roster(kind, people)


def check_points(exercise: str, tests: list, status: str) -> list[float]:
    """Each check's points: its weight's share of the exercise's points when it passes, 0 otherwise."""
    from toynn_tui import ladder
    try:
        ex = ladder.get(exercise)
        points, weight = ex.points, ex.weight
    except KeyError:   # an exercise this ladder does not know: 10 points, equal checks
        points, weight = 10.0, (lambda name, i: 1.0)
    weights = [weight(str(t.get("name", "")), i) for i, t in enumerate(tests)]
    total = sum(weights) or 1.0
    return [round(points * w / total, 2) if t.get("status") == "pass" and status != "error" else 0.0
            for w, t in zip(weights, tests)]


def max_points(exercise: str) -> float:
    from toynn_tui import ladder
    try:
        return ladder.get(exercise).points
    except KeyError:
        return 10.0


def score(exercise: str, verdict) -> float:
    """The verdict's score out of the exercise's points (partial credit by the checks' weights)."""
    if verdict.status == "pass":   # all checks: the whole points, not a sum of rounded shares
        return max_points(exercise)
    return round(sum(check_points(exercise, verdict.tests, verdict.status)), 2)


def _num(x: float) -> str:
    return f"{x:g}"


def matched(book, roster: Roster | None):
    """(person or None, entry or None) pairs: roster order first, then the unmatched submissions."""
    if roster is None:
        return [(None, e) for e in book.sorted()]
    by_person, strays = {}, []
    for e in book.sorted():
        p = roster.find(e.student)
        (strays.append(e) if p is None or id(p) in by_person else by_person.__setitem__(id(p), e))
    return [(p, by_person.get(id(p))) for p in roster.people] + [(None, e) for e in strays]


def roster_of(book) -> Roster | None:
    return load_roster(book.roster) if getattr(book, "roster", None) else None


def summary_lines(book) -> list[str]:
    """The roster's loose ends, for the teacher: submissions that match no one, students with none."""
    roster = roster_of(book)
    if roster is None:
        return []
    pairs = matched(book, roster)
    strays = sorted(e.student for p, e in pairs if p is None)
    missing = [p.name for p, e in pairs if p is not None and e is None]
    lines = []
    if strays:
        lines.append(_("Submissions matching no one on the roster ({n}): {students}").format(
            n=len(strays), students=", ".join(strays)))
    if missing:
        lines.append(_("On the roster with no submission ({n}): {students}").format(
            n=len(missing), students=", ".join(missing)))
    return lines


def to_canvas(book) -> str:
    """Canvas's gradebook import CSV: the five identity columns, the assignment, Points Possible."""
    from toynn_tui.practice.gradebook import _cell
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    column = book.exercise
    w.writerow([*CANVAS_HEAD, column])
    w.writerow(["Points Possible", "", "", "", "", _num(max_points(book.exercise))])
    for person, e in matched(book, roster_of(book)):
        if person is None and getattr(book, "roster", None):
            continue   # no Canvas identity to file it under: listed in the summary instead
        r = person.row if person else {"Student": e.student, "SIS Login ID": e.student}
        grade = _num(score(book.exercise, e.verdict)) if e else ""
        w.writerow([_cell(r.get(k, "")) for k in CANVAS_HEAD] + [grade])
    return buf.getvalue()


def to_moodle(book) -> str:
    """Moodle's grade import CSV: matched on its identifier column, one grade and its feedback."""
    from toynn_tui.practice.gradebook import _cell, _one_line
    roster = roster_of(book)
    ident = "Email address" if roster and roster.kind == "moodle" else "username"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([ident, "First name", "Last name", book.exercise, f"{book.exercise} (feedback)"])
    for person, e in matched(book, roster):
        if person is None and roster is not None:
            continue
        r = person.row if person else {}
        who = r.get(ident) or next((r[k] for k in IDENTIFIERS if r.get(k)), "") if person else e.student
        grade = _num(score(book.exercise, e.verdict)) if e else ""
        feedback = _one_line(e.verdict.summary + (". " + e.verdict.message if e.verdict.message else "")) if e else ""
        w.writerow([_cell(who), _cell(r.get("First name", "")), _cell(r.get("Last name", "")), grade, _cell(feedback)])
    return buf.getvalue()


def classroom_result(exercise: str, verdict) -> dict:
    """One runner's result as GitHub Classroom's reporter reads it: points per test, partial credit."""
    tests = verdict.tests or [{"name": "grading", "status": "error", "message": verdict.message}]
    points = check_points(exercise, tests, verdict.status)
    status = {"pass": "pass", "fail": "fail"}.get(verdict.status, "error")
    return {"version": 1, "status": status, "max_score": max_points(exercise),
            "tests": [{"name": str(t.get("name", "?")), "status": "pass" if t.get("status") == "pass" else
                       ("error" if verdict.status == "error" else "fail"),
                       "score": p, "message": str(t.get("message") or ""),
                       "test_code": "", "filename": verdict.file, "line_no": 0, "duration": 0}
                      for t, p in zip(tests, points)]}


def to_classroom(book) -> str:
    """A repository's result (one student), or each student's result keyed by name (a class)."""
    from toynn_tui.practice.gradebook import _json_escapes
    results = {e.student: classroom_result(book.exercise, e.verdict) for e in book.sorted()}
    doc = next(iter(results.values())) if len(results) == 1 else {"version": 1, "students": results}
    return _json_escapes(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
