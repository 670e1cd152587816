"""Reference answer for exercise 1: the sigmoid and its slope."""
import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        # x is already a sigmoid output s; the sigmoid's slope at that point is s*(1-s).
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
