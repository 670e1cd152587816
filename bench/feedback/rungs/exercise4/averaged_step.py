"""Exercise 4 - my version with a learning rate."""
import numpy as np

# Part 2 data: the output is the XOR of the first two input columns.
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return sigmoid(x)


def train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1):
    np.random.seed(seed)
    W1 = 2 * np.random.random((X.shape[1], hidden)) - 1
    W2 = 2 * np.random.random((hidden, y.shape[1])) - 1
    n = len(X)
    for it in range(iterations):
        a0 = X
        a1 = nonlin(a0 @ W1)
        a2 = nonlin(a1 @ W2)
        d2 = (y - a2) * nonlin(a2, deriv=True)
        d1 = (d2 @ W2.T) * nonlin(a1, deriv=True)
        # average over the examples so alpha does not depend on the data size
        W2 += alpha * (a1.T @ d2) / n
        W1 += alpha * (a0.T @ d1) / n
    return W1, W2


if __name__ == "__main__":
    W1, W2 = train(X, y)
    print(nonlin(nonlin(X @ W1) @ W2))
