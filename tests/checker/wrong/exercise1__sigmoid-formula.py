# Wrong on purpose - one mistake: `1 / 1 + np.exp(-x)` divides before it adds, so it is 1 + exp(-x).
import numpy as np


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / 1 + np.exp(-x)


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
