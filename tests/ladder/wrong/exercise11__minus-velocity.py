"""Reference answer for exercise 11: momentum (a velocity per weight matrix)."""
import numpy as np

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, momentum=0.9, hidden=4, alpha=0.2, iterations=5000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1   # drawn first
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1
    v0 = np.zeros_like(syn0)                                 # at rest before the first step
    v1 = np.zeros_like(syn1)
    for i in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)          # blame with syn1 as it was for this prediction
        l1_delta = l1_error * nonlin(l1, deriv=True)
        # the velocity keeps a share `momentum` of the past steps and adds this one,
        # so a direction the slope keeps pointing in gathers speed
        v1 = momentum * v1 + l1.T.dot(l2_delta)
        syn1 -= alpha * v1
        v0 = momentum * v0 + l0.T.dot(l1_delta)
        syn0 += alpha * v0
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1)))
