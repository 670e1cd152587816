"""Batch norm on the hidden layer, as a class; gradient descent on (output - y)."""
import numpy as np

# 30 points of the square [-1, 1]^2, labelled 1 inside the circle of radius 0.6.
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


class BNNet:
    eps = 1e-5

    def __init__(self, n_in, hidden, n_out):
        self.syn0 = 2 * np.random.random((n_in, hidden)) - 1
        self.syn1 = 2 * np.random.random((hidden, n_out)) - 1
        self.gamma = np.ones(hidden)
        self.beta = np.zeros(hidden)

    def forward(self, X):
        z = X.dot(self.syn0)
        mu = z.mean(axis=0)
        self.std = np.sqrt(((z - mu) ** 2).mean(axis=0) + self.eps)
        self.zhat = (z - mu) / self.std
        self.h = nonlin(self.gamma * self.zhat + self.beta)
        self.out = nonlin(self.h.dot(self.syn1))
        return self.out

    def backward(self, X, y, lr):
        d_out = (self.out - y) * nonlin(self.out, deriv=True)
        d_h = d_out.dot(self.syn1.T) * nonlin(self.h, deriv=True)
        g = d_h * self.gamma
        d_z = (g - g.mean(axis=0) - self.zhat * (g * self.zhat).mean(axis=0)) / self.std
        self.syn1 -= lr * self.h.T.dot(d_out)
        self.syn0 -= lr * X.T.dot(d_z)
        self.gamma -= lr * (d_h * self.zhat).sum(axis=0)
        self.beta -= lr * d_h.sum(axis=0)


def train(X, y, hidden=6, alpha=0.1, iterations=3000, seed=1):
    np.random.seed(seed)
    net = BNNet(X.shape[1], hidden, y.shape[1])
    for _ in range(iterations):
        net.forward(X)
        net.backward(X, y, alpha)
    return net.syn0, net.syn1, net.gamma, net.beta


if __name__ == "__main__":
    syn0, syn1, gamma1, beta1 = train(X, y)
    z1 = np.dot(X, syn0)
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1))
    print("Error:", np.mean(np.abs(y - out)))
