import numpy as np


def nonlin(x, deriv=False):
    sig = 1 / (1 + np.exp(-x))
    return x * (1 - x) if deriv else sig


def one_epoch(X, y, weights):
    first, second = weights
    h = nonlin(np.dot(X, first))
    out = nonlin(np.dot(h, second))
    err_out = (y - out) * nonlin(out, deriv=True)
    err_h = np.dot(err_out, second.T) * nonlin(h, deriv=True)
    return first + np.dot(X.T, err_h), second + np.dot(h.T, err_out)


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    w = (2 * np.random.random((3, 4)) - 1, 2 * np.random.random((4, 1)) - 1)
    for _ in range(iterations):
        w = one_epoch(X, y, w)
    return w
