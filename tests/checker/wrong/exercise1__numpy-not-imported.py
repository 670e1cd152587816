# Wrong on purpose - one mistake: numpy is imported without `as np`.
import numpy


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


if __name__ == "__main__":
    print(nonlin(numpy.array([-2.0, 0.0, 2.0])))
    print(nonlin(numpy.array([0.1, 0.5, 0.9]), deriv=True))
