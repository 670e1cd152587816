"""A class's gradebook (CSV / JSON / JUnit XML, chosen by extension) and its summary.

Each write replaces the whole file atomically (temp + fsync + rename), so the
gradebook on disk is always a complete, valid document. `toynn grade` writes
it at the start, at the end and on Ctrl-C (a valid partial report), not after
every student: that was a whole document per student, the square of the
class; the journal (`journal`) is the per-student record. Everything a student controls (file names,
messages) is escaped for its format: CSV cells that a spreadsheet would run as
a formula are defused (blanks before the = too), a CR or LF in a cell is quoted, characters XML 1.0 forbids are replaced, a lone
surrogate (a file name's undecodable byte, or one in an exception's message)
is an escape, which the JSON reads back as the same name, and in the
summary printed on the teacher's terminal control characters are shown as
escapes (an escape sequence in a file name or an exception message could
otherwise retitle, restyle or clear that terminal). Each row also records the
wall the file ran behind ("bubblewrap", or "none" under --no-sandbox) and the
checker's integrity flags; the summary names both, and neither changes a verdict.
The summary also counts the failing files no known mistake fits ("no named
mistake: 3") and names those stopped at the time limit, which "0 of 6" alone hides.
The JSON also records its run (`shards.record`: shard and N, toynn version,
grading tests digest), which `merge` checks, and gives each student's verdict
the shape of Exercism's v3 results (`version`, `status`, `message`, `tests`
with `name`, `status`, `message`, `output`, `test_code`, `task_id`), so a
platform can show it without toynn installed.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from toynn_tui.i18n import _, ngettext
from toynn_tui.practice import lms, points, provenance, roster as rosters, shards
from toynn_tui.text import printable
from toynn_tui.practice.verdict import Verdict
from toynn_tui.practice.safe_text import csv_cell, json_escapes, one_line, xml_text
from toynn_tui.practice.workspace import atomic_write_text

# The format follows the name's ending, the longest first ("grades.canvas.csv" before ".csv"):
# the ending and the name of its writer, here or (lms:) in `lms`, the LMS's own formats
FORMATS = {".canvas.csv": "lms:to_canvas", ".moodle.csv": "lms:to_moodle",
           ".classroom.json": "lms:to_classroom",
           ".csv": "to_csv", ".json": "to_json", ".xml": "to_junit"}


def format_of(out) -> str | None:
    """The FORMATS ending `out`'s name has, or None."""
    name = Path(out).name.lower()
    return next((end for end in sorted(FORMATS, key=len, reverse=True) if name.endswith(end)), None)


@dataclass
class Entry:
    student: str
    verdict: Verdict


@dataclass
class Book:
    exercise: str
    entries: list = field(default_factory=list)  # Entry, in the order graded
    submissions: int = 0                          # how many were found
    not_graded: list = field(default_factory=list)
    interrupted: bool = False
    run: dict = field(default_factory=dict)       # `shards.record`: where this gradebook comes from
    similarity: object = None                     # `similarity.Report` with --similarity: a column, never a grade
    roster: rosters.Roster | None = None          # --roster: the class as the LMS knows it, if given

    @property
    def shard(self) -> shards.Shard:
        part = self.run.get("shard") or {}
        return shards.Shard(part.get("index", 1), part.get("count", 1))

    @property
    def complete(self) -> bool:
        return not self.interrupted and len(self.entries) == self.submissions

    def sorted(self) -> list[Entry]:
        return sorted(self.entries, key=lambda e: e.student.lower())


def diagnosis_title(mistake_id: str) -> str:
    """A mistake's short title from the checker's catalogue; its id made readable otherwise."""
    import importlib
    for module in ("toynn_tui.checker.mistakes.catalogue", "toynn_tui.checker.mistakes"):
        try:
            table = getattr(importlib.import_module(module), "MISTAKES", None)
        except Exception:  # no checker installed: fall back to the id
            continue
        item = table.get(mistake_id) if isinstance(table, dict) else None
        if item is not None:
            return str(getattr(item, "title", item))
    return mistake_id.replace("_", " ").replace("-", " ")


def common_diagnoses(book: Book) -> list[tuple[str, int]]:
    """(mistake id, number of students) most common first; a student counts once per mistake."""
    counts = Counter(d for e in book.entries for d in set(e.verdict.diagnoses))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def undiagnosed(book: Book) -> list[str]:
    """Students whose file fails with no mistake named (a file that could not be graded is not one)."""
    return [e.student for e in book.sorted() if e.verdict.status == "fail" and not e.verdict.diagnoses]


