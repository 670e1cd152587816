"""`toynn check exercise3` on the reference answer vs a bare run of that answer, side by side.

    python3 bench/bench_check.py [repeats]

The bare run is a fresh `python -c` that imports the solution and calls
train(X, y) once: the least any checker must spend. `toynn check` adds its own
start-up, pytest, the child process and the extra calls of its plan. Both are
fresh processes, interleaved, best of `repeats`. Goal (issue 2): <= 2.5x.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "exercise3.py"

BARE = [sys.executable, "-c", "import exercise3 as m; m.train(m.X, m.y)"]
CHECK = [sys.executable, "-m", "toynn_tui", "check", "exercise3", "--file", str(SOLUTION)]


def timed(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def main(repeats: int = 3) -> None:
    best = {"bare train(X, y)": float("inf"), "toynn check": float("inf")}
    for _ in range(repeats):
        best["bare train(X, y)"] = min(best["bare train(X, y)"], timed(BARE, SOLUTION.parent))
        best["toynn check"] = min(best["toynn check"], timed(CHECK, ROOT))
    for name, t in best.items():
        print(f"{name:<17} {t:6.2f} s   (best of {repeats})")
    ratio = best["toynn check"] / best["bare train(X, y)"]
    print(f"toynn check / bare run = {ratio:.2f}x   (goal <= 2.5x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
