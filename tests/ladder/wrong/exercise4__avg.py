"""Reference answer for exercise 4: the 3-layer network with a learning rate alpha."""
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


def train(X, y, alpha=0.5, hidden=4, iterations=10000, seed=1):
    np.random.seed(seed)
    syn0 = 2 * np.random.random((X.shape[1], hidden)) - 1   # inputs -> hidden, drawn first
    syn1 = 2 * np.random.random((hidden, y.shape[1])) - 1   # hidden -> outputs
    for _ in range(iterations):
        l0 = X
        l1 = nonlin(np.dot(l0, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta.dot(syn1.T)          # blame with the weights that made the prediction
        l1_delta = l1_error * nonlin(l1, deriv=True)
        # alpha scales the whole step: the direction is the article's, only its length changes
        syn1 += alpha * l1.T.dot(l2_delta) / len(X)
        syn0 += alpha * l0.T.dot(l1_delta) / len(X)
    return syn0, syn1


if __name__ == "__main__":
    syn0, syn1 = train(X, y)
    out = nonlin(np.dot(nonlin(np.dot(X, syn0)), syn1))
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
