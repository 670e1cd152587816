# Wrong on purpose - one mistake: the delta is just the error (no sigmoid slope).
import numpy as np

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 0, 1, 1]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 1)) - 1
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l1_error = y - l1
        l1_delta = l1_error
        syn0 += np.dot(l0.T, l1_delta)
    return syn0


if __name__ == "__main__":
    syn0 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(X, syn0)))
