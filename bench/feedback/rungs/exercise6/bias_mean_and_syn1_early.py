"""Exercise 6 - bias units.

X has no column of ones any more: biases do its job. Write nonlin(x, deriv=False)
(as in exercise 1) and train(X, y, hidden=4, alpha=0.5, iterations=10000, seed=1),
which returns (syn0, syn1, b0, b1), of shapes (X.shape[1], hidden), (hidden, y.shape[1]),
(hidden,) and (y.shape[1],) - the biases are 1-D:
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((X.shape[1], hidden)) - 1
  FIRST and syn1 = 2*np.random.random((hidden, y.shape[1])) - 1 second; the biases
  start at zero (np.zeros) and take no draw;
- do `iterations` full-batch updates:
  l1 = nonlin(l0 . syn0 + b0), l2 = nonlin(l1 . syn1 + b1) (a bias is added to every row);
  l2_delta = (y - l2) * slope at l2; l1_error = l2_delta . syn1 transposed;
  l1_delta = l1_error * slope at l1; then
      syn1 += alpha * l1.T.dot(l2_delta);  b1 += alpha * l2_delta.sum(axis=0)
      syn0 += alpha * l0.T.dot(l1_delta);  b0 += alpha * l1_delta.sum(axis=0)
  (a bias is a weight from an input that is always 1, so its step is the sum of the deltas);
- iterations=0 returns the starting parameters; leave X and y unchanged.

Check your work with:  toynn check exercise6
"""
import numpy as np

# XOR of the two inputs, without the constant third column: the biases do its job now.
X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, hidden=4, alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    W1 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W2 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0 = np.zeros(hidden)
    b1 = np.zeros(y.shape[1])
    for _ in range(iterations):
        h = nonlin(X.dot(W1) + b0)
        out = nonlin(h.dot(W2) + b1)
        d_out = (y - out) * nonlin(out, deriv=True)
        W2 += alpha * h.T.dot(d_out)
        b1 += alpha * d_out.mean(axis=0)
        d_h = d_out.dot(W2.T) * nonlin(h, deriv=True)
        W1 += alpha * X.T.dot(d_h)
        b0 += alpha * d_h.mean(axis=0)
    return W1, W2, b0, b1


if __name__ == "__main__":
    syn0, syn1, b0, b1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0) + b0), syn1) + b1)
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
