"""Exercise 8 - delta trimming (clipping every delta).

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, clip=0.05, hidden=4, alpha=1.0, iterations=10000, seed=1), which returns
(syn0, syn1), of shapes (X.shape[1], hidden) and (hidden, y.shape[1]):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((X.shape[1], hidden)) - 1
  FIRST and syn1 = 2*np.random.random((hidden, y.shape[1])) - 1 second; no other draws;
- do `iterations` full-batch updates, the loop of exercise 4, except that each delta
  is trimmed to [-clip, clip] as soon as it is computed:
      l2_delta = np.clip(l2_error * nonlin(l2, deriv=True), -clip, clip)
      l1_error = l2_delta.dot(syn1.T)          (the trimmed delta travels back)
      l1_delta = np.clip(l1_error * nonlin(l1, deriv=True), -clip, clip)
  then syn1 += alpha * l1.T.dot(l2_delta) and syn0 += alpha * l0.T.dot(l1_delta);
  the errors themselves are not clipped;
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise8
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


def train(X, y, clip=0.05, hidden=4, alpha=1.0, iterations=10000, seed=1):
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    for _ in range(iterations):
        l1 = nonlin(X.dot(syn0))
        l2 = nonlin(l1.dot(syn1))
        l2_delta = (y - l2) * nonlin(l2, deriv=True)
        l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)
        step1 = np.clip(l1.T.dot(l2_delta), -clip, clip)
        step0 = np.clip(X.T.dot(l1_delta), -clip, clip)
        syn1 += alpha * step1
        syn0 += alpha * step0
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
