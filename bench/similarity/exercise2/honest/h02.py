import numpy as np


def nonlin(x, deriv=False):
    s = x if deriv else 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s) if deriv else s


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    weights = np.random.random((3, 1)) * 2 - 1
    step = 0
    while step < iterations:
        prediction = nonlin(np.dot(X, weights))
        gradient = (y - prediction) * nonlin(prediction, deriv=True)
        weights = weights + np.dot(X.T, gradient)
        step += 1
    return weights
