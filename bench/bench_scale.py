"""Course scale: `toynn grade --jobs 2` against the learners' own runs, and the cost per submission.

    python3 bench/bench_scale.py [students] [mixed]

1. `students` (default 12) copies of the reference exercise 3, graded with
   `toynn grade --jobs 2` (sandboxed), against running each copy's train(X, y)
   bare, two processes at a time: the floor any grader must pay. Interleaved,
   best of 2.
2. A class of `mixed` (default 40) submissions of mixed quality (correct,
   wrong files of tests/checker/wrong, a syntax error, an endless loop at a 10 s
   limit): wall seconds per submission with --jobs 2, and the projection for
   10 000 submissions on 20 two-core runners (shards, see docs/classroom.md).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "exercise3.py"
WRONG = sorted((ROOT / "tests" / "checker" / "wrong").glob("exercise3__*.py"))


def grade(folder: Path, out: Path, jobs: int = 2) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "toynn_tui", "grade", str(folder), "-e", "exercise3", "-j", str(jobs),
                           "--timeout", "10", "-o", str(out)], capture_output=True, text=True, cwd=folder.parent)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return time.perf_counter() - t0


def bare(folder: Path, jobs: int = 2) -> float:
    """Each file's train(X, y) in a fresh python, `jobs` at a time."""
    files = sorted(folder.glob("*.py"))

    def one(f: Path) -> None:
        subprocess.run([sys.executable, "-c", f"import runpy; m = runpy.run_path({str(f)!r}); m['train'](m['X'], m['y'])"],
                       check=True, capture_output=True)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - t0


def main(students: int = 12, mixed: int = 40) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cls = tmp / "correct"
        cls.mkdir()
        for i in range(students):
            shutil.copy(SOLUTION, cls / f"s{i:03d}.py")
        g = b = float("inf")
        for _ in range(2):
            b = min(b, bare(cls))
            g = min(g, grade(cls, tmp / "g.csv"))
        print(f"{students} correct files: bare train() 2 at a time {b:6.2f} s, toynn grade -j 2 {g:6.2f} s"
              f"  -> {g / b:.2f}x  (goal <= 1.3x, aiming at 1.1x)")
        mix = tmp / "mixed"
        mix.mkdir()
        for i in range(mixed):
            kind = i % 4
            dest = mix / f"m{i:03d}.py"
            if kind in (0, 1):
                shutil.copy(SOLUTION, dest)
            elif kind == 2:
                shutil.copy(WRONG[i % len(WRONG)], dest)
            else:
                dest.write_text(SOLUTION.read_text().replace("def train(X, y,", "def train(X, y,,") if i % 8 == 3
                                else SOLUTION.read_text().replace("    for _ in range(iterations):",
                                                                  "    while True:\n        pass\n    for _ in range(iterations):"))
        t = grade(mix, tmp / "m.csv")
        per = t / mixed
        print(f"{mixed} mixed submissions (half correct, a quarter wrong, an eighth broken, an eighth endless "
              f"at a 10 s limit): {t:.1f} s, {per:.2f} s per submission with -j 2")
        print(f"projection: 10 000 submissions on 20 two-core runners = {10_000 / 20 * per / 60:.1f} min each "
              f"(500 submissions a shard), plus set-up")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12, int(sys.argv[2]) if len(sys.argv) > 2 else 40)
