"""`toynn check exercise3` on the reference answer vs a bare run of that answer, side by side.

    python3 bench/bench_check.py [repeats] [BASELINE_CHECKOUT]

The bare run is a fresh `python -c` that imports the solution and calls
train(X, y) once: the least any checker must spend. `toynn check` adds its own
start-up, pytest, the child process and the extra calls of its plan. Both are
fresh processes, interleaved, best of `repeats`. Goal: <= 1.2x. The check draws its
secret plan anew every round (checker.secret); the contract's long run is read from the
reference cache (checker.refcache) after the first round, as on any machine after its
first check; the same rounds also time a check with an empty cache (TOYNN_CACHE at a
new folder each round), which computes that run as every check did before.
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
    names = ["bare train(X, y)", "toynn check", "check, cold cache"] + (["baseline check"] if baseline else [])
    best = dict.fromkeys(names, float("inf"))
    neutral = Path(tempfile.gettempdir())
    for _ in range(repeats):
        best["bare train(X, y)"] = min(best["bare train(X, y)"], timed(BARE, SOLUTION.parent))
        # run from a neutral folder: `python -m` puts the working folder first on sys.path, and
        # from this checkout that would shadow the baseline's PYTHONPATH
        best["toynn check"] = min(best["toynn check"], timed(CHECK, neutral))
        with tempfile.TemporaryDirectory() as empty:
            cold = dict(os.environ, TOYNN_CACHE=empty)
            best["check, cold cache"] = min(best["check, cold cache"], timed(CHECK, neutral, cold))
        if baseline:
            env = dict(os.environ, PYTHONPATH=str(Path(baseline).resolve()))
            best["baseline check"] = min(best["baseline check"], timed(CHECK, neutral, env))
    for name, t in best.items():
        print(f"{name:<17} {t:6.2f} s   (best of {repeats})")
    bare = best["bare train(X, y)"]
    print(f"toynn check / bare run = {best['toynn check'] / bare:.2f}x   (goal <= 1.2x)")
    print(f"check with an empty cache / bare run = {best['check, cold cache'] / bare:.2f}x")
    if baseline:
        print(f"baseline check / bare run = {best['baseline check'] / bare:.2f}x   ({baseline})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, sys.argv[2] if len(sys.argv) > 2 else None)
