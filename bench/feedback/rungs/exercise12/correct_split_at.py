"""Exercise 12 - batch normalization of the hidden layer.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, hidden=6, alpha=0.1, iterations=3000, seed=1), which returns
(syn0, syn1, gamma1, beta1) of shapes (n_in, hidden), (hidden, n_out), (hidden,) and
(hidden,) (n_in = X.shape[1], n_out = y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((n_in, hidden)) - 1 FIRST
  and syn1 = 2*np.random.random((hidden, n_out)) - 1 second; gamma1 = np.ones(hidden),
  beta1 = np.zeros(hidden) (no draw); eps = 1e-5;
- do `iterations` full-batch updates. Forward: z1 = l0 . syn0;
  std1 = np.sqrt(z1.var(axis=0) + eps); zhat1 = (z1 - z1.mean(axis=0)) / std1
  (each unit normalised over the examples); l1 = nonlin(gamma1 * zhat1 + beta1);
  l2 = nonlin(l1 . syn1);
- backward: l2_delta, l1_error = l2_delta . syn1.T and l1_delta (times the slope at l1) as
  before; then back through the normalisation (g is short for l1_delta * gamma1):
  z1_delta = (g - g.mean(axis=0) - zhat1 * (g * zhat1).mean(axis=0)) / std1;
- updates, in this order: syn1 += alpha * l1.T . l2_delta; syn0 += alpha * l0.T . z1_delta;
  gamma1 += alpha * (l1_delta * zhat1) summed over axis 0; beta1 += alpha * l1_delta
  summed over axis 0;
- iterations=0 returns the starting parameters; leave X and y unchanged.

Check your work with:  toynn check exercise12
"""
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


def train(X, y, hidden=6, alpha=0.1, iterations=3000, seed=1):
    eps = 1e-5
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    gamma1 = np.ones(hidden)
    beta1 = np.zeros(hidden)
    for i in range(iterations):
        z1 = X @ syn0
        mean1 = np.mean(z1, axis=0)
        var1 = np.var(z1, axis=0)
        std1 = np.sqrt(var1 + eps)
        zhat1 = (z1 - mean1) / std1
        l1 = nonlin(gamma1 * zhat1 + beta1)
        l2 = nonlin(l1 @ syn1)
        l2_error = y - l2
        slope2 = nonlin(l2, deriv=True)
        l2_delta = l2_error * slope2
        l1_error = l2_delta @ syn1.T
        slope1 = nonlin(l1, deriv=True)
        l1_delta = l1_error * slope1
        g = l1_delta * gamma1
        g_mean = g.mean(axis=0)
        gz_mean = (g * zhat1).mean(axis=0)
        z1_delta = (g - g_mean - zhat1 * gz_mean) / std1
        syn1 += alpha * (l1.T @ l2_delta)
        syn0 += alpha * (X.T @ z1_delta)
        gamma1 += alpha * np.sum(l1_delta * zhat1, axis=0)
        beta1 += alpha * np.sum(l1_delta, axis=0)
    return syn0, syn1, gamma1, beta1


if __name__ == "__main__":
    syn0, syn1, gamma1, beta1 = train(X, y)
    z1 = np.dot(X, syn0)
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1))
    print("Error:", np.mean(np.abs(y - out)))
