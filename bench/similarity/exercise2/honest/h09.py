import numpy as np
import math


def nonlin(x, deriv=False):
    if deriv:
        return x * (1.0 - x)
    return np.tanh(x / 2) / 2 + 0.5   # the same sigmoid, via tanh


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    w = np.random.uniform(size=(3, 1)) * 2 - 1
    for _ in range(iterations):
        p = nonlin(X.dot(w))
        w -= X.T.dot((p - y) * nonlin(p, deriv=True))
    return w
