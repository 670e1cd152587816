"""Exercise 5 - a network of any layer sizes.

Write nonlin(x, deriv=False) (as in exercise 1) and
train(X, y, sizes=(3, 5, 3, 1), alpha=0.5, iterations=10000, seed=1), which returns
a tuple of len(sizes) - 1 weight matrices (syn0, syn1, ...), syn_j of shape
(sizes[j], sizes[j+1]). `sizes` may be a list or a tuple, of any length >= 2
(sizes[0] is X's number of columns, sizes[-1] is y's).
- call np.random.seed(seed), then draw each syn_j = 2*np.random.random((sizes[j], sizes[j+1])) - 1
  in layer order (syn0 first); no other draws;
- do `iterations` full-batch updates:
  forward l0 = X and l_{j+1} = nonlin(l_j . syn_j) up to the output layer;
  the output's delta is (y - output) times the slope at the output;
  going down, l_j's error is l_{j+1}'s delta times syn_j transposed, and l_j's delta
  is that error times the slope at l_j (every delta BEFORE any weight moves);
  then, from the top down, syn_j += alpha * l_j.T.dot(delta of l_{j+1});
- iterations=0 returns the starting weights; leave X and y unchanged.
Lists help: a list of weights, a list of layers, a list of deltas.

Check your work with:  toynn check exercise5
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


def train(X, y, sizes=(3, 5, 3, 1), alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    syn = [2 * np.random.random((sizes[j], sizes[j + 1])) - 1 for j in range(len(sizes) - 1)]
    for _ in range(iterations):
        l = [X]
        for w in syn:
            l.append(nonlin(np.dot(l[-1], w)))
        delta = [None] * len(l)
        delta[-1] = (y - l[-1]) * nonlin(l[-1], deriv=True)
        for j in range(len(l) - 2, 0, -1):
            delta[j] = delta[j + 1].dot(syn[j].T)
        for j in range(len(syn) - 1, -1, -1):
            syn[j] += alpha * l[j].T.dot(delta[j + 1])
    return tuple(syn)


def predict(X, syn):
    out = X
    for w in syn:
        out = nonlin(np.dot(out, w))
    return out


if __name__ == "__main__":
    syn = train(X, y)
    out = predict(X, syn)
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
