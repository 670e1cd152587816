import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    for _ in range(iterations):
        l1 = nonlin(X @ syn0)
        l2 = nonlin(l1 @ syn1)
        l2_delta = (y - l2) * l2 * (1 - l2)
        l1_delta = (l2_delta @ syn1.T) * l1 * (1 - l1)
        syn1 += l1.T @ l2_delta
        syn0 += X.T @ l1_delta
    return syn0, syn1
