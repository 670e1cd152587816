import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        slope = x * (1 - x)
        return slope
    value = 1 / (1 + np.exp(-x))
    return value


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 1)) - 1
    l0 = X.copy()
    iters_left = iterations
    while iters_left > 0:
        z = l0.dot(syn0)
        l1 = nonlin(z)
        miss = y - l1
        adj = l0.T.dot(miss * nonlin(l1, True))
        syn0 += adj
        iters_left -= 1
    return syn0
