"""Momentum, written as gradient descent on the squared error."""
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


def train(X, y, momentum=0.9, hidden=4, alpha=0.2, iterations=5000, seed=1):
    np.random.seed(seed)
    W = [2 * np.random.random((X.shape[1], hidden)) - 1,
         2 * np.random.random((hidden, y.shape[1])) - 1]
    V = [np.zeros_like(w) for w in W]
    for _ in range(iterations):
        h = nonlin(X @ W[0])
        out = nonlin(h @ W[1])
        d_out = (out - y) * nonlin(out, deriv=True)
        d_h = (d_out @ W[1].T) * nonlin(h, deriv=True)
        grads = [X.T @ d_h, h.T @ d_out]
        for k in (1, 0):
            V[k] = momentum * V[k] + grads[k]
            W[k] -= alpha * V[k]
    return W[0], W[1]


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1)))
