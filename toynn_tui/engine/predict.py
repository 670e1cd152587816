"""A trained net's forward pass on new inputs (the app's decision boundary, the checker's "units were
dropped" test): NumPy only, from the parameters as train() returns them."""
from __future__ import annotations

import numpy as np

from toynn_tui.engine.net import nonlin
from toynn_tui.engine.spec import Spec, article


def predict(X: np.ndarray, weights: list[np.ndarray], spec: Spec | None = None) -> np.ndarray:
    """The output layer for inputs X (a forward pass only: no dropout; batch norm uses X's own batch)."""
    if spec is None:
        spec = article(len(weights) + 1)
    p = dict(zip(spec.param_names, weights))
    out = np.asarray(X)
    with np.errstate(over="ignore"):
        for j in range(1, spec.depth + 1):
            z = np.dot(out, p[f"syn{j - 1}"]) + (p[f"b{j - 1}"] if spec.bias else 0)
            if spec.batchnorm and j in spec.hidden:
                z = p[f"gamma{j}"] * ((z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + spec.eps)) + p[f"beta{j}"]
            out = nonlin(z)
    return out
