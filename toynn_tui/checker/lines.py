"""The reference's intermediate values of one iteration, and what a wrong one is likely to be.

`nodes()` computes, from the learner's own starting weights, every quantity the
article's loop produces in one iteration (l1, l2, l2_error, l2_delta, l1_error,
l1_delta, the updates, the new syn0/syn1) plus the helpers a learner may keep
in a variable of its own (the values before the sigmoid, the slopes). The
trace (`trace.py`) matches the learner's recorded arrays against them.

`name_mistake()` says which known mistake a wrong value at a node is, by
computing the classic wrong versions of that node from the same inputs.
Everything here is trusted numpy on plain arrays.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from toynn_tui import engine
from toynn_tui.checker.compare import close
from toynn_tui.checker.harness import WEIGHT_NAMES
from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail

sig = engine.nonlin

# the names the article gives its quantities, per net: a local with one of these names
# is judged against that quantity; any other name only has to match *some* quantity
NAMED = {2: ("l0", "l1", "l1_error", "l1_delta", "syn0"),
         3: ("l0", "l1", "l2", "l2_error", "l2_delta", "l1_error", "l1_delta", "syn0", "syn1")}
# quantities that may all carry the opposite sign (error = l2 - y, then syn -= ...): one convention per file
SIGNED = {"l1_error", "l1_delta", "l2_error", "l2_delta", "upd0", "upd1"}
WEIGHTS = WEIGHT_NAMES


@dataclass
class Nodes:
    layers: int
    values: dict[str, np.ndarray]   # name -> the reference value of one iteration
    start: dict[str, np.ndarray]    # syn0/syn1 before the update

    @property
    def weights(self) -> tuple[str, ...]:
        """The net's weight names, in order (syn0, or syn0 and syn1)."""
        return tuple(self.start)

    def updated(self) -> list[np.ndarray]:
        """The weights after the iteration: what train(iterations=1) returns."""
        return [self.values[w] for w in self.weights]


def nodes(layers: int, X: np.ndarray, y: np.ndarray, start: list[np.ndarray]) -> Nodes:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    v: dict[str, np.ndarray] = {"l0": X, "y": y}
    if layers == 2:
        (s0,) = start
        v["z1"] = X.dot(s0)
        v["l1"] = sig(v["z1"])
        v["l1_error"] = y - v["l1"]
        v["slope1"] = sig(v["l1"], True)
        v["l1_delta"] = v["l1_error"] * v["slope1"]
        v["upd0"] = X.T.dot(v["l1_delta"])
        v["syn0"] = s0 + v["upd0"]
        return Nodes(2, v, {"syn0": s0})
    s0, s1 = start
    v["z1"] = X.dot(s0)
    v["l1"] = sig(v["z1"])
    v["z2"] = v["l1"].dot(s1)
    v["l2"] = sig(v["z2"])
    v["l2_error"] = y - v["l2"]
    v["slope2"] = sig(v["l2"], True)
    v["l2_delta"] = v["l2_error"] * v["slope2"]
    v["l1_error"] = v["l2_delta"].dot(s1.T)
    v["slope1"] = sig(v["l1"], True)
    v["l1_delta"] = v["l1_error"] * v["slope1"]
    v["upd1"] = v["l1"].T.dot(v["l2_delta"])
    v["upd0"] = X.T.dot(v["l1_delta"])
    v["syn1"] = s1 + v["upd1"]
    v["syn0"] = s0 + v["upd0"]
    return Nodes(3, v, {"syn0": s0, "syn1": s1})


def matches(value: np.ndarray, name: str, n: Nodes, sign: int | None) -> int | None:
    """The sign convention under which `value` is quantity `name` (1 or -1), or None when it is not."""
    ref = n.values[name]
    signs = (sign,) if (name in SIGNED and sign is not None) else ((1, -1) if name in SIGNED else (1,))
    for s in signs:
        want = s * ref
        if close(want, value) or (name not in WEIGHTS and close(want.T, value)):
            return s
    if name in WEIGHTS and close(n.start[name], value):
        return 1   # not updated yet (the draw, or before its update line)
    return None


def expected(name: str, n: Nodes, sign: int | None) -> np.ndarray:
    """What a line computing `name` should have produced (under the file's sign convention)."""
    return (sign or 1) * n.values[name] if name in SIGNED else n.values[name]


def name_mistake(name: str, value: np.ndarray, n: Nodes, sign: int | None) -> Mistake | None:
    """The known mistake a wrong value of quantity `name` is, or None when none fits."""
    s = sign or 1
    v = n.values
    want = expected(name, n, sign)
    if name in WEIGHTS:
        upd = v["upd0" if name == "syn0" else "upd1"]
        start = n.start[name]
        if value.shape != start.shape:
            return None
        if close(start - upd, value):
            return get("wrong-sign")
        k = _factor(value - start, upd)
        if k is not None:
            return with_detail(get("scaled-update"), f"Your update is {k:.4g} times the article's.")
        return None
    if name in ("l1_delta", "l2_delta"):
        layer = name[:2]
        err, out, z = s * v[f"{layer}_error"], v[layer], v["z" + layer[1]]
        for mistake, wrong in (("slope-missing", err), ("slope-of-pre-sigmoid", err * sig(z, True)),
                               ("slope-from-input", err * sig(sig(out), True))):
            if close(wrong, value):
                return get(mistake)
        other = v["l2" if layer == "l1" else "l1"] if n.layers == 3 else None
        try:
            if other is not None and close(err * sig(other, True), value):   # broadcasts, as numpy did
                return get("slope-of-wrong-layer")
        except ValueError:
            pass
    if name == "l1_error" and n.layers == 3:
        if close(s * v["l2_error"].dot(n.start["syn1"].T), value):
            return get("error-not-delta")
        if close(s * v["l2_delta"].dot(v["syn1"].T), value):
            return get("syn1-updated-first")
        if close(s * (v["y"] - v["l1"]), value):
            return get("hidden-error-from-y")
    if name == "l1" and n.layers == 3 and close(v["z1"], value):
        return get("hidden-sigmoid-missing")
    if value.shape == want.shape and close(-want, value):
        return get("wrong-sign")
    return None


def _factor(change: np.ndarray, upd: np.ndarray) -> float | None:
    """k when change == k * upd (k not 1), else None."""
    if change.shape != upd.shape or not np.any(upd):
        return None
    k = float(np.sum(change * upd) / np.sum(upd * upd))
    if abs(k - 1) > 1e-6 and close(k * upd, change):
        return k
    return None
