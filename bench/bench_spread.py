"""Calibration of the checker's rule for chaotic nets (compare.within, checker.runs.spread).

    python bench/bench_spread.py [calls] [seed]

Batch norm's short checks (200-260 updates, random seeds, settings and targets, as the check plan
draws them) on the feedback bench's files for exercise 12: the correct one in other words, and
two real mistakes whose effect is small (the variance's ddof, eps outside the square root). For
each, how many calls end beyond `compare.same`, how many of those `within` still refuses, and the
largest excess over the reference's spread (in units of the spread; the rule allows SPREAD_FACTOR).
A correct file must never be refused; a mistake refused on a call is one call that names it (the
defaults' 3000-update run and the single step catch them too). A benchmark: nothing here asserts.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from toynn_tui import ladder  # noqa: E402
from toynn_tui.checker import compare, runs  # noqa: E402
from toynn_tui.checker.rungs import Rung  # noqa: E402

FILES = {"correct, other words": "correct_own_words.py", "ddof=1": "var_ddof1.py",
         "eps outside sqrt": "eps_outside_sqrt.py"}


def load(name: str):
    spec = importlib.util.spec_from_file_location(Path(name).stem, ROOT / "bench/feedback/rungs/exercise12" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.train


def main(calls: int = 60, seed: int = 11) -> None:
    rung = Rung(ladder.get("exercise12"))
    X = rung.inputs["X"]
    trains = {label: load(f) for label, f in FILES.items()}
    tally = {label: [0, 0, 0.0] for label in FILES}   # beyond same, refused, largest excess
    rs = np.random.RandomState(seed)
    for k in range(calls):
        draw, iterations = int(rs.randint(2**31)), int(rs.randint(200, 261))
        if k % 2:
            hidden, alpha, y = 6, 0.1, rung.inputs["y"]
        else:
            hidden, alpha = int(rs.randint(3, 8)), float(np.round(rs.uniform(0.05, 0.5), 3))
            y = (rs.random_sample(rung.inputs["y"].shape) > 0.5).astype(float)
        spec = rung.spec.with_(sizes=(3, hidden, 1), alpha=alpha)
        ref = runs.trained(spec, X, y, draw, iterations)
        for label, train in trains.items():
            got = [np.asarray(g, float) for g in train(X.copy(), y.copy(), hidden=hidden, alpha=alpha,
                                                       iterations=iterations, seed=draw)]
            if compare.same(ref, got):
                continue
            spread = runs.spread(spec, X, y, draw, iterations)
            excess = max(float(np.max((np.abs(a - e) - compare.ATOL - compare.RTOL * np.abs(e)) / s))
                         for e, a, s in zip(ref, got, spread))
            t = tally[label]
            t[0] += 1
            t[1] += not compare.within(ref, got, spread)
            t[2] = max(t[2], excess)
    print(f"{calls} calls; spread from {runs.SPREAD_SAMPLES} starts nudged by {runs.SPREAD_ULP} ULP; "
          f"allowed: {compare.SPREAD_FACTOR}x the spread")
    for label, (beyond, refused, worst) in tally.items():
        print(f"  {label:<22} beyond same {beyond:>4}   refused by within {refused:>4}   largest excess {worst:.3g}x")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
