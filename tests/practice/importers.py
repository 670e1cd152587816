"""Readers that follow what each LMS's importer does with a file, to read back toynn's LMS gradebooks.

They are written from the importers' own sources and documents, and refuse what those refuse:
- Canvas (Grades → Import; Instructure's guide "How do I import grades in the Gradebook?"):
  students are found by ID, SIS User ID or SIS Login ID; the "Points Possible" row is skipped; a
  column headed as the export heads an assignment ("name (id)") updates it, any other column
  makes a new assignment; read-only columns are ignored; a blank cell changes nothing. A student
  the course does not have stops the import until the teacher matches them by hand: refused here.
- Moodle (`grade/import/csv/classes/load_data.php`): the "Map from" column finds each user by
  id, idnumber, email or username, and one value that finds no user aborts the whole import
  ("usermappingerror"); a blank map-from value skips the row; a grade of "" or "-" is no grade,
  anything else must be a number (else "badgrade", the import aborted) no higher than 100.
- GitHub Classroom (`autograding-grading-reporter`, src/main.js and src/notify-classroom.js):
  each runner's result is base64 JSON in `<RUNNER>_RESULTS`; the points posted are the sum of the
  tests' `score` over the runners with a `max_score`, out of the sum of those; any runner whose
  status is "fail" fails the job ("Some tests failed."), else any "error" ("Some tests errored.").
"""
from __future__ import annotations

import base64
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"


class ImportFailed(Exception):
    """The importer would refuse the file (Moodle aborts the whole import)."""


@dataclass
class CanvasImport:
    grades: dict = field(default_factory=dict)          # (Canvas ID, assignment column) -> points
    new_assignments: list = field(default_factory=list)
    unknown_students: list = field(default_factory=list)


CANVAS_IDS = ("ID", "SIS User ID", "SIS Login ID")
CANVAS_READ_ONLY = re.compile(r"(Current|Final|Unposted Current|Unposted Final) (Score|Grade|Points)")


def canvas_import(text: str, export: str) -> CanvasImport:
    course = list(csv.DictReader(io.StringIO(export)))
    people = [r for r in course if r["Student"].strip() != "Points Possible"]
    assignments = [c for c in course[0] if re.fullmatch(r".+ \(\d+\)", c)]
    reader = csv.DictReader(io.StringIO(text))
    head = set(reader.fieldnames)
    if not {"SIS Login ID", "Section"} <= head or not {"Student", "ID", "SIS User ID"} & head:
        raise ImportFailed(f"Canvas needs Student (or ID, SIS User ID), SIS Login ID and Section: {sorted(head)}")
    got = CanvasImport()
    columns = [c for c in reader.fieldnames if c not in ("Student", *CANVAS_IDS, "Section")
               and not CANVAS_READ_ONLY.fullmatch(c)]
    got.new_assignments = [c for c in columns if c not in assignments]
    for row in reader:
        if row["Student"].strip() == "Points Possible":
            continue
        who = next((p for p in people for k in CANVAS_IDS if row.get(k) and row[k] == p[k]), None)
        if who is None:
            got.unknown_students.append(row.get("SIS Login ID") or row.get("Student"))
            continue
        for c in columns:
            if row[c].strip():   # a blank cell leaves the grade as it was
                got.grades[(who["ID"], c)] = float(row[c])
    if got.unknown_students:
        raise ImportFailed(f"students not in the course: {', '.join(got.unknown_students)}")
    return got


@dataclass
class MoodleImport:
    grades: dict = field(default_factory=dict)      # the map-from value -> grade
    feedback: dict = field(default_factory=dict)


MOODLE_FIELDS = {"id": "id", "ID number": "idnumber", "Email address": "email", "username": "username"}


def moodle_import(text: str, users: list[list[str]], map_from: str, grade_column: str,
                  feedback_column: str | None = None, map_to: str | None = None) -> MoodleImport:
    """`users` is the course's users as rows (a header, then one row each), `map_to` the user field
    the map-from column is matched to (the same name by default)."""
    head, *rest = users
    field_column = map_to or map_from
    known = {row[head.index(field_column)] for row in rest}
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [h.strip() for h in reader.fieldnames]   # load_data.php trims the headers
    got = MoodleImport()
    for row in reader:
        who = row[map_from]
        if not who:
            continue
        if who not in known:
            raise ImportFailed(f"usermappingerror: no user with {MOODLE_FIELDS.get(field_column, field_column)} {who}")
        value = row[grade_column].strip()
        if value not in ("", "-"):
            try:
                grade = float(value)
            except ValueError:
                raise ImportFailed(f"badgrade: {value!r}") from None
            if grade > 100:
                raise ImportFailed(f"gradevaluetoobig: {grade}")
            got.grades[who] = grade
        if feedback_column and row.get(feedback_column):
            got.feedback[who] = row[feedback_column]
    return got


class Report(NamedTuple):
    points: str              # what the reporter posts to Classroom: "Points 7/10"
    failed: str | None       # the job's failure message, None when it passes


def classroom_report(runners: dict[str, str]) -> Report:
    """What the reporter does with the runners' results (`runners`: id -> the result file's text),
    passed to it as it is in a workflow: base64 in the environment variable <ID>_RESULTS."""
    env = {f"{r.upper()}_RESULTS": base64.b64encode(t.encode()).decode() for r, t in runners.items()}
    results = [json.loads(base64.b64decode(env[f"{r.strip().upper()}_RESULTS"]).decode("utf-8")) for r in runners]
    total = maximum = 0
    for res in results:
        if not res.get("max_score"):
            continue
        maximum += res["max_score"]
        total += sum(t["score"] for t in res["tests"])   # a test without a score would make it NaN
    failed = "Some tests failed." if any(r["status"] == "fail" for r in results) else \
        "Some tests errored." if any(r["status"] == "error" for r in results) else None
    return Report(f"Points {total:g}/{maximum:g}", failed)

