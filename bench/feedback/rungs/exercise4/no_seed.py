"""Exercise 4 - a learning rate alpha.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1), which returns
(syn0, syn1), of shapes (X.shape[1], hidden) and (hidden, y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((X.shape[1], hidden)) - 1
  FIRST and syn1 = 2*np.random.random((hidden, y.shape[1])) - 1 second; no other draws;
- do `iterations` full-batch updates, exactly the loop of exercise 3
  (l1 = nonlin(l0 . syn0), l2 = nonlin(l1 . syn1), l2_delta = (y - l2) * slope at l2,
  l1_error = l2_delta . syn1 transposed, l1_delta = l1_error * slope at l1),
  except that each weight moves by alpha times its step:
      syn1 += alpha * l1.T.dot(l2_delta)
      syn0 += alpha * l0.T.dot(l1_delta)
  (both deltas are computed before either weight moves);
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise4
"""
import numpy as np

# Part 2 data: the output is the XOR of the first two input columns.
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1):
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    for _ in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        slope2 = nonlin(l2, deriv=True)
        l2_delta = l2_error * slope2
        l1_error = l2_delta.dot(syn1.T)
        slope1 = nonlin(l1, deriv=True)
        l1_delta = l1_error * slope1
        syn1 += alpha * l1.T.dot(l2_delta)
        syn0 += alpha * l0.T.dot(l1_delta)
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
