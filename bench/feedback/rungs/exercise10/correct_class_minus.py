"""Dropout on the hidden layer, with a small class."""
import numpy as np

# 30 points of the square [-1, 1]^2, labelled 1 inside the circle of radius 0.6;
# the third column of ones plays a bias's role.
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


class DropoutNet:
    def __init__(self, n_in, n_hidden, n_out, p):
        self.syn0 = 2 * np.random.random((n_in, n_hidden)) - 1
        self.syn1 = 2 * np.random.random((n_hidden, n_out)) - 1
        self.p = p

    def train_step(self, X, y, alpha):
        h = nonlin(np.dot(X, self.syn0))
        mask = (np.random.random(h.shape) >= self.p) / (1 - self.p)
        h_drop = h * mask
        out = nonlin(np.dot(h_drop, self.syn1))
        err = out - y
        d_out = err * nonlin(out, deriv=True)
        d_h = np.dot(d_out, self.syn1.T) * mask * nonlin(h, deriv=True)
        self.syn1 -= alpha * np.dot(h_drop.T, d_out)
        self.syn0 -= alpha * np.dot(X.T, d_h)


def train(X, y, p=0.2, hidden=8, alpha=0.5, iterations=4000, seed=1):
    np.random.seed(seed)
    net = DropoutNet(X.shape[1], hidden, y.shape[1], p)
    for _ in range(iterations):
        net.train_step(X, y, alpha)
    return net.syn0, net.syn1


def predict(X, syn0, syn1):
    return nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = predict(X, syn0, syn1)
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
