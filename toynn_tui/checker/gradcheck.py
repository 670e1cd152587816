"""Gradient check, per weight (as CS231n's assignments do): which weights does a learner's backprop get wrong?

For one update from the learner's own starting weights, the article's rule is
w += -dE/dw with E = 1/2 * sum((y - output)^2) (learning rate 1): it applies to
a spec with no option on (`applies`), the article's two nets. Here the
gradient is measured numerically (central differences, each weight nudged by
H), independent of any backprop code, and compared with the learner's own
one-step change of that weight: relative error
    |change - (-gradient)| / max(|change|, |gradient|, FLOOR)
0 means this weight moved exactly as the gradient says; about 1 or more means
its backprop is wrong (wrong sign gives 2, a missing update 1).
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.i18n import N_, _, ngettext

H = 1e-5
FLOOR = 1e-8
WRONG = 1e-3   # relative errors above this are shown as wrong (central differences are good to ~1e-8 here)


def applies(spec: engine.Spec) -> bool:
    """The plain rule holds: full batch, no rate, no bias, no trimming, decay, dropout, momentum or norm."""
    return not spec.options() and not spec.bias and not spec.batchnorm


def loss(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray], spec: engine.Spec | None = None) -> float:
    return 0.5 * float(np.sum((y - engine.predict(X, weights, spec)) ** 2))


def numerical_gradient(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray],
                       spec: engine.Spec | None = None) -> list[np.ndarray]:
    grads = []
    for k, w in enumerate(weights):
        g = np.zeros_like(w, dtype=float)
        for idx in np.ndindex(w.shape):
            plus = [a.astype(float).copy() for a in weights]
            minus = [a.astype(float).copy() for a in weights]
            plus[k][idx] += H
            minus[k][idx] -= H
            g[idx] = (loss(X, y, plus, spec) - loss(X, y, minus, spec)) / (2 * H)
        grads.append(g)
    return grads


def relative_errors(X: np.ndarray, y: np.ndarray, start: list[np.ndarray], step: list[np.ndarray],
                    spec: engine.Spec | None = None) -> list[np.ndarray]:
    """Per weight: how far the learner's change is from the gradient's (0 = right)."""
    out = []
    for w0, w1, g in zip(start, step, numerical_gradient(X, y, start, spec)):
        change, want = w1 - w0, -g
        out.append(np.abs(change - want) / np.maximum(np.maximum(np.abs(change), np.abs(want)), FLOOR))
    return out


# The first line of describe(): the checks panel knows the relative errors below it by this line
HEAD = N_("gradient check, relative error of your update per weight (0 = right, ~1 or more = wrong):")


def describe(names: list[str], errors: list[np.ndarray]) -> str:
    """The text under a failing step: each weight matrix's relative errors, and how many are wrong."""
    lines = [_(HEAD)]
    for name, e in zip(names, errors):
        bad = int(np.sum(e > WRONG))
        lines.append(ngettext("{name}: {bad} of {total} weight wrong", "{name}: {bad} of {total} weights wrong",
                              e.size).format(name=name, bad=bad, total=e.size))
        text = np.array2string(e, precision=2, suppress_small=True, max_line_width=90,
                               formatter={"float_kind": lambda v: f"{v:5.2f}"})
        lines += ["  " + ln for ln in text.splitlines()]
    return "\n".join(lines)
