import numpy as np


def nonlin(x, deriv=False):
    return x * (1 - x) if deriv else np.exp(-np.logaddexp(0, -x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    shapes = {"s0": (3, 4), "s1": (4, 1)}
    w = {k: 2 * np.random.random(v) - 1 for k, v in shapes.items()}
    for _ in range(iterations):
        mid = nonlin(np.dot(X, w["s0"]))
        top = nonlin(np.dot(mid, w["s1"]))
        top_delta = (y - top) * nonlin(top, deriv=True)
        mid_delta = np.dot(top_delta, w["s1"].T) * nonlin(mid, deriv=True)
        w["s1"] += np.dot(mid.T, top_delta)
        w["s0"] += np.dot(X.T, mid_delta)
    return w["s0"], w["s1"]
