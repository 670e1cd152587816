"""The data sets the nets train on: the article's four examples, and small seeded 2-D sets.

Everything is generated here from a fixed seed (no downloads), so the checker,
the app and a learner's `toynn data NAME` see the very same numbers. 2-D sets
come with a third column of ones, as the article's X has, except the `*2`
variants (for nets with bias units, which need no such column).
"""
from __future__ import annotations

import numpy as np

# Four training examples; the third column is always 1 (it plays a bias's role).
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
# Part 1: the output copies the first input column (a 2-layer net can learn it).
Y_PART1 = np.array([[0, 0, 1, 1]]).T
# Part 2: the output is "first XOR second" (needs the hidden layer).
Y_PART2 = np.array([[0], [1], [1], [0]])

SEED = 0          # the data sets' own seed (not the training seed)
POINTS = 30       # a size where mini-batches, dropout and batch norm change something


def _circle(n: int = POINTS, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """n points in the square [-1, 1]^2, labelled 1 inside the circle of radius 0.6."""
    rng = np.random.RandomState(seed)
    pts = np.round(2 * rng.random_sample((n, 2)) - 1, 2)
    y = (np.hypot(pts[:, 0], pts[:, 1]) < 0.6).astype(float).reshape(-1, 1)
    return pts, y


def _with_ones(pts: np.ndarray) -> np.ndarray:
    return np.hstack([pts, np.ones((len(pts), 1))])


def load(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) of a data set by name (fresh copies: callers may not share ours)."""
    if name == "part1":
        return X.copy(), Y_PART1.copy()
    if name == "xor":
        return X.copy(), Y_PART2.copy()
    if name == "xor2":
        return X[:, :2].copy(), Y_PART2.copy()
    if name == "circle":
        pts, y = _circle()
        return _with_ones(pts), y
    if name == "circle2":
        return _circle()
    raise KeyError(f"unknown data set {name!r} (known: {', '.join(NAMES)})")


NAMES = ("part1", "xor", "xor2", "circle", "circle2")


def source(name: str) -> str:
    """The data set as Python lines a learner's file can hold (stubs and solutions paste these).
    Every number is written as repr() prints it, so the literal gives the very same floats."""
    X, y = load(name)
    def rows(a):
        return ",\n".join("    [" + ", ".join(repr(float(v)) if a.dtype.kind == "f" else str(int(v)) for v in r) + "]"
                          for r in a)
    return f"X = np.array([\n{rows(X)}])\ny = np.array([\n{rows(y)}])"