def summary_lines(book: Book) -> list[str]:
    """The class summary the teacher reads, in the current language (the gradebooks' columns stay English)."""
    n = len(book.entries)
    st = Counter(e.verdict.status for e in book.entries)
    lines = [_head(book, n),
             "  " + _("{passed} of {n} pass, {failed} fail, {errors} could not be graded").format(
                 passed=st["pass"], n=n, failed=st["fail"], errors=st["error"])]
    common = common_diagnoses(book)
    unnamed = len(undiagnosed(book))
    if common or unnamed:
        lines.append(_("Most common mistakes:"))
        lines += ["  " + _("{k} of {n}: {title}").format(k=k, n=n, title=diagnosis_title(d)) for d, k in common]
        if unnamed:   # failing files no known mistake fits: counted, so the summary adds up
            lines.append("  " + _("no named mistake: {n}").format(n=unnamed))
    timed_out = [e.student for e in book.sorted() if e.verdict.timed_out]
    if timed_out:   # "0 of 6" alone would read as six wrong answers
        lines.append(_("Stopped at the time limit: {students}").format(students=", ".join(timed_out)))
    errors = [e for e in book.sorted() if e.verdict.status == "error"]
    if errors:
        lines.append(_("Could not be graded:"))
        lines += [f"  {e.student}: {one_line(e.verdict.message)}" for e in errors]
    if book.not_graded:
        lines.append(_("Not graded ({n}): {students}").format(n=len(book.not_graded),
                                                               students=", ".join(sorted(book.not_graded))))
    # Integrity flags inform the teacher (who reads the file); they change no verdict.
    flagged = [e for e in book.sorted() if e.verdict.flags]
    if flagged:
        lines.append(_("Integrity flags ({n}): {flags}").format(
            n=len(flagged), flags="; ".join(f"{e.student} ({', '.join(e.verdict.flags)})" for e in flagged)))
    lines += rosters.summary_lines(book.sorted(), book.roster)   # the roster's loose ends, both ways
    bare = sum(e.verdict.isolation == "none" for e in book.entries)
    if bare:
        lines.append(ngettext("Not isolated: {n} submission ran without the sandbox (limited in time and memory only)",
                              "Not isolated: {n} submissions ran without the sandbox (limited in time and memory only)",
                              bare).format(n=bare))
    if book.similarity is not None:
        from toynn_tui.practice import similarity
        lines += similarity.summary_lines(book.similarity)
    return [printable(line) for line in lines]


def _head(book: Book, n: int) -> str:
    """The summary's first line: how many were graded, of which shard, and whether it was cut short."""
    if book.shard.count > 1:
        head = _("{exercise}: graded {n} of {total} submissions (shard {shard}: {class_total} in the class)").format(
            exercise=book.exercise, n=n, total=book.submissions, shard=book.shard,
            class_total=book.run["shard"].get("class_submissions", "?"))
    else:
        head = _("{exercise}: graded {n} of {total} submissions").format(
            exercise=book.exercise, n=n, total=book.submissions)
    if book.interrupted:
        head = _("{summary} (interrupted: the gradebook holds only these)").format(summary=head)
    return head


def write(book: Book, out: Path) -> None:
    end = format_of(out)
    if end is None:
        raise ValueError(_("unknown gradebook format {ext}: use {formats}").format(
            ext=repr(Path(out).suffix.lower() or _("(none)")), formats=", ".join(FORMATS)))
    module, _colon, name = FORMATS[end].rpartition(":")
    writer = getattr(lms, name) if module else globals()[name]
    atomic_write_text(Path(out), writer(book))


def to_csv(book: Book) -> str:
    buf = io.StringIO()
    # RFC 4180's CRLF: with "\n" alone the writer leaves a lone CR unquoted, and a file name
    # "eve\rmallory,pass,6,6" became a row of its own for every reader that ends lines at a CR
    w = csv.writer(buf, lineterminator="\r\n")
    sim = book.similarity   # its column only when asked for: the others stay as they were
    w.writerow(["student", "status", "passed", "total", "diagnosis", "message", "isolation", "flags", "lines",
                "score", "points"] + (["most_like"] if sim is not None else []))
    out_of = points.number(points.max_points(book.exercise))
    for e in book.sorted():
        v = e.verdict
        w.writerow([csv_cell(e.student), v.status, v.passed, v.total,
                    csv_cell("; ".join(diagnosis_title(d) for d in v.diagnoses)),
                    csv_cell(one_line(v.message)), csv_cell(v.isolation), csv_cell(", ".join(v.flags)),
                    csv_cell(one_line("; ".join(v.lines), 400)), points.number(points.score(book.exercise, v)), out_of]
                   + ([csv_cell(sim.cell(e.student))] if sim is not None else []))
    return buf.getvalue()


