"""Exercise 6: bias units, written with a class."""
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


class BiasNet:
    def __init__(self, n_in, n_hidden, n_out):
        self.W0 = 2 * np.random.random((n_in, n_hidden)) - 1
        self.W1 = 2 * np.random.random((n_hidden, n_out)) - 1
        self.b0 = np.zeros(n_hidden)
        self.b1 = np.zeros(n_out)

    def update(self, X, y, lr):
        h = nonlin(X @ self.W0 + self.b0)
        out = nonlin(h @ self.W1 + self.b1)
        err = out - y
        d_out = err * nonlin(out, deriv=True)
        d_h = (d_out @ self.W1.T) * nonlin(h, deriv=True)
        self.W1 -= lr * (h.T @ d_out)
        self.b1 -= lr * np.sum(d_out, axis=0)
        self.W0 -= lr * (X.T @ d_h)
        self.b0 -= lr * np.sum(d_h, axis=0)


def train(X, y, hidden=4, alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    net = BiasNet(X.shape[1], hidden, y.shape[1])
    for _ in range(iterations):
        net.update(X, y, alpha)
    return net.W0, net.W1, net.b0, net.b1


if __name__ == "__main__":
    syn0, syn1, b0, b1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0) + b0), syn1) + b1)
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
