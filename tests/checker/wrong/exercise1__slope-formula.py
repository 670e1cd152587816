# Wrong on purpose - one mistake: the slope is written x * (x - 1), one minus x the wrong way round.
import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (x - 1)
    return 1 / (1 + np.exp(-x))


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
