"""Engine speed vs hand-written numpy loops, every net variant, measured side by side in one process.

    python3 bench/bench_engine.py [repeats] [iterations]

For each net of the ladder (the article's two and every rung's), the same
training run goes through the engine's fast path (`Net.run`, compiled from the
generated lines) and through the rung's reference solution in solutions/ (a
training loop written out by hand, no engine), interleaved so machine noise hits
both alike. Prints the best time of each and the ratio of speeds; checks first
that the two give the same numbers (else it is not comparing like with like).
Goal (issue 9): every variant's fast path >= 0.95x the hand-written loop.
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from toynn_tui import engine, ladder  # noqa: E402


def load_solution(file: str):
    spec = importlib.util.spec_from_file_location(f"solution_{Path(file).stem}", ROOT / "solutions" / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases(iterations: int):
    """(label, hand-written run, engine run) for every network exercise."""
    for ex in ladder.load():
        if ex.name == "exercise1":
            continue
        solution = load_solution(ex.file)
        spec = ex.spec()
        X, y = engine.data.load(spec.data)
        n = min(iterations, spec.iterations)

        def hand(solution=solution, X=X, y=y, n=n, kw=ex.defaults):
            out = solution.train(X.copy(), y.copy(), iterations=n, seed=1, **kw)
            return [out] if isinstance(out, np.ndarray) else list(out)   # exercise 2 returns syn0 alone

        def fast(spec=spec, X=X, y=y, n=n):
            net = engine.Net(spec=spec, seed=1, X=X, y=y)
            net.run(n)
            return net.weights
        yield f"{ex.name} {spec.name}", n, hand, fast


def main(repeats: int = 5, iterations: int = 3000) -> None:
    print(f"{'net':<24}{'iters':>6}{'hand-written':>14}{'engine':>10}{'ratio':>8}")
    worst = float("inf")
    for label, n, hand, fast in cases(iterations):
        a, b = hand(), fast()
        assert len(a) == len(b) and all(np.allclose(x, z, rtol=1e-9, atol=1e-12) for x, z in zip(a, b)), label
        best = {"hand": float("inf"), "engine": float("inf")}
        for _ in range(repeats):
            for name, fn in (("hand", hand), ("engine", fast)):
                t0 = time.perf_counter()
                fn()
                best[name] = min(best[name], time.perf_counter() - t0)
        ratio = best["hand"] / best["engine"]
        worst = min(worst, ratio)
        print(f"{label:<24}{n:>6}{best['hand'] * 1e3:>11.1f} ms{best['engine'] * 1e3:>7.1f} ms{ratio:>7.2f}x")
    print(f"slowest variant: engine speed / hand-written speed = {worst:.2f}x   (goal >= 0.95x; best of {repeats})")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
