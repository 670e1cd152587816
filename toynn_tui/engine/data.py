"""The data sets the nets train on: the article's four examples, and small seeded 2-D sets.

Everything is generated here from a fixed seed (no downloads), so the checker,
the app and a learner's `toynn data NAME` see the very same numbers. 2-D sets
come with a third column of ones, as the article's X has, except the `*2`
variants (for nets with bias units, which need no such column).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from toynn_tui.i18n import _

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
    raise KeyError(_("unknown data set {name} (known: {names})").format(name=repr(name), names=", ".join(NAMES)))


NAMES = ("part1", "xor", "xor2", "circle", "circle2")


def source(name: str) -> str:
    """The data set as Python lines a learner's file can hold (stubs and solutions paste these).
    Every number is written as repr() prints it, so the literal gives the very same floats."""
    X, y = load(name)
    def rows(a):
        return ",\n".join("    [" + ", ".join(repr(float(v)) if a.dtype.kind == "f" else str(int(v)) for v in r) + "]"
                          for r in a)
    return f"X = np.array([\n{rows(X)}])\ny = np.array([\n{rows(y)}])"


# -- the playground's 2-D data sets (toynn-tui --dataset NAME) ------------------
# As TensorFlow Playground has them, in the square [-1, 1]^2: a training set and a test set
# drawn from the same generator (the test set's points come after the training set's in the
# seeded stream), labels 0/1, and `noise` the standard deviation of a Gaussian jitter added
# to each point after it was labelled (so noisy points cross the boundary).
PLAYGROUND = ("article", "xor", "circle", "gauss", "spiral")
N_TRAIN = 100     # training points of a generated set (and as many test points)
NOISE = 0.1


class Split(NamedTuple):
    """A playground data set: training inputs and targets, then the test set's."""

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def _points_xor(rng, n):
    pts = 2 * rng.random_sample((n, 2)) - 1
    pts += np.where(pts >= 0, 0.05, -0.05)          # a margin along the axes, as TF Playground's
    return np.clip(pts, -1, 1), (pts[:, 0] * pts[:, 1] < 0).astype(float)   # 1: the signs differ


def _points_circle(rng, n):
    inner = rng.random_sample(n) < 0.5
    r = np.where(inner, 0.5 * rng.random_sample(n), 0.7 + 0.3 * rng.random_sample(n))
    t = 2 * np.pi * rng.random_sample(n)
    return np.column_stack([r * np.sin(t), r * np.cos(t)]), inner.astype(float)


def _points_gauss(rng, n):
    label = (rng.random_sample(n) < 0.5).astype(float)
    centre = np.where(label[:, None] == 1, 0.5, -0.5)
    return centre + 0.2 * rng.standard_normal((n, 2)), label


def _points_spiral(rng, n):
    label = (np.arange(n) % 2).astype(float)
    r = rng.random_sample(n) * 0.95 + 0.05
    t = 1.75 * 2 * np.pi * r + np.pi * label
    return np.column_stack([r * np.sin(t), r * np.cos(t)]), label


_GENERATORS = {"xor": _points_xor, "circle": _points_circle, "gauss": _points_gauss, "spiral": _points_spiral}


def make(name: str, n: int = N_TRAIN, noise: float = NOISE, seed: int = SEED, ones: bool = True,
         n_test: int | None = None) -> Split:
    """A playground data set: n training points and n_test (default n) test points, seeded.

    `ones`: a third column of ones (the article's X; for nets without bias units).
    "article" is the article's four XOR examples (n, noise and seed do not apply; no test set).
    """
    if name == "article":
        Xa = X.astype(float) if ones else X[:, :2].astype(float)
        return Split(Xa, Y_PART2.astype(float), Xa[:0].copy(), Y_PART2[:0].astype(float))
    if name not in _GENERATORS:
        raise KeyError(_("unknown playground data set {name} (known: {names})").format(
            name=repr(name), names=", ".join(PLAYGROUND)))
    n_test = n if n_test is None else int(n_test)
    rng = np.random.RandomState(seed)
    pts, label = _GENERATORS[name](rng, int(n) + n_test)
    if noise:
        pts = pts + noise * rng.standard_normal(pts.shape)
    pts = np.clip(pts, -1.2, 1.2)
    if ones:
        pts = _with_ones(pts)
    y = label.reshape(-1, 1)
    return Split(pts[:n], y[:n], pts[n:], y[n:])