def to_json(book: Book) -> str:
    n = len(book.entries)
    doc = {
        "exercise": book.exercise,
        **(book.run or shards.record()),   # a Book made without a run (a test's): one whole run, here
        "complete": book.complete,
        "interrupted": book.interrupted,
        "submissions": book.submissions,
        "graded": n,
        "not_graded": sorted(book.not_graded),
        "summary": {
            "pass": sum(e.verdict.status == "pass" for e in book.entries),
            "fail": sum(e.verdict.status == "fail" for e in book.entries),
            "error": sum(e.verdict.status == "error" for e in book.entries),
            "diagnoses": [{"id": d, "title": diagnosis_title(d), "students": k}
                          for d, k in common_diagnoses(book)],
            "no_named_mistake": len(undiagnosed(book)),
            "stopped_at_time_limit": [e.student for e in book.sorted() if e.verdict.timed_out],
        },
        "students": [_student(e, book.exercise) for e in book.sorted()],
        "provenance": provenance.record(),   # what the verdicts depended on (practice/provenance.py)
    }
    if book.similarity is not None:
        for d in doc["students"]:
            d["most_like"] = book.similarity.cell(d["student"])
    return json_escapes(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


EXERCISM_TEST_KEYS = ("name", "status", "message", "output", "test_code")


def _student(e: Entry, exercise: str = "") -> dict:
    """A student's verdict as Exercism's v3 results plus toynn's keys: every test has Exercism's
    keys (null when the checker had nothing to say) and its `task_id`, its position from 1; the
    score out of the points, and each test's points (the ladder's weights)."""
    exercise = exercise or e.verdict.exercise
    d = {"student": e.student, "version": 3, **e.verdict.to_dict(),
         "score": points.score(exercise, e.verdict), "points": points.max_points(exercise)}
    earned = points.check_points(exercise, d["tests"], e.verdict.status)
    d["tests"] = [{**dict.fromkeys(EXERCISM_TEST_KEYS), "task_id": i, **t, "score": p}
                  for i, (t, p) in enumerate(zip(d["tests"], earned), 1)]
    return d


def to_junit(book: Book) -> str:
    """JUnit XML: one <testsuite> per student (isolation and flags as its properties), one <testcase> per check."""
    root = ET.Element("testsuites", name=f"toynn grade {book.exercise}")
    totals = Counter()
    props = ET.SubElement(root, "properties")   # the grading process's versions, BLAS and CPU features
    for name, value in provenance.junit_properties(provenance.record()):
        ET.SubElement(props, "property", name=name, value=xml_text(value))
    for e in book.sorted():
        v = e.verdict
        suite = ET.SubElement(root, "testsuite", name=xml_text(e.student), time=f"{v.seconds:.3f}")
        props = ET.SubElement(suite, "properties")   # JUnit's place for facts about a whole suite
        for name, value in (("isolation", v.isolation), ("flags", ", ".join(v.flags)),
                            ("score", points.number(points.score(book.exercise, v))),
                            ("points", points.number(points.max_points(book.exercise)))):
            ET.SubElement(props, "property", name=name, value=xml_text(value))
        tests = v.tests or [{"name": "grading", "status": "error", "message": v.message}]
        counts = Counter()
        for t in tests:
            case = ET.SubElement(suite, "testcase", classname=xml_text(e.student), name=xml_text(str(t.get("name", "?"))))
            status = t.get("status")
            if status in ("fail", "error"):
                # a file that could not be graded at all (it does not parse, never loaded) fails no
                # check: every check it did not pass is an <error>, as the CSV's "error" says
                tag = "error" if status == "error" or v.status == "error" else "failure"
                counts["errors" if tag == "error" else "failures"] += 1
                message = str(t.get("message") or "")
                el = ET.SubElement(case, tag, message=xml_text(one_line(message)))
                if t.get("diagnosis"):
                    el.set("type", xml_text(str(t["diagnosis"])))
                # the checker's message already ends with the hint: add it only where it does not
                hint = str(t.get("hint") or "")
                el.text = xml_text("\n".join(p for p in (message, hint if hint not in message else "",
                                                    str(t.get("output") or "")) if p))
        suite.set("tests", str(len(tests)))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", str(counts["errors"]))
        totals.update(tests=len(tests), **counts)
    for k in ("tests", "failures", "errors"):
        root.set(k, str(totals[k]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
