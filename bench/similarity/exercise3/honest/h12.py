import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    n_in, n_hidden = X.shape[1], 4
    syn0 = 2 * np.random.random((n_in, n_hidden)) - 1
    syn1 = 2 * np.random.random((n_hidden, 1)) - 1
    i = iterations
    while i:
        i -= 1
        l1 = nonlin(X.dot(syn0))
        l2 = nonlin(l1.dot(syn1))
        back = (y - l2) * nonlin(l2, deriv=True)
        syn0 += X.T.dot(back.dot(syn1.T) * nonlin(l1, deriv=True))
        syn1 += l1.T.dot(back)
    return syn0, syn1
