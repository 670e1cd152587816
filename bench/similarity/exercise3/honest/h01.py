import numpy as np

def nonlin(x, deriv=False):
    return x * (1 - x) if deriv else 1 / (1 + np.exp(-x))

def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    a = 2 * np.random.random((3, 4)) - 1
    b = 2 * np.random.random((4, 1)) - 1
    for _ in range(iterations):
        h = nonlin(X @ a)
        o = nonlin(h @ b)
        do = (y - o) * nonlin(o, True)
        dh = (do @ b.T) * nonlin(h, True)
        b += h.T @ do
        a += X.T @ dh
    return a, b
