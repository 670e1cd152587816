"""The network math of toynn: the article's two tiny nets, one line at a time.

Pure numpy, and it imports nothing from the app or the checker: the TUI draws
from it, the checker compares learners' arrays against it, and the solutions'
tests trust it. Names follow the article (l0, l1, l2, syn0, syn1, nonlin) so a
learner recognises every value on screen.

The training loop is written once, as a table of `Line`s. `Net.step()` runs
the lines of one iteration in order, `Net.step_line()` runs just the next one
(the app's line-by-line mode), so the numbers on screen and the numbers the
checker trusts cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

# Four training examples; the third column is always 1 (it plays a bias's role).
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
# Part 1: the output copies the first input column (a 2-layer net can learn it).
Y_PART1 = np.array([[0, 0, 1, 1]]).T
# Part 2: the output is "first XOR second" (needs the hidden layer).
Y_PART2 = np.array([[0], [1], [1], [0]])

DEFAULT_ITERATIONS = {2: 10000, 3: 60000}
# Weight shapes in drawing order: syn0 is always drawn before syn1.
SHAPES = {2: ((3, 1),), 3: ((3, 4), (4, 1))}


def nonlin(x, deriv=False):
    """Sigmoid of x; with deriv=True, x is a sigmoid *output* and its slope x*(1-x) is returned."""
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def init_weights(seed: int, layers: int = 3) -> list[np.ndarray]:
    """The starting weights `np.random.seed(seed)` then `2*np.random.random(shape) - 1` give.

    A private RandomState draws the very same numbers as the global one after
    np.random.seed, without touching the caller's global random state.
    """
    rng = np.random.RandomState(seed)
    return [2 * rng.random_sample(shape) - 1 for shape in SHAPES[layers]]


class State:
    """The variables of the training loop, as attributes named like the article's."""

    __slots__ = ("X", "y", "alpha", "l0", "l1", "l2", "l1_error", "l1_delta",
                 "l2_error", "l2_delta", "syn0", "syn1")

    def __init__(self, X, y, weights, alpha=1.0):
        self.X, self.y, self.alpha = X, y, alpha
        self.l0 = self.l1 = self.l2 = None
        self.l1_error = self.l1_delta = self.l2_error = self.l2_delta = None
        self.syn0 = weights[0]
        self.syn1 = weights[1] if len(weights) > 1 else None


@dataclass(frozen=True)
class Line:
    """One line of the training loop: its text, the names it writes, and the code that runs it."""

    text: str
    writes: tuple[str, ...]
    run: Callable[[State], None]


# One small function per loop line (one call each: this is the hot path).
def _l0(s): s.l0 = s.X
def _l1(s): s.l1 = nonlin(np.dot(s.l0, s.syn0))
def _l2(s): s.l2 = nonlin(np.dot(s.l1, s.syn1))
def _l1_error_2(s): s.l1_error = s.y - s.l1
def _l1_delta_2(s): s.l1_delta = s.l1_error * nonlin(s.l1, True)
def _l2_error(s): s.l2_error = s.y - s.l2
def _l2_delta(s): s.l2_delta = s.l2_error * nonlin(s.l2, deriv=True)
def _l1_error_3(s): s.l1_error = s.l2_delta.dot(s.syn1.T)
def _l1_delta_3(s): s.l1_delta = s.l1_error * nonlin(s.l1, deriv=True)


# The updates are in place, as the article's `syn += ...`. alpha=1 skips the
# multiply, so the default run is the article's arithmetic bit for bit.
def _syn0_2(s): s.syn0 += np.dot(s.l0.T, s.l1_delta) if s.alpha == 1 else s.alpha * np.dot(s.l0.T, s.l1_delta)
def _syn1_3(s): s.syn1 += s.l1.T.dot(s.l2_delta) if s.alpha == 1 else s.alpha * s.l1.T.dot(s.l2_delta)
def _syn0_3(s): s.syn0 += s.l0.T.dot(s.l1_delta) if s.alpha == 1 else s.alpha * s.l0.T.dot(s.l1_delta)


LOOP = {
    2: (
        Line("l0 = X", ("l0",), _l0),
        Line("l1 = nonlin(np.dot(l0, syn0))", ("l1",), _l1),
        Line("l1_error = y - l1", ("l1_error",), _l1_error_2),
        Line("l1_delta = l1_error * nonlin(l1, True)", ("l1_delta",), _l1_delta_2),
        Line("syn0 += np.dot(l0.T, l1_delta)", ("syn0",), _syn0_2),
    ),
    3: (
        Line("l0 = X", ("l0",), _l0),
        Line("l1 = nonlin(np.dot(l0, syn0))", ("l1",), _l1),
        Line("l2 = nonlin(np.dot(l1, syn1))", ("l2",), _l2),
        Line("l2_error = y - l2", ("l2_error",), _l2_error),
        Line("l2_delta = l2_error * nonlin(l2, deriv=True)", ("l2_delta",), _l2_delta),
        Line("l1_error = l2_delta.dot(syn1.T)", ("l1_error",), _l1_error_3),
        Line("l1_delta = l1_error * nonlin(l1, deriv=True)", ("l1_delta",), _l1_delta_3),
        Line("syn1 += l1.T.dot(l2_delta)", ("syn1",), _syn1_3),
        Line("syn0 += l0.T.dot(l1_delta)", ("syn0",), _syn0_3),
    ),
}

# Everything one iteration computes, in the order the loop computes it.
NAMES = {
    2: ("l0", "l1", "l1_error", "l1_delta", "syn0"),
    3: ("l0", "l1", "l2", "l2_error", "l2_delta", "l1_error", "l1_delta", "syn1", "syn0"),
}



