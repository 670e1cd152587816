"""Exercise 13 - every option together.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, hidden=8, alpha=0.3, batch_size=8, clip=0.5, lam=0.0005, p=0.1, momentum=0.5,
      iterations=3000, seed=1),
which returns (syn0, syn1, b0, b1, gamma1, beta1) of shapes (n_in, hidden), (hidden, n_out),
(hidden,), (n_out,), (hidden,), (hidden,) (n_in = X.shape[1], n_out = y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((n_in, hidden)) - 1 FIRST
  and syn1 = 2*np.random.random((hidden, n_out)) - 1 second; b0, b1, beta1 zeros, gamma1 ones,
  velocities v0, v1 = np.zeros_like(syn0), np.zeros_like(syn1); eps = 1e-5. No other draw.
- one loop turn i = 0 .. iterations-1 is ONE update on one mini-batch, with
  batches = math.ceil(len(X) / batch_size). When i % batches == 0, draw
  order = np.random.permutation(len(X)); the batch is rows =
  order[i % batches * batch_size:(i % batches + 1) * batch_size], l0 = X[rows], target y[rows].
  A permutation only when i % batches == 0 is what the contract asks; nothing after the last
  update matters.
- forward: z1 = l0 . syn0 + b0; batch norm over the batch (exercise 12) gives zhat1, std1 and
  l1 = nonlin(gamma1 * zhat1 + beta1); then the dropout mask d1 (exercise 10; drawn after the
  permutation), l1d = l1 * d1, l2 = nonlin(l1d . syn1 + b1).
- backward: l2_delta = np.clip(l2_error * slope at l2, -clip, clip); l1_error =
  l2_delta . syn1.T * d1; l1_delta = np.clip(l1_error * slope at l1, -clip, clip);
  z1_delta through the normalisation, as in exercise 12.
- the L2 pull -lam * w goes INTO the velocity, which alpha then scales (as in exercise 9)
  and momentum carries: v1 = momentum * v1 + l1d.T . l2_delta - lam * syn1, then
  syn1 += alpha * v1 (not syn1 += alpha * (v1 - lam * syn1));
- updates, in this order: v1 and syn1 as above, b1 += alpha * l2_delta.sum(axis=0);
  v0 = momentum * v0 + l0.T . z1_delta - lam * syn0, syn0 += alpha * v0,
  b0 += alpha * z1_delta.sum(axis=0); gamma1 += alpha * (l1_delta * zhat1).sum(axis=0);
  beta1 += alpha * l1_delta.sum(axis=0). (Momentum and L2 are for the weights only.)
- b0 has no effect: batch norm subtracts the batch mean of z1, b0 with it, and b0's step
  (z1_delta summed over the batch) is always 0, up to rounding. Keep it anyway: train
  returns it;
- iterations=0 returns the starting parameters; leave X and y unchanged.

Check your work with:  toynn check exercise13
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
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0 = np.zeros(hidden)
    b1 = np.zeros(y.shape[1])
    gamma1 = np.ones(hidden)
    beta1 = np.zeros(hidden)
    v0 = np.zeros_like(syn0)
    v1 = np.zeros_like(syn1)
    batches = math.ceil(len(X) / batch_size)
    for i in range(iterations):
        if i % batches == 0:
            order = np.random.permutation(len(X))
        rows = order[i % batches * batch_size:(i % batches + 1) * batch_size]
        l0 = X[rows]
        z1 = np.dot(l0, syn0) + b0
        z_all = np.dot(X, syn0) + b0
        mu = z_all.mean(axis=0)
        std1 = np.sqrt(z_all.var(axis=0) + eps)
        zhat1 = (z1 - mu) / std1
        l1 = nonlin(gamma1 * zhat1 + beta1)
        d1 = (np.random.random(l1.shape) >= p) / (1 - p)
        l1d = l1 * d1
        l2 = nonlin(np.dot(l1d, syn1) + b1)
        l2_error = y[rows] - l2
        l2_delta = np.clip(l2_error * nonlin(l2, deriv=True), -clip, clip)
        l1_error = l2_delta.dot(syn1.T) * d1
        l1_delta = np.clip(l1_error * nonlin(l1, deriv=True), -clip, clip)
        g = l1_delta * gamma1
        z1_delta = (g - g.mean(axis=0) - zhat1 * (g * zhat1).mean(axis=0)) / std1
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
    z1 = np.dot(X, syn0) + b0
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1) + b1)
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
