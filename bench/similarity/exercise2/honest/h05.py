import numpy as np


def nonlin(x, deriv=False):
    if deriv == True:
        return x*(1-x)
    else:
        return 1/(1+np.exp(-x))


def train(X, y, iterations=10000, seed=1):
    np.random.seed(seed)
    theta = 2*np.random.random((3,1)) - 1
    n = 0
    for n in range(iterations):
        layer_out = nonlin(np.dot(X,theta))
        err = y - layer_out
        theta += np.dot(X.T, err*nonlin(layer_out,True))
    return theta
