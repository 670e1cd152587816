"""`toynn grade merge`: one class gradebook from its shards' JSON gradebooks, or a one-line refusal.

Only the JSON gradebook is read: it alone keeps every check's verdict (the
CSV and JUnit ones are summaries of it). The merged Book holds the same
entries an unsharded run would have, so it writes the same CSV, JSON and
JUnit rows and the same class summary.

The shards are refused, with the reason in one line (`Refused`), unless they
are all parts of one grading: one exercise, the same toynn version and
grading tests (two versions could grade the same file differently, and the
gradebook would put those grades side by side as if comparable), the same N,
each shard 1..N exactly once, each one complete (an interrupted shard is
finished with `toynn grade --resume` first), cut from the same class (the
roster digest), and every student in the shard their name hashes to, once.
"""
from __future__ import annotations

import json
from pathlib import Path

from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.practice import provenance, shards
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.verdict import Verdict


class Refused(ValueError):
    """The shards do not make one class gradebook; str() is the one-line reason."""


# What two shards may differ in, as the refusal names it ("graded with exercise exercise3, ...").
_WHAT = {"exercise": N_("exercise"), "grading tests": N_("grading tests")}


def load(path: Path) -> dict:
    """A shard's JSON gradebook, checked to be one (Refused otherwise)."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise Refused(_("{file}: only .json gradebooks can be merged (the CSV and JUnit ones leave out "
                        "each check's verdict): grade each shard with --out NAME.json").format(file=path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Refused(_("{file}: no such file").format(file=path)) from None
    except OSError as exc:
        raise Refused(_("{file}: cannot read it: {reason}").format(file=path, reason=exc.strerror or exc)) from None
    except ValueError:
        raise Refused(_("{file}: not a JSON document (a gradebook cut short?)").format(file=path)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("students"), list) or not isinstance(doc.get("exercise"), str):
        raise Refused(_("{file}: not a toynn gradebook").format(file=path))
    part = doc.get("shard")
    if (not isinstance(part, dict) or not all(_whole(part.get(k)) for k in ("index", "count"))
            or not all(isinstance(doc.get(k), str) for k in ("toynn_version", "grading_tests"))):
        raise Refused(_("{file}: records no shard, toynn version or grading tests (written by an older "
                        "toynn?): grade it again").format(file=path))
    return doc


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def merge(paths: list[Path]) -> Book:
    """The class's Book from its shards' gradebooks; Refused (one line) when they do not fit together."""
    parts = [(Path(p), load(p)) for p in paths]
    if not parts:
        raise Refused(_("no gradebooks to merge"))
    first_path, first = parts[0]
    for key, what in (("exercise", _WHAT["exercise"]), ("toynn_version", "toynn"),
                      ("grading_tests", _WHAT["grading tests"])):
        for path, doc in parts[1:]:
            if doc[key] != first[key]:
                raise Refused(_("{file} was graded with {what} {value}, {first} with {first_value}: "
                                "grade every shard with the same toynn").format(
                                    file=path, what=_(what), value=doc[key], first=first_path,
                                    first_value=first[key]))
    # numpy's major.minor can change a verdict (practice/provenance.py); BLAS kernels and CPU features cannot
    why = provenance.mismatch([doc.get("provenance") or {} for _p, doc in parts])
    if why:
        raise Refused(why)
    count = first["shard"]["count"]
    seen: dict[int, Path] = {}
    for path, doc in parts:
        index, n = doc["shard"]["index"], doc["shard"]["count"]
        if n != count:
            raise Refused(_("{file} is shard {index} of {n}, {first} is one of {count}: "
                            "every shard must be cut with the same N").format(
                                file=path, index=index, n=n, first=first_path, count=count))
        if index in seen:
            raise Refused(_("shard {index} of {count} is given twice: {first} and {file}").format(
                index=index, count=count, first=seen[index], file=path))
        seen[index] = path
    missing = [str(i) for i in range(1, count + 1) if i not in seen]
    if missing:
        raise Refused(ngettext("shard {missing} of {count} missing (given: {given})",
                               "shards {missing} of {count} missing (given: {given})", len(missing)).format(
                                   missing=", ".join(missing), count=count,
                                   given=", ".join(str(i) for i in sorted(seen))))
    for path, doc in parts:
        if doc.get("complete") is not True:
            raise Refused(_("{file} (shard {index} of {count}) is incomplete: {graded} of {total} graded; "
                            "finish it with toynn grade --resume first").format(
                                file=path, index=doc["shard"]["index"], count=count,
                                graded=doc.get("graded", "?"), total=doc.get("submissions", "?")))
        if doc["shard"].get("roster") != first["shard"].get("roster"):
            raise Refused(_("{file} and {first} were cut from different classes (their students differ): "
                            "grade every shard from the same folder").format(file=path, first=first_path))
    entries = _entries(parts, count)
    roster = first["shard"].get("roster")
    if roster is not None and shards.roster(e.student for e in entries) != roster:
        raise Refused(_("the shards' students are not the class they were cut from "
                        "({graded} graded, {total} in the class)").format(
                            graded=len(entries), total=first["shard"].get("class_submissions", "?")))
    run = {"toynn_version": first["toynn_version"], "grading_tests": first["grading_tests"],
           "shard": {"index": 1, "count": 1, "class_submissions": len(entries), "merged_from": count}}
    if roster is not None:
        run["shard"]["roster"] = roster
    return Book(first["exercise"], entries=entries, submissions=len(entries), run=run)


def _entries(parts: list[tuple[Path, dict]], count: int) -> list[Entry]:
    """Every student's entry, each read back as the Verdict its shard wrote."""
    entries: list[Entry] = []
    where: dict[str, Path] = {}
    for path, doc in parts:
        index = doc["shard"]["index"]
        for row in doc["students"]:
            student = row.get("student") if isinstance(row, dict) else None
            if not isinstance(student, str):
                raise Refused(_("{file}: a student without a name").format(file=path))
            if student in where:
                raise Refused(_("{student} is in two shards: {first} and {file}").format(
                    student=student, first=where[student], file=path))
            if shards.shard_of(student, count) != index:
                raise Refused(_("{file}: {student} belongs to shard {shard} of {count}, "
                                "not {index} (a gradebook edited, or cut by another rule)").format(
                                    file=path, student=student, shard=shards.shard_of(student, count),
                                    count=count, index=index))
            try:
                verdict = Verdict.from_dict(row)
            except ValueError as exc:
                raise Refused(f"{path}: {student}: {exc}") from None
            where[student] = path
            entries.append(Entry(student, verdict))
    return entries
