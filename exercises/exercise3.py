"""Exercise 3 - a 3-layer network trained with backpropagation.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, iterations=60000, seed=1), which returns (syn0, syn1),
of shapes (3, 4) and (4, 1):
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((3, 4)) - 1
  FIRST and syn1 = 2*np.random.random((4, 1)) - 1 second;
- do `iterations` full-batch updates:
  forward l1 = nonlin(l0 . syn0) and l2 = nonlin(l1 . syn1);
  l2_delta is l2's miss (y - l2) times the slope at l2;
  l1's error is l2_delta sent back through syn1 (transposed), and l1_delta is
  that error times the slope at l1;
  then move syn1 by l1 transposed times l2_delta, and syn0 by l0 transposed
  times l1_delta;
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise3
"""
import numpy as np

# Part 2 data: the output is the XOR of the first two input columns.
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    # TODO: the sigmoid, and its slope from a sigmoid output when deriv=True.
    raise NotImplementedError("not written yet")


def train(X, y, iterations=60000, seed=1):
    # TODO: seed, draw syn0 then syn1, then the training loop; return (syn0, syn1).
    raise NotImplementedError("not written yet")


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1)))
