import numpy as np


def nonlin(x, deriv=False):
    if deriv is True:
        return x * (1 - x)
    return 1. / (1. + np.exp(-1. * x))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    m = np.random.random((3, 1))
    m = m * 2
    m = m - 1
    counter = iterations
    for _ in [None] * counter:
        res = nonlin(np.einsum("ij,jk->ik", X, m))
        m += np.einsum("ji,jk->ik", X, (y - res) * nonlin(res, True))
    return m
