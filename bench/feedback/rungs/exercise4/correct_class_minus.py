"""Exercise 4, written as a small class: gradient descent on (output - y)."""
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
    return 1.0 / (1.0 + np.exp(-x))


class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out):
        self.W1 = 2 * np.random.random((n_in, n_hidden)) - 1
        self.W2 = 2 * np.random.random((n_hidden, n_out)) - 1

    def forward(self, X):
        self.h = nonlin(X @ self.W1)
        self.out = nonlin(self.h @ self.W2)
        return self.out

    def backward(self, X, y, lr):
        error = self.out - y                      # gradient of the squared error
        d_out = error * nonlin(self.out, deriv=True)
        d_h = (d_out @ self.W2.T) * nonlin(self.h, deriv=True)
        self.W2 -= lr * (self.h.T @ d_out)
        self.W1 -= lr * (X.T @ d_h)


def train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1):
    np.random.seed(seed)
    net = TwoLayerNet(X.shape[1], hidden, y.shape[1])
    for _ in range(iterations):
        net.forward(X)
        net.backward(X, y, alpha)
    return net.W1, net.W2


if __name__ == "__main__":
    W1, W2 = train(X, y)
    print(nonlin(nonlin(X @ W1) @ W2))
