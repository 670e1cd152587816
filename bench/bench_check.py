"""`toynn check exercise3` on the reference answer vs a bare run of that answer, side by side.

    python3 bench/bench_check.py [repeats] [BASELINE_CHECKOUT]

The bare run is a fresh `python -c` that imports the solution and calls
train(X, y) once: the least any checker must spend. `toynn check` adds its own
start-up, pytest, the child process and the extra calls of its plan. Both are
fresh processes, interleaved, best of `repeats`. Goal (issue 11): <= 1.5x, aiming at 1.1x.
With BASELINE_CHECKOUT (another checkout of toynn, e.g. a `git worktree` of an
older commit), its `toynn check` is timed in the same rounds, for a before/after
measured side by side.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "exercise3.py"

BARE = [sys.executable, "-c", "import exercise3 as m; m.train(m.X, m.y)"]
CHECK = [sys.executable, "-m", "toynn_tui", "check", "exercise3", "--file", str(SOLUTION)]


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def main(repeats: int = 3, baseline: str | None = None) -> None:
    best = {"bare train(X, y)": float("inf"), "toynn check": float("inf")}
    if baseline:
        best["baseline check"] = float("inf")
    for _ in range(repeats):
        best["bare train(X, y)"] = min(best["bare train(X, y)"], timed(BARE, SOLUTION.parent))
        # run from a neutral folder: `python -m` puts the working folder first on sys.path, and
        # from this checkout that would shadow the baseline's PYTHONPATH
        best["toynn check"] = min(best["toynn check"], timed(CHECK, Path(tempfile.gettempdir())))
        if baseline:
            env = dict(os.environ, PYTHONPATH=str(Path(baseline).resolve()))
            best["baseline check"] = min(best["baseline check"], timed(CHECK, Path(tempfile.gettempdir()), env))
    for name, t in best.items():
        print(f"{name:<17} {t:6.2f} s   (best of {repeats})")
    bare = best["bare train(X, y)"]
    print(f"toynn check / bare run = {best['toynn check'] / bare:.2f}x   (goal <= 1.5x, aiming at 1.1x)")
    if baseline:
        print(f"baseline check / bare run = {best['baseline check'] / bare:.2f}x   ({baseline})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, sys.argv[2] if len(sys.argv) > 2 else None)
