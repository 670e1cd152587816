"""The line trace: how exact it is on wrong files of our own, and what it costs a check, side by side.

    python3 bench/bench_trace.py [repeats]

1. Exactness: every case of tests/checker/traced/cases.py (single and double
   mistakes made from the solutions) through `rungtrace.find`: how many get every
   mistake named on exactly its line(s) and no other line.
2. Cost: `toynn check exercise3` on a file with two mistakes, with the trace
   (TOYNN_TRACE=on, the default) and without it (off), interleaved, best of
   `repeats`; and on the correct solution, which never traces.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def exactness() -> None:
    from toynn_tui import engine, ladder
    from toynn_tui.checker import rungtrace
    from toynn_tui.checker.job import Job
    from toynn_tui.checker.rungs import SEED, Rung
    spec = importlib.util.spec_from_file_location("cases", ROOT / "tests" / "checker" / "traced" / "cases.py")
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    exact = total = double = double_exact = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, exercise, edits, expected in cases.cases():
            source = cases.apply((ROOT / "solutions" / f"{exercise}.py").read_text(), edits)
            path = Path(tmp) / f"{exercise}.py"
            path.write_text(source)
            rung = Rung(ladder.get(exercise))
            job = Job(exercise, path, exercise, 20.0, source.encode())
            found = rungtrace.find(job, rung, "step", engine.init_weights(SEED, spec=rung.spec), 1)
            ok = [(f.text, f.mistake.id if f.mistake else None) for f in found] == expected
            total += 1
            exact += ok
            if len(expected) > 1:
                double += 1
                double_exact += ok
            if not ok:
                print(f"  not exact: {name}: {[(f.text, f.mistake and f.mistake.id) for f in found]}")
    print(f"exact (every mistake named, only its lines): {exact} of {total} files "
          f"({double_exact} of {double} with two mistakes)")


def timed(path: Path, trace: str) -> float:
    env = dict(os.environ, TOYNN_TRACE=trace)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "toynn_tui", "check", "exercise3", "--file", str(path)],
                   cwd=ROOT, env=env, capture_output=True)
    return time.perf_counter() - t0


def cost(repeats: int) -> None:
    source = (ROOT / "solutions" / "exercise3.py").read_text()
    wrong = source.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error").replace(
        "syn1 += l1.T.dot(l2_delta)", "syn1 += 0.5 * l1.T.dot(l2_delta)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "exercise3.py"
        path.write_text(wrong)
        best = {"on": float("inf"), "off": float("inf"), "correct": float("inf")}
        for _ in range(repeats):
            best["on"] = min(best["on"], timed(path, "on"))
            best["off"] = min(best["off"], timed(path, "off"))
            best["correct"] = min(best["correct"], timed(ROOT / "solutions" / "exercise3.py", "on"))
    print(f"two-mistake file, trace on   {best['on'] * 1000:7.0f} ms   (best of {repeats})")
    print(f"two-mistake file, trace off  {best['off'] * 1000:7.0f} ms")
    print(f"correct file (never traced)  {best['correct'] * 1000:7.0f} ms")
    print(f"trace on / off = {best['on'] / best['off']:.2f}x  (+{(best['on'] - best['off']) * 1000:.0f} ms, "
          "paid only by a file whose start or step is wrong)")


if __name__ == "__main__":
    exactness()
    cost(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
