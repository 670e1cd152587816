"""`toynn grade` on a class of submissions, one job at a time vs two (prints figures; not a test).

    python3 bench/bench_grade.py [--students 100] [--exercise exercise3] [--timeout 10] [--rounds 2]

Builds a class in a temporary folder: one file per student (a few students
hand in a folder instead), mostly correct answers (solutions/) and wrong ones
(tests/checker/wrong/, one known mistake each), plus a few broken ones: syntax
errors, an exception at import, an os._exit and at most two endless loops
(stopped by `--timeout`, the checker's time limit). The class is graded by
`python -m toynn_tui grade DIR -e EXERCISE --jobs 1` and `--jobs 2`, each a
fresh process, wall time by time.perf_counter.

For fairness on a noisy machine the class is cut into `--rounds` slices and
each slice is graded by both, in A B B A ... order, so load that comes and goes
hits both alike; the times printed are the sums over the slices. The CPU
seconds the graders used (children included), the cores they kept busy on
average (CPU / wall) and the load average are shown too. Read them together:
`toynn grade` keeps one checker worker per job (`python -m
toynn_tui.checker.worker`), so Python's start-up, the imports and the
checker's reference answers (about 0.6 s of CPU for exercise 3) are paid once
per worker, not per student; what is left per student (the student's own run
in its sandboxed process, and pytest grading it) is about 1.1 s of CPU. With --jobs 1 that keeps
about one core busy, so --jobs 2 can come close to 2x; other work on the
machine lowers both. (Before the workers, with a `toynn check` process per
student: 2.4 s of CPU per student, about 1.25 cores busy with --jobs 1, and
1.46x.) Each slice starts its own workers, so more --rounds or fewer
--students weigh their start-up more.

Goal (issue 4): --jobs 2 at >= 1.7x the speed of --jobs 1 on a 2-core machine,
and both gradebooks give every student the same status. Measured on a 2-core
machine with 100 students of exercise 3: --jobs 1 107 s, --jobs 2 59 s, 1.82x;
the whole run takes about 3 minutes (--students 30: under a minute, 1.65x,
start-up weighing more).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
WRONG = ROOT / "tests" / "checker" / "wrong"

BROKEN = {  # name -> (file text, how many may be used); the hangs are what --timeout is for
    "syntax-error": ("import numpy as np\n\ndef train(X, y, iterations=60000, seed=1)\n    return X\n", 2),
    "raises-at-import": ("import numpy as np\nraise RuntimeError('not finished')\n", 1),
    "os-exit": ("import os\nos._exit(0)\n", 1),
    "endless-loop": ("while True:\n    pass\n", 2),
}


def build_class(folder: Path, exercise: str, students: int) -> dict[str, str]:
    """Write the class into `folder`; returns student -> what they handed in."""
    right = (SOLUTIONS / f"{exercise}.py").read_text()
    wrongs = sorted(WRONG.glob(f"{exercise}__*.py"))
    broken = [(name, text) for name, (text, n) in BROKEN.items() for _ in range(n)]
    n_broken = min(len(broken), max(1, students // 12))
    n_wrong = (students - n_broken) // 2
    kinds: list[tuple[str, str]] = [(f"broken:{name}", text) for name, text in broken[:n_broken]]
    kinds += [(f"wrong:{w.stem.split('__', 1)[1]}", w.read_text()) for w in
              (wrongs[i % len(wrongs)] for i in range(n_wrong))]
    kinds += [("correct", right)] * (students - len(kinds))
    # spread the kinds through the class (a fixed shuffle), so no slice is all hangs
    order = sorted(range(students), key=lambda i: (i * 37) % students)
    handed_in = {}
    for k, i in enumerate(order):
        student = f"student{k + 1:03d}"
        kind, text = kinds[i]
        text = f"# {student}\n{text}"
        if k % 10 == 3:  # one student in ten hands in a workspace folder
            path = folder / student / "exercises" / f"{exercise}.py"
            path.parent.mkdir(parents=True)
        else:
            path = folder / f"{student}.py"
        path.write_text(text)
        handed_in[student] = kind
    return handed_in


def slices(folder: Path, rounds: int) -> list[Path]:
    """Cut the class into `rounds` folders of about equal size (copies: `toynn grade` skips links leading out)."""
    entries = sorted(p for p in folder.iterdir())
    out = []
    for r in range(rounds):
        part = folder.parent / f"slice{r + 1}"
        part.mkdir()
        for p in entries[r::rounds]:
            if p.is_dir():
                shutil.copytree(p, part / p.name)
            else:
                shutil.copy2(p, part / p.name)
        out.append(part)
    return out


def grade(part: Path, exercise: str, jobs: int, timeout: float, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the grader and its children) of one `toynn grade` run."""
    cmd = [sys.executable, "-m", "toynn_tui", "grade", str(part), "-e", exercise, "--jobs", str(jobs),
           "--timeout", f"{timeout:g}", "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit(f"toynn grade failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def statuses(books: list[Path]) -> dict[str, tuple[str, int, int]]:
    got = {}
    for book in books:
        for s in json.loads(book.read_text())["students"]:
            got[s["student"]] = (s["status"], s["passed"], s["total"])
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=100)
    ap.add_argument("--exercise", default="exercise3")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="toynn grade --timeout: seconds one file may run (the endless loops cost this)")
    ap.add_argument("--rounds", type=int, default=2, help="slices graded in A B B A order")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="toynn-bench-grade-"))
    try:
        cls = tmp / "class"
        cls.mkdir()
        handed_in = build_class(cls, args.exercise, args.students)
        kinds = Counter(k.split(":")[0] for k in handed_in.values())
        print(f"{args.students} students of {args.exercise}: " + ", ".join(f"{n} {k}" for k, n in kinds.items())
              + f"; --timeout {args.timeout:g}; {os.cpu_count()} CPUs; load average before "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        parts = slices(cls, max(1, min(args.rounds, args.students)))
        wall = {1: 0.0, 2: 0.0}
        cpu = {1: 0.0, 2: 0.0}
        books = {1: [], 2: []}
        for r, part in enumerate(parts):
            for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                book = tmp / f"book_j{jobs}_{r}.json"
                w, c = grade(part, args.exercise, jobs, args.timeout, book)
                wall[jobs] += w
                cpu[jobs] += c
                books[jobs].append(book)
                print(f"  slice {r + 1}/{len(parts)} --jobs {jobs}: {w:6.1f} s")
        n = args.students
        for jobs in (1, 2):
            print(f"--jobs {jobs}: {wall[jobs]:6.1f} s wall  {n / wall[jobs]:5.2f} students/s   "
                  f"CPU {cpu[jobs]:6.1f} s ({cpu[jobs] / n:.2f} s per student), "
                  f"{cpu[jobs] / wall[jobs]:.2f} cores busy on average")
        print(f"speedup --jobs 2 vs --jobs 1 = {wall[1] / wall[2]:.2f}x   (goal >= 1.7x)   "
              f"load average after " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        one, two = statuses(books[1]), statuses(books[2])
        differ = sorted(s for s in set(one) | set(two) if one.get(s) != two.get(s))
        by_kind = Counter((handed_in[s].split(":")[0], one[s][0]) for s in one if s in handed_in)
        print("verdicts (--jobs 1): " + ", ".join(f"{k} -> {st}: {c}" for (k, st), c in sorted(by_kind.items())))
        if len(one) != n or len(two) != n:
            print(f"MISMATCH: gradebooks hold {len(one)} and {len(two)} students, not {n}")
        if differ:
            print(f"MISMATCH: the two gradebooks disagree on {len(differ)} students:")
            for s in differ:
                print(f"  {s} ({handed_in.get(s)}): --jobs 1 {one.get(s)}  --jobs 2 {two.get(s)}")
        else:
            print(f"both gradebooks agree: same status, passed and total for all {len(one)} students")
        if args.keep:
            print(f"kept: {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if differ or len(one) != n or len(two) != n else 0)


if __name__ == "__main__":
    main()