def _compile_whole_loop(layers: int) -> Callable:
    """A function running n whole iterations, compiled from the loop's own line texts.

    Whole iterations at alpha=1 take this path: plain local variables instead
    of a call and attribute lookups per line make it about as fast as the
    article's script. It is built from `Line.text`, so the lines on screen are
    literally the code that runs, and it cannot drift from the line table
    (tests check the two give the same bits).
    """
    body = "".join(f"        {line.text}\n" for line in LOOP[layers])
    src = (f"def whole_loop(X, y, syn0, syn1, n):\n"
           f"    for _ in range(n):\n{body}"
           f"    return {', '.join(NAMES[layers])}\n")
    namespace = {"np": np, "nonlin": nonlin}
    exec(compile(src, f"<toynn {layers}-layer loop>", "exec"), namespace)  # our own text, never a learner's
    return namespace["whole_loop"]


WHOLE_LOOP = {layers: _compile_whole_loop(layers) for layers in LOOP}


class Net:
    """One of the article's nets, advanced an iteration (or a single line) at a time.

    `iteration` counts finished iterations (weight updates). `line` is the index
    of the loop line that runs next; it is 0 between iterations.
    """

    def __init__(self, layers: int = 3, seed: int = 1, iterations: int | None = None,
                 X: np.ndarray = X, y: np.ndarray | None = None, alpha: float = 1.0,
                 weights: list[np.ndarray] | None = None):
        if layers not in LOOP:
            raise ValueError(f"layers must be 2 or 3, not {layers!r}")
        self.layers = layers
        self.loop = LOOP[layers]
        self.names = NAMES[layers]
        self.X = np.asarray(X)
        self.y = np.asarray(y if y is not None else (Y_PART1 if layers == 2 else Y_PART2))
        self.alpha = float(alpha)
        self.total = DEFAULT_ITERATIONS[layers] if iterations is None else int(iterations)
        self._given = None if weights is None else [np.array(w, dtype=float) for w in weights]
        self.reset(seed)

    def reset(self, seed: int | None = None) -> None:
        """Back to iteration 0 with the starting weights of `seed` (default: the current seed)."""
        if seed is not None:
            self.seed = int(seed)
        weights = ([w.copy() for w in self._given] if self._given is not None
                   else init_weights(self.seed, self.layers))
        self.s = State(self.X, self.y, weights, self.alpha)
        self.iteration = 0
        self.line = 0

    # -- advancing ---------------------------------------------------------
    def step_line(self) -> Line:
        """Run the next line of the loop and return it; the last line completes an iteration."""
        line = self.loop[self.line]
        with np.errstate(over="ignore", invalid="ignore"):
            line.run(self.s)
        self.line += 1
        if self.line == len(self.loop):
            self.line = 0
            self.iteration += 1
        return line

    def step(self) -> None:
        """Finish the current iteration (all of it when between iterations)."""
        self.run(1)

    def run(self, n: int) -> None:
        """Run n iterations (a partly run iteration counts as the first)."""
        s = self.s
        with np.errstate(over="ignore", invalid="ignore"):
            if n > 0 and self.line:  # finish the iteration in progress first
                for line in self.loop[self.line:]:
                    line.run(s)
                self.line, self.iteration, n = 0, self.iteration + 1, n - 1
            if n > 0 and s.alpha == 1:
                for name, value in zip(self.names, WHOLE_LOOP[self.layers](s.X, s.y, s.syn0, s.syn1, n)):
                    setattr(s, name, value)
            else:
                runs = [line.run for line in self.loop]
                for _ in range(n):
                    for run in runs:
                        run(s)
            self.iteration += max(n, 0)

    # -- reading -----------------------------------------------------------
    @property
    def weights(self) -> list[np.ndarray]:
        return [self.s.syn0] if self.layers == 2 else [self.s.syn0, self.s.syn1]

    @property
    def out_name(self) -> str:
        """The output layer's name: l1 in the 2-layer net, l2 in the 3-layer one."""
        return "l1" if self.layers == 2 else "l2"

    @property
    def out(self) -> np.ndarray | None:
        """The output of the latest forward pass (None before the first)."""
        return getattr(self.s, self.out_name)

    @property
    def error(self) -> float | None:
        """Mean absolute output error of the latest forward pass, the article's "Error:"."""
        err = getattr(self.s, self.out_name + "_error")
        return None if err is None else float(np.mean(np.abs(err)))

    @property
    def finite(self) -> bool:
        """False once a weight has overflowed to inf or NaN (only with a large alpha)."""
        return all(np.isfinite(w).all() for w in self.weights)

    @property
    def done(self) -> bool:
        return self.iteration >= self.total

    def values(self) -> dict[str, np.ndarray | None]:
        """Copies of every loop variable by name, in loop order (None where not computed yet)."""
        out = {}
        for name in self.names:
            v = getattr(self.s, name)
            out[name] = None if v is None else np.array(v, dtype=float)
        return out


def train(X: np.ndarray, y: np.ndarray, layers: int = 3, iterations: int | None = None,
          seed: int = 1, alpha: float = 1.0) -> list[np.ndarray]:
    """The weights after `iterations` full-batch updates from the starting weights of `seed`."""
    net = Net(layers, seed=seed, iterations=iterations, X=X, y=y, alpha=alpha)
    net.run(net.total)
    return net.weights


def step_from(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]) -> list[np.ndarray]:
    """The weights one correct update after `weights` (which are left untouched)."""
    net = Net(len(weights) + 1, X=X, y=y, weights=weights)
    net.step()
    return net.weights


def predict(X: np.ndarray, weights: list[np.ndarray]) -> np.ndarray:
    """The output layer for inputs X under `weights` (a forward pass only)."""
    out = np.asarray(X)
    with np.errstate(over="ignore"):
        for w in weights:
            out = nonlin(np.dot(out, w))
    return out
