import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x - x * x
    return 0.5 * (1 + np.tanh(0.5 * x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    layers = [2 * np.random.random(shape) - 1 for shape in ((3, 4), (4, 1))]
    for _ in range(iterations):
        acts = [X]
        for W in layers:
            acts.append(nonlin(acts[-1].dot(W)))
        delta = (y - acts[-1]) * nonlin(acts[-1], deriv=True)
        for i in reversed(range(len(layers))):
            prev = delta.dot(layers[i].T) * nonlin(acts[i], deriv=True)
            layers[i] += acts[i].T.dot(delta)
            delta = prev
    return layers[0], layers[1]
