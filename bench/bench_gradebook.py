"""What `toynn grade` spends on its gradebooks, per class size: rewritten per student vs written once (prints figures; not a test).

    python3 bench/bench_gradebook.py [--sizes 100,1000] [--formats csv,json,xml]

No check runs: each student's verdict is a fake row shaped like a real one
(six checks, a diagnosis and a traced line on the failing ones, an integrity
flag now and then), so the figures are the gradebook's cost alone. For each
class size, in one run and in one temporary folder, side by side:
- old: what `toynn grade` did before: after every student, the journal line
  (appended, fsynced) and every gradebook rewritten whole (temp file, fsync,
  rename, fsync of the folder): n rewrites of a book growing to n rows, so
  the cost grows with the square of the class;
- new: what it does now: the journal line per student, the gradebooks written
  once at the start and once at the end: linear in the class.
Both write the same journal and end with the same gradebooks (checked). The
sizes alternate old, new / new, old so load that comes and goes hits both
alike. Printed: seconds, milliseconds per student, old/new, and how each
grows from the first size to the last (10x the class: ~100x for the old,
~10x for the new).

Measured on a 2-core machine (CSV + JSON + JUnit, the whole run 2 min 11 s):
  100 students: old 1.61 s (16.13 ms/student), new 0.06 s (0.56 ms/student), old/new 29.0x
  1000 students: old 128.44 s (128.44 ms/student), new 0.52 s (0.52 ms/student), old/new 245.9x
  from 100 to 1000 students: old took 79.6x as long, new 9.4x
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toynn_tui.practice import gradebook, journal, shards  # noqa: E402
from toynn_tui.practice.gradebook import Book, Entry  # noqa: E402
from toynn_tui.practice.verdict import Verdict  # noqa: E402

CHECKS = ["starting weights", "one update step", "a hundred steps", "the article's run",
          "the predictions", "the error falls"]


def fake_entry(i: int) -> Entry:
    """Student i's row: one in three fails from the second check on, one in ten reaches for `os`."""
    failing = i % 3 == 0
    tests = []
    for k, name in enumerate(CHECKS):
        bad = failing and k >= 1
        tests.append({"name": name, "status": "fail" if bad else "pass",
                      "message": f"{name}: syn1 is off by 0.0{k + 1} at [0, {k}]\nat s{i}.py:26: "
                                 "l2_delta = l2_error" if bad else "",
                      "hint": "the delta is the error times the slope" if bad else None,
                      "diagnosis": "slope-missing" if bad else None,
                      "lines": [{"line": 26, "code": "l2_delta = l2_error", "title": "slope missing"}] if bad else []})
    return Entry(f"student{i:04d}", Verdict("exercise3", f"subs/student{i:04d}.py", "fail" if failing else "pass",
                                            tests[1]["message"] if failing else "", tests,
                                            ["slope-missing"] if failing else [], 1.2, "bubblewrap",
                                            ["os"] if i % 10 == 0 else []))


def run(style: str, n: int, folder: Path, formats: list[str], run_record: dict) -> float:
    """Seconds for `style` ("old" or "new") to journal and write the gradebooks of an n-student class."""
    folder.mkdir()
    outs = [folder / f"grades.{ext}" for ext in formats]
    entries = [fake_entry(i) for i in range(n)]
    t0 = time.perf_counter()
    book = Book("exercise3", submissions=n, run=run_record)
    j = journal.Journal(journal.path_for(outs[0]), "exercise3")
    if style == "new":
        for out in outs:
            gradebook.write(book, out)
    for entry in entries:
        j.add(entry)
        book.entries.append(entry)
        if style == "old":
            for out in outs:
                gradebook.write(book, out)
    for out in outs:
        gradebook.write(book, out)
    j.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000", help="class sizes, comma-separated")
    ap.add_argument("--formats", default="csv,json,xml", help="gradebooks written (the --out of a run)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    formats = args.formats.split(",")
    run_record = shards.record()
    tmp = Path(tempfile.mkdtemp(prefix="toynn-bench-gradebook-"))
    print(f"gradebooks: {', '.join(formats)}; fake rows (6 checks each); {os.cpu_count()} CPUs; "
          f"temporary folder on {tmp.parent}")
    took: dict[tuple[str, int], float] = {}
    try:
        for r, n in enumerate(sizes):
            for style in (("old", "new") if r % 2 == 0 else ("new", "old")):
                where = tmp / f"{style}{n}"
                took[style, n] = run(style, n, where, formats, run_record)
            same = all((tmp / f"old{n}" / f"grades.{e}").read_bytes() == (tmp / f"new{n}" / f"grades.{e}").read_bytes()
                       for e in formats)
            old, new = took["old", n], took["new", n]
            print(f"{n:5d} students: old (rewritten per student) {old:8.2f} s  {1000 * old / n:7.2f} ms/student   "
                  f"new (written once) {new:7.2f} s  {1000 * new / n:6.2f} ms/student   "
                  f"old/new = {old / new:6.1f}x   {'same gradebooks' if same else 'GRADEBOOKS DIFFER'}")
            shutil.rmtree(tmp / f"old{n}")
            shutil.rmtree(tmp / f"new{n}")
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            print(f"from {a} to {b} students ({b / a:g}x the class): old took {took['old', b] / took['old', a]:.1f}x "
                  f"as long, new {took['new', b] / took['new', a]:.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
