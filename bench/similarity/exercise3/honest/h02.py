import numpy as np


class TwoLayer:
    def __init__(self, seed):
        np.random.seed(seed)
        self.w_in = 2 * np.random.random((3, 4)) - 1
        self.w_out = 2 * np.random.random((4, 1)) - 1

    def step(self, inputs, target):
        hidden = nonlin(np.dot(inputs, self.w_in))
        output = nonlin(np.dot(hidden, self.w_out))
        out_grad = (target - output) * nonlin(output, deriv=True)
        hid_grad = np.dot(out_grad, self.w_out.T) * nonlin(hidden, deriv=True)
        self.w_out += np.dot(hidden.T, out_grad)
        self.w_in += np.dot(inputs.T, hid_grad)


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def train(X, y, iterations=60000, seed=1):
    net = TwoLayer(seed)
    for _ in range(iterations):
        net.step(X, y)
    return net.w_in, net.w_out
