"""How close a learner's numbers must be to the engine's: the checker's one set of tolerances.

A different but equivalent order of numpy operations (a.dot(b) vs np.dot(a, b),
(x - m) / s vs x * (1 / s)) stays well inside these; a real mistake does not.
"""
from __future__ import annotations

import numpy as np

RTOL, ATOL = 1e-6, 1e-9          # weights and other parameters
RTOL_OUT, ATOL_OUT = 1e-6, 1e-8  # a net's output (Part 1's printed "Output After Training")
RTOL_NONLIN, ATOL_NONLIN = 1e-7, 1e-12   # the sigmoid and its slope, element by element


def close(expected: np.ndarray, actual: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> bool:
    return expected.shape == actual.shape and bool(np.allclose(actual, expected, rtol=rtol, atol=atol))


def same(expected: list[np.ndarray], actual: list[np.ndarray]) -> bool:
    """Every array of `actual` close to the one of `expected` at its place (and as many)."""
    return len(expected) == len(actual) and all(close(e, a) for e, a in zip(expected, actual))
