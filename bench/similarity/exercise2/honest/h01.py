import numpy as np

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 0, 1, 1]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    w = 2 * np.random.random((3, 1)) - 1
    for i in range(iterations):
        out = nonlin(X @ w)
        w += X.T @ ((y - out) * nonlin(out, True))
    return w
