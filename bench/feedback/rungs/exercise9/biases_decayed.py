"""Exercise 9 - L2 regularization: a pull of every weight toward zero.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, lam=0.001, hidden=4, alpha=0.5, iterations=10000, seed=1), which returns
(syn0, syn1, b0, b1), of shapes (n_in, hidden), (hidden, n_out), (hidden,) and (n_out,),
where n_in = X.shape[1] and n_out = y.shape[1]:
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((n_in, hidden)) - 1 FIRST
  and syn1 = 2*np.random.random((hidden, n_out)) - 1 second; b0 = np.zeros(hidden) and
  b1 = np.zeros(n_out) (1-D, no draw);
- do `iterations` full-batch updates of exercise 6's net (bias units, learning rate alpha):
  l1 = nonlin(l0 . syn0 + b0), l2 = nonlin(l1 . syn1 + b1); l2_delta and l1_delta as before
  (l1's error uses syn1 before it moves);
- L2 adds lam * w**2 / 2 per weight to what is minimised, so each weight step gains a pull
  -lam * w inside the alpha:  syn1 += alpha * (l1.T.dot(l2_delta) - lam * syn1), the same
  for syn0 with l0 and l1_delta; the biases are NOT decayed: b1 += alpha * l2_delta summed
  over the examples (axis 0), b0 likewise with l1_delta;
- update in this order: syn1, b1, syn0, b0 (all deltas first);
- iterations=0 returns the starting parameters; leave X and y unchanged.

Check your work with:  toynn check exercise9
"""
import numpy as np

# XOR of the two inputs; no column of ones: the biases b0 and b1 play that role.
X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, lam=0.001, hidden=4, alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0 = np.zeros(hidden)
    b1 = np.zeros(y.shape[1])
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0) + b0)
        l2 = nonlin(np.dot(l1, syn1) + b1)
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += alpha * (l1.T.dot(l2_delta) - lam * syn1)
        b1 += alpha * (l2_delta.sum(axis=0) - lam * b1)
        syn0 += alpha * (l0.T.dot(l1_delta) - lam * syn0)
        b0 += alpha * (l1_delta.sum(axis=0) - lam * b0)
    return syn0, syn1, b0, b1


if __name__ == "__main__":
    syn0, syn1, b0, b1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0) + b0), syn1) + b1))
    print("Largest weight:", max(np.abs(syn0).max(), np.abs(syn1).max()))
