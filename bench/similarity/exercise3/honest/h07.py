import numpy as np
from numpy import dot, exp


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + exp(-x))


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    hidden_w = 2 * np.random.random((3, 4)) - 1
    out_w = 2 * np.random.random((4, 1)) - 1
    for epoch in range(iterations):
        hid = nonlin(dot(X, hidden_w))
        pred = nonlin(dot(hid, out_w))
        pred_delta = (pred - y) * nonlin(pred, True)
        hid_delta = dot(pred_delta, out_w.T) * nonlin(hid, True)
        out_w -= dot(hid.T, pred_delta)
        hidden_w -= dot(X.T, hid_delta)
    return hidden_w, out_w
