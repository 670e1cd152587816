# Wrong on purpose - one mistake: the slope runs the sigmoid again on x, which is already an output.
import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return nonlin(x) * (1 - nonlin(x))
    return 1 / (1 + np.exp(-x))


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
