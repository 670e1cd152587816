"""Reference answer for exercise 12: batch normalization of the hidden layer."""
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
    eps = 1e-5                                # keeps the division safe when a unit does not vary
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1   # drawn first
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    gamma1 = np.ones(hidden)                  # scale and shift start as "leave zhat alone"
    beta1 = np.zeros(hidden)
    for i in range(iterations):
        l0 = X
        z1 = np.dot(l0, syn0)
        # each hidden unit's input, normalised over the batch's examples (axis 0)
        std1 = np.sqrt(z1.var(axis=0, ddof=1) + eps)
        zhat1 = (z1 - z1.mean(axis=0)) / std1
        l1 = nonlin(gamma1 * zhat1 + beta1)
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)   # the delta at gamma1 * zhat1 + beta1
        # back through the normalisation: every example's z1 moved the batch's mean and spread,
        # so the two means take those shared paths out
        z1_delta = (l1_delta * gamma1 - (l1_delta * gamma1).mean(axis=0)
                    - zhat1 * (l1_delta * gamma1 * zhat1).mean(axis=0)) / std1
        syn1 += alpha * l1.T.dot(l2_delta)
        syn0 += alpha * l0.T.dot(z1_delta)
        gamma1 += alpha * (l1_delta * zhat1).sum(axis=0)
        beta1 += alpha * l1_delta.sum(axis=0)
    return syn0, syn1, gamma1, beta1


if __name__ == "__main__":
    syn0, syn1, gamma1, beta1 = train(X, y)
    z1 = np.dot(X, syn0)                      # the whole X is one batch here too
    zhat1 = (z1 - z1.mean(axis=0)) / np.sqrt(z1.var(axis=0, ddof=1) + 1e-5)
    out = nonlin(np.dot(nonlin(gamma1 * zhat1 + beta1), syn1))
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
