"""Exercise 1 - the sigmoid and its slope.

Write nonlin(x, deriv=False):
- nonlin(x) returns the sigmoid 1/(1+e^-x) of every element of the numpy array x;
- nonlin(x, deriv=True) is given values that already came OUT of the sigmoid and
  returns the slope there, x*(1-x), element by element.
Leave x itself unchanged.

Check your work with:  toynn check exercise1
"""
import numpy as np


def nonlin(x, deriv=False):
    # TODO: replace this line with your code.
    raise NotImplementedError("not written yet")


if __name__ == "__main__":
    print(nonlin(np.array([-2.0, 0.0, 2.0])))
    print(nonlin(np.array([0.1, 0.5, 0.9]), deriv=True))
