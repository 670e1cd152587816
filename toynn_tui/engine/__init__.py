"""The network math of toynn: every net the app shows and the checker trusts, one line at a time.

Pure numpy; it imports nothing from the app or the checker. A `Spec` (spec.py)
describes a network variant; its loop's lines are generated from it (lines.py)
and run by a `Net` (net.py), line by line or compiled whole. The article's two
nets are the specs `article2` and `article3`, and reproduce its printed numbers
to every digit. Names follow the article (l0, l1, l2, syn0, syn1, nonlin).
"""
from __future__ import annotations

import numpy as np

from toynn_tui.engine import data
from toynn_tui.engine.data import X, Y_PART1, Y_PART2
from toynn_tui.engine.lines import Line, edit, loop
from toynn_tui.engine.net import Net, init_params, nonlin
from toynn_tui.engine.predict import predict
from toynn_tui.engine.spec import SPECS, Spec, article, is_article
from toynn_tui.engine.spec import get as get_spec

__all__ = ["X", "Y_PART1", "Y_PART2", "Line", "Net", "SPECS", "Spec", "article", "data", "edit", "get_spec",
           "init_params", "init_weights", "is_article", "loop", "nonlin", "predict", "step_from", "train"]


def init_weights(seed: int, layers: int = 3, spec: Spec | None = None) -> list[np.ndarray]:
    """The starting parameters `np.random.seed(seed)` then the contract's draws give, in train()'s order."""
    spec = spec or article(layers)
    params, _ = init_params(spec, seed)
    return [params[n] for n in spec.param_names]


def train(X: np.ndarray, y: np.ndarray, layers: int = 3, iterations: int | None = None,
          seed: int = 1, alpha: float = 1.0, spec: Spec | None = None) -> list[np.ndarray]:
    """The parameters after `iterations` updates from the starting parameters of `seed`."""
    net = Net(layers, seed=seed, iterations=iterations, X=X, y=y, alpha=alpha, spec=spec)
    net.run(net.total)
    return net.weights


def step_from(X: np.ndarray, y: np.ndarray, weights: list[np.ndarray], spec: Spec | None = None,
              seed: int = 1) -> list[np.ndarray]:
    """The parameters one correct update after `weights` (left untouched). The update's own draws
    (shuffle, dropout) are the ones that follow seed `seed`'s starting draws."""
    net = Net(len(weights) + 1, X=X, y=y, weights=weights, spec=spec, seed=seed)
    net.step()
    return net.weights
