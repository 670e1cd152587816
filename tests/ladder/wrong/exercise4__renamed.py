"""Reference answer for exercise 4: the 3-layer network with a learning rate alpha."""
import numpy as np

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T



def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1):
    np.random.seed(seed)
    W1 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W2 = 2 * np.random.random((hidden, y.shape[1])) - 1
    for it in range(iterations):
        h = nonlin(X @ W1)
        out = nonlin(h @ W2)
        err = out - y
        slope_out = out * (1 + out)
        d_out = err * slope_out
        d_h = (d_out @ W2.T) * nonlin(h, deriv=True)
        W2 -= alpha * h.T @ d_out
        W1 -= alpha * X.T @ d_h
    return W1, W2
