"""Exercise 2 - a 2-layer network: one weight matrix, trained from scratch.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, iterations=10000, seed=1), which returns syn0 of shape (3, 1):
- call np.random.seed(seed), then start from syn0 = 2*np.random.random((3, 1)) - 1;
- do `iterations` full-batch updates of the whole X at once:
  forward pass l1 = nonlin(l0 . syn0); the miss y - l1, times the slope at l1,
  is l1's delta; move syn0 by l0 transposed times that delta;
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise2
"""
import numpy as np

# Part 1 data: the output is the first input column.
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 0, 1, 1]]).T


def nonlin(x, deriv=False):
    # TODO: the sigmoid, and its slope from a sigmoid output when deriv=True.
    raise NotImplementedError("not written yet")


def train(X, y, iterations=10000, seed=1):
    # TODO: seed, draw syn0, then the training loop; return syn0.
    raise NotImplementedError("not written yet")


if __name__ == "__main__":
    syn0 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(X, syn0)))
