"""Reference answer for exercise 5: a network of any layer sizes (lists of layers, weights and deltas)."""
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


def train(X, y, sizes=(3, 5, 3, 1), alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    # one weight matrix per pair of neighbouring layers, drawn in layer order: syn[0] first
    syn = [2 * np.random.random((sizes[j], sizes[j + 1])) - 1 for j in range(len(sizes) - 1)]
    for _ in range(iterations):
        # forward: l[0] is the input, l[j+1] = nonlin(l[j] . syn[j])
        l = [X]
        for w in syn:
            l.append(nonlin(np.dot(l[-1], w)))
        # backward: every delta first, from the output down, while the weights are unchanged
        delta = [None] * len(l)
        l_error = y - l[-1]
        delta[-1] = l_error * nonlin(l[-1], deriv=True)
        for j in range(len(l) - 2, 0, -1):
            l_error = delta[j + 1].dot(syn[j].T)     # l[j]'s share of the blame for the layer above
            delta[j] = l_error * nonlin(l[j], deriv=True)
        # then the updates, top layer down: syn[j] joins l[j] to l[j+1]
        for j in range(len(syn) - 1, -1, -1):
            syn[j] += alpha * l[j].T.dot(delta[j + 1])
    return tuple(syn)


def predict(X, syn):
    out = X
    for w in syn:
        out = nonlin(np.dot(out, w))
    return out


if __name__ == "__main__":
    syn = train(X, y)
    out = predict(X, syn)
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
