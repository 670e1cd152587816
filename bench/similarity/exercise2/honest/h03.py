"""My network, written as a class."""
import numpy as np


class Net:
    def __init__(self, seed):
        np.random.seed(seed)
        self.W = 2 * np.random.random((3, 1)) - 1

    def forward(self, inputs):
        return nonlin(inputs.dot(self.W))

    def update(self, inputs, target):
        o = self.forward(inputs)
        self.W += inputs.T.dot((target - o) * nonlin(o, deriv=True))


def nonlin(x, deriv=False):
    return x * (1 - x) if deriv else 1 / (1 + np.exp(-x))


def train(X, y, iterations=10000, seed=1):
    net = Net(seed)
    for _ in range(iterations):
        net.update(X, y)
    return net.W
