import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return np.exp(x) / (np.exp(x) + 1)


def forward(inputs, weights):
    return nonlin(inputs @ weights)


def backward(inputs, target, out):
    return inputs.T @ ((target - out) * nonlin(out, deriv=True))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    weights = 2 * np.random.random((3, 1)) - 1
    for _ in range(iterations):
        weights += backward(X, y, forward(X, weights))
    return weights
