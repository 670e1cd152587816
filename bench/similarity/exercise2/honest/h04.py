import numpy as np
from numpy import exp


def sigmoid(z):
    return 1 / (1 + exp(-z))


def nonlin(x, deriv=False):
    if not deriv:
        return sigmoid(x)
    return x - x ** 2


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 1)) - 1
    Xt = X.T
    for _ in range(iterations):
        a = nonlin(np.matmul(X, syn0))
        syn0 += np.matmul(Xt, (y - a) * nonlin(a, deriv=True))
    return syn0
