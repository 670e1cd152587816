import numpy as np


def nonlin(x, deriv=False):
    return (x * (1 - x)) if deriv else (1 / (1 + np.exp(-x)))


def train(X, y, iterations=10000, seed=1):
    rng_seed = seed
    np.random.seed(rng_seed)
    syn = 2 * np.random.random((X.shape[1], 1)) - 1
    for epoch in range(iterations):
        fwd = nonlin(np.dot(X, syn))
        syn += np.dot(X.T, (y - fwd) * fwd * (1 - fwd))
    return syn
