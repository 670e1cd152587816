import numpy as np


def nonlin(x, deriv=False):
    if deriv is True:
        d = x * (1 - x)
        return d
    s = 1 / (1 + np.exp(-x))
    return s


def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    A = np.random.random((3, 4))
    A = 2 * A - 1
    B = np.random.random((4, 1))
    B = 2 * B - 1
    for _ in [0] * iterations:
        hidden = nonlin(np.einsum("ij,jk->ik", X, A))
        output = nonlin(np.einsum("ij,jk->ik", hidden, B))
        dout = (y - output) * nonlin(output, True)
        dhid = np.einsum("ik,jk->ij", dout, B) * nonlin(hidden, True)
        B += np.einsum("ji,jk->ik", hidden, dout)
        A += np.einsum("ji,jk->ik", X, dhid)
    return A, B
