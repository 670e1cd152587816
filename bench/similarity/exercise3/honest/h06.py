import numpy as np


def nonlin(x, deriv=False):
    if not deriv:
        return 1.0 / (1.0 + np.exp(-x))
    return x * (1.0 - x)


def backprop(X, y, syn0, syn1):
    l1 = nonlin(X.dot(syn0))
    l2 = nonlin(l1.dot(syn1))
    l2_d = (y - l2) * nonlin(l2, True)
    l1_d = l2_d.dot(syn1.T) * nonlin(l1, True)
    return X.T.dot(l1_d), l1.T.dot(l2_d)


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    for _ in range(iterations):
        g0, g1 = backprop(X, y, syn0, syn1)
        syn0 += g0
        syn1 += g1
    return syn0, syn1
