"""The checker's library of known mistakes: what the learner got wrong, in words.

The checker runs learner code in a child process and brings the arrays back;
these functions only look at those arrays (float64, loaded by the trusted
side) and never run learner code. Each diagnose_* returns the `Mistake` that
explains a wrong answer, or None when the answer is right or nothing known
fits - so a diagnosis is never a guess.

    diagnose_nonlin     exercise 1's nonlin (and the nonlin of exercises 2-3)
    diagnose_init       the iterations=0 weights          (runs.py)
    diagnose_step       one iteration from the learner's own start (step.py)
    diagnose_run        the weights after a whole run     (runs.py)
    diagnose_exception  an exception the learner's code raised

The table of mistakes itself is in catalogue.py.
"""
from __future__ import annotations

import re

import numpy as np

from toynn_tui import engine
from toynn_tui.checker.mistakes.catalogue import MISTAKES, Mistake, get, with_detail
from toynn_tui.checker.mistakes.runs import diagnose_init, diagnose_run
from toynn_tui.checker.mistakes.step import diagnose_step
from toynn_tui.checker.mistakes.edits import CATALOGUE as _LADDER   # noqa: E402 - the rungs' mistakes
from toynn_tui.checker.mistakes.layer_edits import MISTAKES as _OPTIONS  # noqa: E402 - and the options'

assert not (set(_LADDER) | set(_OPTIONS)) & set(MISTAKES) and not set(_LADDER) & set(_OPTIONS), "duplicate mistake id"
MISTAKES.update(_LADDER)
MISTAKES.update(_OPTIONS)

__all__ = ["Mistake", "MISTAKES", "get", "with_detail", "diagnose_nonlin", "diagnose_init",
           "diagnose_step", "diagnose_run", "diagnose_exception"]

from toynn_tui.checker.compare import ATOL_NONLIN, RTOL, close  # noqa: E402


def _sigmoid(x):
    return engine.nonlin(x)


# Wrong nonlin(x) answers, most specific first: (mistake id, what it computes).
_WRONG_SIGMOID = [
    ("deriv-inverted", lambda x: x * (1 - x)),
    ("sigmoid-sign", lambda x: 1 / (1 + np.exp(x))),
    ("sigmoid-formula", lambda x: 1 / (1 - np.exp(-x))),
    ("sigmoid-formula", lambda x: 1 / np.exp(-x)),
    ("sigmoid-formula", lambda x: np.exp(-x)),
    ("sigmoid-formula", lambda x: 1 + np.exp(-x)),
    ("sigmoid-formula", lambda x: 1 / (1 + np.exp(-x)) ** 2),
]
# Wrong nonlin(x, deriv=True) answers; x is a sigmoid output.
_WRONG_SLOPE = [
    ("slope-from-input", lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    ("deriv-ignored", _sigmoid),
    ("slope-formula", lambda x: x * (x - 1)),
    ("slope-formula", lambda x: x * (1 + x)),
    ("slope-formula", lambda x: 1 - x),
    ("slope-formula", lambda x: x * x),
]


def diagnose_nonlin(x: np.ndarray, got: np.ndarray, deriv: bool) -> Mistake | None:
    """The mistake behind the learner's nonlin(x, deriv) = `got`, or None.

    For deriv=True, x should be sigmoid outputs (between 0 and 1), as the
    training loop passes them.
    """
    x = np.asarray(x, dtype=float)
    got = np.asarray(got, dtype=float)
    if got.shape != x.shape or not np.isfinite(got).all():
        return None
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        right = engine.nonlin(x, deriv)
        if close(right, got, RTOL, ATOL_NONLIN):   # nonlin values: the slope's tiny ends need the tiny atol
            return None
        for mistake_id, wrong in (_WRONG_SLOPE if deriv else _WRONG_SIGMOID):
            want = wrong(x)
            if np.isfinite(want).all() and close(want, got, RTOL, ATOL_NONLIN):
                return get(mistake_id)
    return None


# numpy 2.x says "only 0-dimensional arrays can be converted to Python scalars";
# numpy 1.x said "only length-1 arrays ..." / "only size-1 arrays ...".
_SCALAR_ONLY = re.compile(r"only (0-dimensional|length-1|size-1) arrays can be converted to Python scalars")
_SHAPES = re.compile(r"shapes \(.*\) and \(.*\) not aligned|operands could not be broadcast together"
                     r"|matmul: Input operand .* has a mismatch|non-broadcastable output operand")


def diagnose_exception(exc_type: str, message: str) -> Mistake | None:
    """The mistake behind an exception the learner's code raised (type name, message), or None.

    exc_type is the class name as the child process reported it, e.g. "TypeError".
    """
    name = exc_type.rsplit(".", 1)[-1]
    if name == "NotImplementedError":
        return get("not-written-yet")
    if name == "TypeError" and _SCALAR_ONLY.search(message):
        return get("math-exp")
    if name == "ValueError" and _SHAPES.search(message):
        return get("shapes-mismatch")
    if name == "NameError" and re.search(r"name '(np|numpy)' is not defined", message):
        return get("numpy-not-imported")
    if name == "NameError" and "name 'xrange' is not defined" in message:
        return get("python2-xrange")
    if name == "SyntaxError" and "Missing parentheses in call to 'print'" in message:
        return get("python2-print")
    return None
