"""Gradebooks an LMS imports as they are: Canvas's and Moodle's grade CSVs, GitHub Classroom's result.

Scores come from `points` (the ladder's points and weights); people from `roster` (the LMS's own
export). With a roster, the Canvas and Moodle files carry every roster student, with an empty
grade where there was no submission (both importers read it as "no grade", never a 0). A
submission with no roster row is not written there: Moodle aborts a whole import on a user it
does not know, and Canvas would file it under nobody. The summary lists both.

Formats, as the importers read them:
- Canvas (Grades → Import): Student, ID, SIS User ID, SIS Login ID, Section, then the assignment
  column (the export's own "name (id)" heading when the roster has it, so the grade lands in that
  assignment), with the "Points Possible" row under the header as Canvas's export has it.
- Moodle (Grades → Import → CSV file, `grade/import/csv`): an identifier column the teacher maps
  under "Map from" (Email address from a Moodle export, else username), the names, the grade
  (a number, or empty for none) and its feedback, mapped to the grade item and its feedback.
- GitHub Classroom: the runner result `autograding-grading-reporter` decodes from base64:
  {"version": 1, "status", "max_score", "tests": [{"name", "status", "score", "message", ...}]}.
  The points it posts are the sum of the tests' `score`, out of `max_score`.
"""
from __future__ import annotations

import csv
import io
import json

from toynn_tui.i18n import _
from toynn_tui.practice import points, roster as rosters
from toynn_tui.practice.safe_text import csv_cell, json_escapes, one_line

CANVAS_HEAD = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def _rows(book):
    """(roster row or None, entry or None) for the LMS files: strays left out when there is a roster."""
    pairs = rosters.matched(book.sorted(), book.roster)
    return [(p.row if p else None, e) for p, e in pairs if p is not None or book.roster is None]


def _grade(book, e) -> str:
    return points.number(points.score(book.exercise, e.verdict)) if e else ""


def to_canvas(book) -> str:
    """Canvas's gradebook import CSV: the five identity columns, the assignment, Points Possible."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    column = book.roster.assignment_column(book.exercise, "canvas") if book.roster else book.exercise
    w.writerow([*CANVAS_HEAD, column])
    w.writerow(["Points Possible", "", "", "", "", points.number(points.max_points(book.exercise))])
    for row, e in _rows(book):
        row = row or {"Student": e.student, "SIS Login ID": e.student}
        w.writerow([csv_cell(row.get(k, "")) for k in CANVAS_HEAD] + [_grade(book, e)])
    return buf.getvalue()


def to_moodle(book) -> str:
    """Moodle's grade import CSV: matched on its identifier column, one grade and its feedback."""
    r = book.roster
    ident = "Email address" if r is not None and r.kind == "moodle" else "username"
    column = r.assignment_column(book.exercise, "moodle") if r else book.exercise
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([ident, "First name", "Last name", column, f"{book.exercise} (feedback)"])
    for row, e in _rows(book):
        row = row or {ident: e.student}
        who = row.get(ident) or next((row[k] for k in rosters.IDENTIFIERS if row.get(k)), "")
        feedback = _feedback(e.verdict) if e else ""
        w.writerow([csv_cell(who), csv_cell(row.get("First name", "")), csv_cell(row.get("Last name", "")),
                    _grade(book, e), csv_cell(feedback)])
    return buf.getvalue()


def _feedback(v) -> str:
    """The line a student reads beside the grade: the count, the checks not passed, the first message."""
    missed = [str(t.get("name", "?")) for t in v.tests if t.get("status") != "pass"]
    parts = [v.summary] + ([_("not passed: {checks}").format(checks="; ".join(missed))] if missed else []) \
        + ([v.message] if v.message and v.message != v.summary else [])
    return one_line(". ".join(parts), 400)


def classroom_result(exercise: str, verdict) -> dict:
    """One runner's result as GitHub Classroom's reporter reads it: points per test, partial credit."""
    tests = verdict.tests or [{"name": "grading", "status": "error", "message": verdict.message}]
    earned = points.check_points(exercise, tests, verdict.status)
    status = verdict.status if verdict.status in ("pass", "fail") else "error"
    return {"version": 1, "status": status, "max_score": points.max_points(exercise),
            "tests": [{"name": str(t.get("name", "?")),
                       "status": "pass" if t.get("status") == "pass" else ("error" if status == "error" else "fail"),
                       "score": p, "message": str(t.get("message") or ""),
                       "test_code": "", "filename": verdict.file, "line_no": 0, "duration": 0}
                      for t, p in zip(tests, earned)]}


def to_classroom(book) -> str:
    """A repository's result (one student, what the reporter reads), or, for a class, each student's
    result keyed by name (a file to split per repository; the reporter reads one)."""
    results = {e.student: classroom_result(book.exercise, e.verdict) for e in book.sorted()}
    doc = next(iter(results.values())) if len(results) == 1 else {"version": 1, "students": results}
    return json_escapes(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
