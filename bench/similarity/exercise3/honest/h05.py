import numpy as np


def nonlin(x, deriv=False):
    return np.multiply(x, 1 - x) if deriv else 1 / (1 + np.exp(-x))


def forward(X, first, second):
    hidden = nonlin(X @ first)
    return hidden, nonlin(hidden @ second)


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    first = np.random.random((3, 4)) * 2 - 1
    second = np.random.random((4, 1)) * 2 - 1
    for _ in range(iterations):
        hidden, out = forward(X, first, second)
        g_out = (y - out) * out * (1 - out)
        g_hidden = g_out @ second.T * hidden * (1 - hidden)
        second += hidden.T @ g_out
        first += X.T @ g_hidden
    return first, second
