import numpy as np

def nonlin(x, deriv=False):
    # logistic function; with deriv the input is already a sigmoid output
    if deriv:
        return np.multiply(x, 1 - x)
    return np.reciprocal(1 + np.exp(-x))

def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    W = np.subtract(np.multiply(2, np.random.random((3, 1))), 1)
    for it in range(iterations):
        h = nonlin(np.dot(X, W))
        delta = np.multiply(np.subtract(y, h), nonlin(h, deriv=True))
        W = np.add(W, np.dot(np.transpose(X), delta))
    return W
