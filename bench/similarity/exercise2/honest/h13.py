import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 1)) - 1
    for _ in range(iterations):
        l1 = nonlin(np.dot(X, syn0))
        syn0 += X.T.dot((y - l1) * l1 * (1 - l1))
    return syn0
