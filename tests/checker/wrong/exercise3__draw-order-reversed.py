# Wrong on purpose - one mistake: syn1 is drawn before syn0.
import numpy as np

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    if deriv == True:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    syn1 = 2 * np.random.random((4, 1)) - 1
    syn0 = 2 * np.random.random((3, 4)) - 1
    for j in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += l1.T.dot(l2_delta)
        syn0 += l0.T.dot(l1_delta)
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    print("Output After Training:")
    print(nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1)))
