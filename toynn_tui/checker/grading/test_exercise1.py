"""Grading checks of exercise 1 (the sigmoid and its slope). Run by `toynn check exercise1`.

Each test's docstring is the check's name in the report.
"""
import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare, mistakes
from toynn_tui.checker.harness import CheckFailed, compact, ensure_loaded, got, in_place_failure, pair, uses
from toynn_tui.i18n import _

A = np.linspace(-6, 6, 12).reshape(3, 4)         # pre-sigmoid values, 2-D
V = np.array([-30.0, -1.0, 0.0, 0.5, 30.0])      # 1-D, with saturated ends
S = engine.nonlin(A)                               # sigmoid outputs, what deriv=True receives
SV = np.array([0.01, 0.25, 0.5, 0.75, 0.99])
INPUTS = {"A": A, "V": V, "S": S, "SV": SV}
# The inputs as each check's test_code shows them (the learner's file has none of them).
SETUP = {"A": "np.linspace(-6, 6, 12).reshape(3, 4)",
         "V": "np.array([-30.0, -1.0, 0.0, 0.5, 30.0])",
         "S": "1 / (1 + np.exp(-np.linspace(-6, 6, 12).reshape(3, 4)))",
         "SV": "np.array([0.01, 0.25, 0.5, 0.75, 0.99])"}

_CASES = {  # call name -> (input name, deriv)
    "sig2d": ("A", False), "sig1d": ("V", False), "slope2d": ("S", True), "slope1d": ("SV", True)}


def _plan():
    from toynn_tui.checker.sandbox import Call
    calls = [Call("nonlin", (arg,), {"deriv": True} if deriv else {}) for arg, deriv in _CASES.values()]
    return INPUTS, list(_CASES), calls


PLAN = _plan()


def _check(res, name):
    arg, deriv = _CASES[name]
    x = INPUTS[arg]
    call = _("nonlin({args}) on a {ndim}-D array").format(args="x, deriv=True" if deriv else "x", ndim=x.ndim)
    (mine,) = got(res, name, 1, call)
    expected = engine.nonlin(x, deriv)
    if mine.shape != expected.shape:
        raise CheckFailed(_("{call} returned shape {got}, expected {want}").format(
                              call=call, got=mine.shape, want=expected.shape),
                          hint=_("Work element by element on the whole array: np.exp(-x), not a loop or a sum."))
    if not compare.close(expected, mine, compare.RTOL_NONLIN, compare.ATOL_NONLIN):
        raise CheckFailed(_("{call} returned the wrong values").format(call=call), mistake=mistakes.diagnose_nonlin(x, mine, deriv),
                          detail=f"x:\n{compact(x)}\n" + pair("nonlin(x" + (", deriv=True)" if deriv else ")"), expected, mine))


@uses("sig2d", "sig1d")
def test_sigmoid(res):
    """sigmoid of arrays of any shape"""
    _check(res, "sig2d")
    _check(res, "sig1d")


@uses("slope2d", "slope1d")
def test_slope(res):
    """the slope, computed from a sigmoid output"""
    _check(res, "slope2d")
    _check(res, "slope1d")


@uses()
def test_inputs(res):
    """the input array is left unchanged"""
    ensure_loaded(res)
    # every input is given to nonlin as its x (named so when the file's def cannot be read)
    failure = in_place_failure(res, dict.fromkeys(INPUTS, "x"),
                               hint=_("Return a new array instead of writing into {names}: {names} * (1 - {names}) "
                                      "makes one; {names} *= ..., {names}[:] = ... and out={names} change the caller's."))
    if failure is not None:
        raise failure
    if not any(c.status == "ok" for c in res.run.calls):
        raise CheckFailed(_("nonlin never returned, so this could not be checked"))
