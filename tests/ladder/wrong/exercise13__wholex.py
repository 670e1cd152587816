"""Reference answer for exercise 13: every option together.

Mini-batches, bias units, batch norm, dropout, delta trimming, L2 and momentum on one hidden layer.
"""
import math

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


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, hidden=8, alpha=0.3, batch_size=8, clip=0.5, lam=0.0005, p=0.1, momentum=0.5,
          iterations=3000, seed=1):
    eps = 1e-5
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1   # the only draws before the loop
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0 = np.zeros(hidden)
    b1 = np.zeros(y.shape[1])
    gamma1 = np.ones(hidden)
    beta1 = np.zeros(hidden)
    v0 = np.zeros_like(syn0)
    v1 = np.zeros_like(syn1)
    batches = math.ceil(len(X) / batch_size)  # updates per epoch; the last batch may be smaller
    for i in range(iterations):               # one update per i
        if i % batches == 0:                  # a new epoch: a new order (the first draw of an update)
            order = np.random.permutation(len(X))
        rows = order[i % batches * batch_size:(i % batches + 1) * batch_size]
        l0 = X[rows]
        z1 = np.dot(l0, syn0) + b0
        zall = np.dot(X, syn0) + b0
        std1 = np.sqrt(zall.var(axis=0) + eps)  # batch norm over this batch's examples
        zhat1 = (z1 - zall.mean(axis=0)) / std1
        l1 = nonlin(gamma1 * zhat1 + beta1)
        d1 = (np.random.random(l1.shape) >= p) / (1 - p)   # the second draw: the dropout mask
        l1d = l1 * d1
        l2 = nonlin(np.dot(l1d, syn1) + b1)
        l2_error = y[rows] - l2               # the targets of the same rows
        l2_delta = np.clip(l2_error * nonlin(l2, deriv=True), -clip, clip)
        l1_error = l2_delta.dot(syn1.T) * d1  # dropped units take no blame
        l1_delta = np.clip(l1_error * nonlin(l1, deriv=True), -clip, clip)
        # back through batch norm (as in exercise 12)
        z1_delta = (l1_delta * gamma1 - (l1_delta * gamma1).mean(axis=0)
                    - zhat1 * (l1_delta * gamma1 * zhat1).mean(axis=0)) / std1
        # weights: the velocity gathers the slope and the L2 pull; biases: plain steps, no decay
        v1 = momentum * v1 + l1d.T.dot(l2_delta) - lam * syn1
        syn1 += alpha * v1
        b1 += alpha * l2_delta.sum(axis=0)
        v0 = momentum * v0 + l0.T.dot(z1_delta) - lam * syn0
        syn0 += alpha * v0
        b0 += alpha * z1_delta.sum(axis=0)
        gamma1 += alpha * (l1_delta * zhat1).sum(axis=0)
        beta1 += alpha * l1_delta.sum(axis=0)
    return syn0, syn1, b0, b1, gamma1, beta1


if __name__ == "__main__":
    syn0, syn1, b0, b1, gamma1, beta1 = train(X, y)
    z1 = np.dot(X, syn0) + b0                 # predict on the whole X as one batch, no dropout
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1) + b1)
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
