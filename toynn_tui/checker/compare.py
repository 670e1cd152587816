"""How close a learner's numbers must be to the engine's: the checker's one set of tolerances,
and its one comparison (`close`, `same`): every check and diagnosis compares through these.

A different but equivalent order of numpy operations (a.dot(b) vs np.dot(a, b),
(x - m) / s vs x * (1 / s)) stays well inside these on every net that forgets a
rounding error; a real mistake does not. A net that amplifies one (batch norm) is
compared `within` its reference's own spread (checker.runs.spread) as well.

The expected array comes first and the tolerance is relative to it: np.allclose's
rtol is measured against its second argument, so the order is not a detail.
"""
from __future__ import annotations

import numpy as np

RTOL, ATOL = 1e-6, 1e-9          # weights and other parameters
RTOL_OUT, ATOL_OUT = 1e-6, 1e-8  # a net's output (Part 1's printed "Output After Training")
RTOL_NONLIN, ATOL_NONLIN = 1e-7, 1e-12   # the sigmoid and its slope, element by element
# predict's output this far from the net's (np.allclose's default rtol, 0.05 apart): units were dropped
RTOL_DROPPED, ATOL_DROPPED = 1e-5, 0.05


def close(expected: np.ndarray, actual: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """`actual` has `expected`'s shape and is within atol + rtol * |expected| of it, element by element."""
    return expected.shape == actual.shape and bool(np.allclose(actual, expected, rtol=rtol, atol=atol))


def same(expected: list[np.ndarray], actual: list[np.ndarray]) -> bool:
    """Every array of `actual` close to the one of `expected` at its place (and as many)."""
    return len(expected) == len(actual) and all(close(e, a) for e, a in zip(expected, actual))


SPREAD_FACTOR = 10   # an equivalent order of operations drifted up to 2.8x the spread (bench/bench_spread.py)


def within(expected: list[np.ndarray], actual: list[np.ndarray], spreads: list[float]) -> bool:
    """`same`, with each array's tolerance widened by SPREAD_FACTOR times its reference's spread: how far
    the reference itself moves from a start a few ULP away (every value finite, every shape as expected)."""
    return len(expected) == len(actual) == len(spreads) and all(
        e.shape == a.shape and bool(np.isfinite(a).all())
        and bool(np.all(np.abs(a - e) <= ATOL + RTOL * np.abs(e) + SPREAD_FACTOR * s))
        for e, a, s in zip(expected, actual, spreads))
