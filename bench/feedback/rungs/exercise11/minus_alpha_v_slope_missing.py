"""Exercise 11 - momentum: steps that remember the steps before them.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, momentum=0.9, hidden=4, alpha=0.2, iterations=5000, seed=1), which returns
(syn0, syn1) of shapes (n_in, hidden) and (hidden, n_out) (n_in = X.shape[1],
n_out = y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((n_in, hidden)) - 1 FIRST
  and syn1 = 2*np.random.random((hidden, n_out)) - 1 second; the velocities start at rest,
  v0 = np.zeros_like(syn0) and v1 = np.zeros_like(syn1) (no draw);
- do `iterations` full-batch updates; the forward pass and both deltas are exercise 3's;
- each weight matrix has a velocity: v1 = momentum * v1 + l1.T . l2_delta, then
  syn1 += alpha * v1; then v0 = momentum * v0 + l0.T . l1_delta and syn0 += alpha * v0
  (alpha scales the velocity, not the slope inside it);
- the velocities live across updates: set them once, before the loop;
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise11
"""
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
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    v0 = np.zeros_like(syn0)
    v1 = np.zeros_like(syn1)
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        v1 = momentum * v1 + l1.T.dot(l2_delta)
        syn1 -= alpha * v1
        v0 = momentum * v0 + l0.T.dot(l1_delta)
        syn0 -= alpha * v0
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1)))
