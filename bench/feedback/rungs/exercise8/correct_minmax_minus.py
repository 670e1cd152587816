"""Delta trimming, gradient-descent style (error = output - target)."""
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


def trim(a, c):
    return np.minimum(np.maximum(a, -c), c)


def train(X, y, clip=0.05, hidden=4, alpha=1.0, iterations=10000, seed=1):
    np.random.seed(seed)
    W1 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W2 = 2 * np.random.random((hidden, y.shape[1])) - 1
    for _ in range(iterations):
        h = nonlin(X.dot(W1))
        out = nonlin(h.dot(W2))
        error = out - y
        d_out = trim(error * nonlin(out, deriv=True), clip)
        d_h = trim(d_out.dot(W2.T) * nonlin(h, deriv=True), clip)
        W2 -= alpha * h.T.dot(d_out)
        W1 -= alpha * X.T.dot(d_h)
    return W1, W2


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
