"""Every mistake the checker can name, in one table.

A `Mistake` is what a learner reads when a check fails: a stable id (it goes
into gradebooks, so never rename one), a short title for class summaries, an
explanation of what the code does wrong and a hint that points at the line to
look at without handing over the answer. The diagnose_* functions (in
mistakes.py and its siblings) only pick entries from this table; a few
entries carry a detail filled in at diagnosis time (e.g. the factor a scaled
update was multiplied by), via `with_detail`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Mistake:
    id: str           # stable kebab-case id, written into gradebooks
    title: str        # short, for class summaries
    explanation: str  # one or two plain sentences: what the code does wrong
    hint: str         # what to look at or change, without the whole answer


def with_detail(mistake: Mistake, detail: str) -> Mistake:
    """The same mistake (same id) with one more sentence of what was measured."""
    return replace(mistake, explanation=f"{mistake.explanation} {detail}")


_ENTRIES = [
    # -- nonlin (exercise 1, and the nonlin inside exercises 2-3) -----------
    Mistake("slope-from-input", "slope computed from the input, not the output",
            "With deriv=True your nonlin runs the sigmoid again and returns s(x)*(1-s(x)), "
            "but x is already a sigmoid output, so the slope is squashed twice.",
            "In the deriv branch, x is the output s; the slope there is just s times (1 - s)."),
    Mistake("deriv-ignored", "deriv=True still returns the sigmoid",
            "Asked for the slope (deriv=True), your nonlin returns the sigmoid of x instead.",
            "Check that the deriv test runs before the sigmoid and returns its own value."),
    Mistake("deriv-inverted", "deriv branches swapped",
            "Asked for the plain sigmoid (deriv=False), your nonlin returns the slope x*(1-x).",
            "Look at the condition on deriv: the slope belongs to deriv=True only."),
    Mistake("sigmoid-sign", "sigmoid with the wrong sign",
            "Your sigmoid computes 1/(1+exp(x)), which falls as x grows; the sigmoid rises.",
            "Look at the sign inside the exponential."),
    Mistake("sigmoid-formula", "sigmoid formula mistyped",
            "Your sigmoid does not give values between 0 and 1 that rise with x; a term of "
            "the formula is off.",
            "The sigmoid is one over (one plus e to the minus x); compare it term by term."),
    Mistake("slope-formula", "slope formula mistyped",
            "With deriv=True your nonlin returns something other than x*(1-x) for a sigmoid output x.",
            "Write the slope as the output times one minus the output, and check the signs."),
    Mistake("math-exp", "math.exp used on an array",
            "math.exp, like every function of the math module, takes one number, not a numpy array.",
            "Use numpy's exponential, which works on every element of an array at once."),
    # -- starting weights ----------------------------------------------------
    Mistake("draw-order-reversed", "weights drawn last layer first (syn1 before syn0)",
            "Your last weight matrix holds the first numbers the seed gives: the weights are drawn in the "
            "reverse layer order, so every starting weight differs from the expected ones.",
            "After seeding, draw syn0 first, then syn1 (and so on, in layer order)."),
    Mistake("not-seeded", "not seeded, or another random generator",
            "Your starting weights have the right shapes and range but are not the numbers "
            "np.random.seed(seed) followed by np.random.random gives.",
            "Call np.random.seed(seed) inside train, before drawing, and draw with np.random.random."),
    Mistake("seeded-twice", "seeded again before each draw",
            "You call np.random.seed before each weight, so syn1 starts with the same numbers as syn0.",
            "Seed once, then draw syn0 and syn1 one after the other."),
    Mistake("transposed", "weights transposed",
            "Your weights have their rows and columns the wrong way round: drawn with the "
            "shape reversed, or returned transposed.",
            "syn0 maps 3 inputs to the next layer: it has one row per input."),
    Mistake("flattened", "weights flattened or reshaped",
            "Your weights hold the right numbers in the right order but not in the expected shape.",
            "Draw each weight matrix with its 2-D shape, (rows, columns), and keep that shape."),
    Mistake("wrong-range", "starting weights drawn from the wrong range",
            "Your starting weights come from the right seed but not from the range -1 to 1 "
            "that 2*np.random.random(shape) - 1 gives.",
            "np.random.random gives numbers from 0 to 1; stretch and shift them to -1 to 1."),
    # -- one training step ---------------------------------------------------
    Mistake("no-update", "weights unchanged after one iteration",
            "After one iteration your weights are still the starting ones: either the loop "
            "runs one time fewer than asked (e.g. range(1, iterations)), or the updates never "
            "reach the weights you return.",
            "Check the loop's range and that each update line changes the weight itself (+=)."),
    Mistake("wrong-sign", "update with the wrong sign",
            "Your update moves the weights away from the target instead of towards it: "
            "the error or the update has its sign flipped.",
            "The error is target minus output (y - l), and the update is added (+=)."),
    Mistake("slope-missing", "slope missing from the delta",
            "Your delta is just the error: it is never multiplied by the sigmoid's slope.",
            "A layer's delta is its error times nonlin(layer, deriv=True)."),
    Mistake("slope-of-pre-sigmoid", "slope taken before the sigmoid",
            "You take the slope of the value before the sigmoid (the dot product), but nonlin's "
            "slope expects the sigmoid's output.",
            "Pass the layer itself (l1, l2), not the dot product, to nonlin(..., deriv=True)."),
    Mistake("slope-of-wrong-layer", "slope of the wrong layer",
            "l1's delta multiplies l1's error by the slope at l2 instead of the slope at l1.",
            "Each layer's delta uses the slope of that same layer."),
    Mistake("error-not-delta", "error instead of delta sent back through syn1",
            "l1's error is computed from l2's error rather than l2's delta, so the output's slope "
            "is left out of what the hidden layer learns.",
            "Send l2_delta, not l2_error, back through syn1 (transposed)."),
    Mistake("hidden-error-from-y", "hidden layer's error taken from y",
            "You compute l1's error as y - l1, as if the hidden layer had a target of its own.",
            "The hidden layer has no target: its error is l2_delta sent back through syn1."),
    Mistake("hidden-sigmoid-missing", "no sigmoid on the hidden layer",
            "Your l1 is the plain dot product of l0 and syn0, without the sigmoid.",
            "Every layer after l0 goes through nonlin."),
    Mistake("first-layer-frozen", "first layer never updated",
            "syn1 is updated correctly but syn0 never changes.",
            "After syn1's update, also add l0 transposed times l1_delta to syn0."),
    Mistake("second-layer-frozen", "second layer never updated",
            "syn0 is updated correctly but syn1 never changes.",
            "Also add l1 transposed times l2_delta to syn1."),
    Mistake("syn1-updated-first", "syn1 updated before l1's error is computed",
            "You change syn1 before sending l2's delta back through it, so l1's error uses "
            "the new syn1 instead of the one that made this prediction.",
            "Compute l1_error (and l1_delta) before the line that changes syn1."),
    Mistake("per-example-updates", "one example at a time",
            "You update the weights after each example in turn; this exercise updates once "
            "per iteration, from all four examples together.",
            "Use the whole X (all rows) in one pass per iteration, without an inner loop over rows."),
    Mistake("scaled-update", "update scaled (learning rate or averaging)",
            "Your update is the right direction times a constant: a learning rate, or the "
            "mean over the examples instead of the sum.",
            "Add the full product (no factor, no dividing by the number of examples)."),
    # -- whole runs ----------------------------------------------------------
    Mistake("one-iteration-too-many", "one iteration too many",
            "Your weights are what one more update than asked would give.",
            "Check the loop runs exactly `iterations` times: range(iterations)."),
    Mistake("one-iteration-too-few", "one iteration too few",
            "Your weights are what one update fewer than asked would give.",
            "Check the loop runs exactly `iterations` times: range(iterations)."),
    Mistake("ignores-iterations", "iterations argument ignored",
            "Your train always runs its own fixed number of updates, whatever `iterations` says.",
            "Loop over range(iterations), the argument, not a number written in the loop."),
    Mistake("ignores-seed", "seed argument ignored",
            "Your train always starts from the same weights, whatever `seed` says.",
            "Pass the seed argument to np.random.seed, not a number written in the code."),
    # -- found by the checker itself (no diagnose_* function) ----------------
    Mistake("returns-none", "returns None",
            "Your function returns nothing (None).",
            "End the function with a return of the value(s) it computed."),
    Mistake("wrong-shape", "wrong shape or count",
            "Your function returns arrays of the wrong shape, or the wrong number of them.",
            "Compare what you return with the exercise's contract: which arrays, which shapes."),
    Mistake("not-written-yet", "not written yet",
            "The function still raises NotImplementedError: it is the stub.",
            "Replace the `raise NotImplementedError` line with your code."),
    # the words of a diagnosis name the arrays that changed (`changed_in_place`); these are the class summary's
    Mistake("mutates-inputs", "changes its inputs in place",
            "Your function changes an array it was given, in place.",
            "Leave the inputs alone; work on new arrays (l0 = X is fine, X += ... is not)."),
    Mistake("not-finite", "NaN or infinity",
            "Your function returns NaN or infinite values.",
            "Look for a division by zero or an update that grows without end."),
    Mistake("shapes-mismatch", "arrays of mismatched shapes combined",
            "numpy refused to combine two arrays whose shapes do not fit (a dot product or "
            "an elementwise operation).",
            "Print the .shape of each array on the failing line; a missing or extra .T is the usual cause."),
    Mistake("numpy-not-imported", "numpy not imported",
            "The name np is used but numpy was never imported as np.",
            "Add `import numpy as np` at the top of the file."),
    # the article is Python 2: its habits are mistakes in Python 3
    Mistake("python2-xrange", "xrange is Python 2",
            "The article's `xrange` does not exist in Python 3.",
            "Use range(iterations): in Python 3 it is already lazy, as xrange was."),
    Mistake("python2-print", "print statement is Python 2",
            "`print \"...\"` (without parentheses) is the article's Python 2; Python 3 cannot parse it.",
            "Call print as a function: print(\"Error:\", value)."),
    Mistake("float32", "float32 arrays",
            "Your weights are float32: every step rounds to about 7 digits, so the results drift from "
            "the article's (float64) after a few thousand iterations.",
            "Leave the dtype alone: np.random.random gives float64, keep it (no .astype(np.float32), "
            "no dtype=np.float32)."),
]

MISTAKES: dict[str, Mistake] = {m.id: m for m in _ENTRIES}
assert len(MISTAKES) == len(_ENTRIES), "duplicate mistake id"


def get(id: str) -> Mistake:
    """The mistake with this id (KeyError names the unknown id)."""
    try:
        return MISTAKES[id]
    except KeyError:
        raise KeyError(f"no mistake with id {id!r}") from None


def changed_in_place(changed: dict[str, list[str]]) -> Mistake:
    """mutates-inputs in the words of what changed, function -> its parameters changed:
    {"nonlin": ["x"]} -> "changes x in place", {"train": ["X", "y"]} -> "changes X and y in place"."""
    names = list(dict.fromkeys(n for ns in changed.values() for n in ns))
    said = ", and your ".join(f"{fn} changes the {joined(ns)} it was given" for fn, ns in changed.items())
    arrays = "arrays change" if len(names) > 1 else "array changes"
    return replace(MISTAKES["mutates-inputs"], title=f"changes {joined(names)} in place",
                   explanation=f"Your {said}, in place: the caller's own {arrays} too.")


def joined(names: list[str]) -> str:
    """Names in words: x; X and y; X, y and syn0."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
