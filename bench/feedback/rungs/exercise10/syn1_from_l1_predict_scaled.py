"""Exercise 10 - dropout: train with a random half-blind hidden layer.

Write nonlin(x, deriv=False) (as in exercise 1),
train(X, y, p=0.2, hidden=8, alpha=0.5, iterations=4000, seed=1), which returns
(syn0, syn1) of shapes (n_in, hidden) and (hidden, n_out) (n_in = X.shape[1],
n_out = y.shape[1]), and predict(X, syn0, syn1), which returns the output layer:
- call np.random.seed(seed), then draw syn0 = 2*np.random.random((n_in, hidden)) - 1 FIRST
  and syn1 = 2*np.random.random((hidden, n_out)) - 1 second; no other draw before the loop;
- do `iterations` full-batch updates; in each, right after l1 = nonlin(l0 . syn0), draw the
  mask d1 = (np.random.random(l1.shape) >= p) / (1 - p): one draw per update, the only one
  (a unit is kept with chance 1-p, and kept units are scaled by 1/(1-p), "inverted dropout");
- l1d = l1 * d1 is what the next layer sees: l2 = nonlin(l1d . syn1);
- l2_delta as before; l1's error is l2_delta . syn1.T times the same mask d1 (a dropped unit
  takes no blame), and l1_delta is it times the slope at l1;
- syn1 += alpha * l1d.T . l2_delta (the dropped-out layer), syn0 += alpha * l0.T . l1_delta;
- predict uses every unit: no mask and no scaling;
- iterations=0 returns the starting weights; leave X and y unchanged.

Check your work with:  toynn check exercise10
"""
import numpy as np

# 30 points of the square [-1, 1]^2, labelled 1 inside the circle of radius 0.6;
# the third column of ones plays a bias's role.
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


def train(X, y, p=0.2, hidden=8, alpha=0.5, iterations=4000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        d1 = (np.random.random(l1.shape) >= p) / (1 - p)
        l1d = l1 * d1
        l2 = nonlin(np.dot(l1d, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T) * d1
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += alpha * l1.T.dot(l2_delta)
        syn0 += alpha * l0.T.dot(l1_delta)
    return syn0, syn1


def predict(X, syn0, syn1):
    # at test time every unit is on, so scale by the keep chance
    return nonlin(np.dot(nonlin(np.dot(X, syn0)) * 0.8, syn1))


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = predict(X, syn0, syn1)
    print("Error:", np.mean(np.abs(y - out)))
    print("Correct:", int(np.sum((out > 0.5) == (y > 0.5))), "of", len(y))
