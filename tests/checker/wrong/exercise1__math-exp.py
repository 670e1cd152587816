# Wrong on purpose - one mistake: math.exp on an array.
import math

import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + math.exp(-x))


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
