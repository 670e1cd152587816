"""Exercise 7 - mini-batches.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, batch_size=8, hidden=4, alpha=0.5, iterations=4000, seed=1), which returns
(syn0, syn1), of shapes (X.shape[1], hidden) and (hidden, y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((X.shape[1], hidden)) - 1
  FIRST and syn1 = 2*np.random.random((hidden, y.shape[1])) - 1 second;
- `iterations` counts weight UPDATES, one per mini-batch (not epochs). With
  batches = math.ceil(len(X) / batch_size), update i (0, 1, 2, ...) does:
      if i % batches == 0: order = np.random.permutation(len(X))   # a new epoch: reshuffle
      rows = order[i % batches * batch_size:(i % batches + 1) * batch_size]
  (the last batch of an epoch may be smaller), then the loop of exercise 4 on
  l0 = X[rows] with targets y[rows]:
  l1 = nonlin(l0 . syn0), l2 = nonlin(l1 . syn1), l2_delta = (y[rows] - l2) * slope at l2,
  l1_error = l2_delta . syn1 transposed, l1_delta = l1_error * slope at l1,
  syn1 += alpha * l1.T.dot(l2_delta), syn0 += alpha * l0.T.dot(l1_delta);
- the permutations are the only draws after the weights', in that order: one when
  i % batches == 0 and none in between, as the contract asks. Nothing after the last update
  matters (a permutation drawn after it is never used and changes nothing train returns);
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise7
"""
import math

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
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    batches = len(X) // batch_size
    for i in range(iterations):
        if i % batches == 0:
            order = np.random.permutation(len(X))
        start = (i % batches) * batch_size
        rows = order[start:start + batch_size]
        l0 = X[rows]
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y[rows] - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += alpha * l1.T.dot(l2_delta)
        syn0 += alpha * l0.T.dot(l1_delta)
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Error:", np.mean(np.abs(y - out)))
    print("Accuracy:", np.mean((out > 0.5) == (y > 0.5)))
