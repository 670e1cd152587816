"""Exercise 9: weight decay written as a shrink factor."""
import numpy as np

# XOR of the two inputs; no column of ones: the biases b0 and b1 play that role.
X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, lam=0.001, hidden=4, alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    b0 = np.zeros(hidden)
    b1 = np.zeros(y.shape[1])
    shrink = 1 - alpha * lam            # alpha * (g - lam * w) = alpha * g - alpha * lam * w
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0) + b0)
        l2 = nonlin(np.dot(l1, syn1) + b1)
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 = shrink * syn1 + alpha * l1.T.dot(l2_delta)
        b1 = b1 + alpha * l2_delta.sum(axis=0)
        syn0 = shrink * syn0 + alpha * l0.T.dot(l1_delta)
        b0 = b0 + alpha * l1_delta.sum(axis=0)
    return syn0, syn1, b0, b1


if __name__ == "__main__":
    syn0, syn1, b0, b1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0) + b0), syn1) + b1))
    print("Largest weight:", max(np.abs(syn0).max(), np.abs(syn1).max()))
