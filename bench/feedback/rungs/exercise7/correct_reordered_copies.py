"""Mini-batches: reshuffle copies of the data at every epoch."""
import numpy as np

# 30 points of the square [-1, 1]^2 (and a column of ones), labelled 1 inside the circle of radius 0.6.
X = np.array([
    [0.1, 0.43, 1.0],
    [0.21, 0.09, 1.0],
    [-0.15, 0.29, 1.0],
    [-0.12, 0.78, 1.0],
    [0.93, -0.23, 1.0],
    [0.58, 0.06, 1.0],
    [0.14, 0.85, 1.0],
    [-0.86, -0.83, 1.0],
    [-0.96, 0.67, 1.0],
    [0.56, 0.74, 1.0],
    [0.96, 0.6, 1.0],
    [-0.08, 0.56, 1.0],
    [-0.76, 0.28, 1.0],
    [-0.71, 0.89, 1.0],
    [0.04, -0.17, 1.0],
    [-0.47, 0.55, 1.0],
    [-0.09, 0.14, 1.0],
    [-0.96, 0.24, 1.0],
    [0.22, 0.23, 1.0],
    [0.89, 0.36, 1.0],
    [-0.28, -0.13, 1.0],
    [0.4, -0.88, 1.0],
    [0.33, 0.34, 1.0],
    [-0.58, -0.74, 1.0],
    [-0.37, -0.27, 1.0],
    [0.14, -0.12, 1.0],
    [0.98, -0.8, 1.0],
    [-0.58, -0.68, 1.0],
    [0.31, -0.49, 1.0],
    [-0.07, -0.51, 1.0]])
y = np.array([
    [1.0],
    [1.0],
    [1.0],
    [0.0],
    [0.0],
    [1.0],
    [0.0],
    [0.0],
    [0.0],
    [0.0],
    [0.0],
    [1.0],
    [0.0],
    [0.0],
    [1.0],
    [0.0],
    [1.0],
    [0.0],
    [1.0],
    [0.0],
    [1.0],
    [0.0],
    [1.0],
    [0.0],
    [1.0],
    [1.0],
    [0.0],
    [0.0],
    [1.0],
    [1.0]])


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, batch_size=8, hidden=4, alpha=0.5, iterations=4000, seed=1):
    np.random.seed(seed)
    W1 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W2 = 2 * np.random.random((hidden, y.shape[1])) - 1
    n_batches = -(-len(X) // batch_size)            # ceiling division
    for i in range(iterations):
        k = i % n_batches
        if k == 0:
            perm = np.random.permutation(len(X))
            Xs, ys = X[perm], y[perm]               # shuffled copies, X and y untouched
        xb = Xs[k * batch_size:(k + 1) * batch_size]
        yb = ys[k * batch_size:(k + 1) * batch_size]
        h = nonlin(xb @ W1)
        out = nonlin(h @ W2)
        err = out - yb
        d_out = err * nonlin(out, deriv=True)
        d_h = (d_out @ W2.T) * nonlin(h, deriv=True)
        W2 -= alpha * (h.T @ d_out)
        W1 -= alpha * (xb.T @ d_h)
    return W1, W2


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Error:", np.mean(np.abs(y - out)))
    print("Accuracy:", np.mean((out > 0.5) == (y > 0.5)))
