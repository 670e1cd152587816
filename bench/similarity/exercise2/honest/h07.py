import numpy as np


def nonlin(x, deriv=False):
    sig = lambda v: 1 / (1 + np.exp(-v))
    return x * (1 - x) if deriv else sig(x)


def _step(X, y, syn0):
    guess = nonlin(X @ syn0)
    miss = y - guess
    return syn0 + X.T @ (miss * nonlin(guess, deriv=True))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 1)) - 1
    for _ in range(iterations):
        syn0 = _step(X, y, syn0)
    return syn0
