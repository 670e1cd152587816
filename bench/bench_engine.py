"""Engine speed vs the article's raw loop, measured side by side in one process.

    python3 bench/bench_engine.py [repeats]

Runs the 3-layer net's 60 000 iterations through `toynn_tui.engine.Net` and
through the article's loop written out plainly (no objects, no line table),
interleaved so machine noise hits both alike, and prints the best time of each
and the ratio of speeds. Goal (issue 2): the engine at >= 0.9x the raw loop.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from toynn_tui import engine  # noqa: E402

ITERATIONS = 60000


def nonlin(x, deriv=False):
    """The article's sigmoid, as the raw loop calls it."""
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def raw_loop() -> np.ndarray:
    """The article's 3-layer training loop, line for line: the yardstick."""
    X, y = engine.X, engine.Y_PART2
    np.random.seed(1)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    for _ in range(ITERATIONS):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += l1.T.dot(l2_delta)
        syn0 += l0.T.dot(l1_delta)
    return syn1


def with_engine() -> np.ndarray:
    net = engine.Net(3, seed=1)
    net.run(ITERATIONS)
    return net.weights[1]


def main(repeats: int = 3) -> None:
    assert np.allclose(raw_loop(), with_engine()), "the two loops disagree: not comparing like with like"
    best = {"raw loop": float("inf"), "engine": float("inf")}
    for _ in range(repeats):
        for name, fn in (("raw loop", raw_loop), ("engine", with_engine)):
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    for name, t in best.items():
        print(f"{name:<9} {t:7.3f} s   {ITERATIONS / t:9,.0f} it/s   (best of {repeats})")
    ratio = best["raw loop"] / best["engine"]
    print(f"engine speed / raw loop speed = {ratio:.2f}x   (goal >= 0.9x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
