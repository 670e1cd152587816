"""Exercise 13: every option together, built from small helpers."""
import numpy as np

# 30 points of the square [-1, 1]^2, labelled 1 inside the circle of radius 0.6;
# no column of ones: the biases play that role.
X = np.array([
    [0.1, 0.43],
    [0.21, 0.09],
    [-0.15, 0.29],
    [-0.12, 0.78],
    [0.93, -0.23],
    [0.58, 0.06],
    [0.14, 0.85],
    [-0.86, -0.83],
    [-0.96, 0.67],
    [0.56, 0.74],
    [0.96, 0.6],
    [-0.08, 0.56],
    [-0.76, 0.28],
    [-0.71, 0.89],
    [0.04, -0.17],
    [-0.47, 0.55],
    [-0.09, 0.14],
    [-0.96, 0.24],
    [0.22, 0.23],
    [0.89, 0.36],
    [-0.28, -0.13],
    [0.4, -0.88],
    [0.33, 0.34],
    [-0.58, -0.74],
    [-0.37, -0.27],
    [0.14, -0.12],
    [0.98, -0.8],
    [-0.58, -0.68],
    [0.31, -0.49],
    [-0.07, -0.51]])
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

EPS = 1e-5


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def batchnorm(z):
    std = np.sqrt(np.var(z, axis=0) + EPS)
    return (z - np.mean(z, axis=0)) / std, std


def batchnorm_back(delta, gamma, zhat, std):
    g = delta * gamma
    return (g - g.mean(axis=0) - zhat * (g * zhat).mean(axis=0)) / std


def train(X, y, hidden=8, alpha=0.3, batch_size=8, clip=0.5, lam=0.0005, p=0.1, momentum=0.5,
          iterations=3000, seed=1):
    np.random.seed(seed)
    W0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0, b1 = np.zeros(hidden), np.zeros(y.shape[1])
    gamma, beta = np.ones(hidden), np.zeros(hidden)
    v0, v1 = np.zeros_like(W0), np.zeros_like(W1)
    n_batches = -(-len(X) // batch_size)
    for i in range(iterations):
        k = i % n_batches
        if k == 0:
            order = np.random.permutation(len(X))
        idx = order[k * batch_size:(k + 1) * batch_size]
        xb, yb = X[idx], y[idx]
        zhat, std = batchnorm(xb @ W0 + b0)
        h = nonlin(gamma * zhat + beta)
        mask = (np.random.random(h.shape) >= p) / (1 - p)
        hd = h * mask
        out = nonlin(hd @ W1 + b1)
        d_out = np.clip((yb - out) * nonlin(out, deriv=True), -clip, clip)
        d_h = np.clip((d_out @ W1.T) * mask * nonlin(h, deriv=True), -clip, clip)
        d_z = batchnorm_back(d_h, gamma, zhat, std)
        v1 = momentum * v1 + hd.T @ d_out - lam * W1
        W1 += alpha * v1
        b1 += alpha * d_out.sum(axis=0)
        v0 = momentum * v0 + xb.T @ d_z - lam * W0
        W0 += alpha * v0
        b0 += alpha * d_z.sum(axis=0)
        gamma += alpha * (d_h * zhat).sum(axis=0)
        beta += alpha * d_h.sum(axis=0)
    return W0, W1, b0, b1, gamma, beta


if __name__ == "__main__":
    syn0, syn1, b0, b1, gamma1, beta1 = train(X, y)
    z1 = np.dot(X, syn0) + b0
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1) + b1)
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
