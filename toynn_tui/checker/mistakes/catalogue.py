"""Every mistake the checker can name, in one table.

A `Mistake` is what a learner reads when a check fails: a stable id (it goes
into gradebooks, so never rename one, and never translate one), a short title
for class summaries, an explanation of what the code does wrong and a hint that
points at the line to look at without handing over the answer. The diagnose_*
functions (in mistakes.py and its siblings) only pick entries from this table;
a few entries carry a detail filled in at diagnosis time (e.g. the factor a
scaled update was multiplied by), via `with_detail`.

The table is built at import, before the language is known, so it holds the
English (marked with `N_` for the catalogue); `title`, `explanation` and `hint`
give it in the current language each time they are read.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from toynn_tui.i18n import N_, _, ngettext


@dataclass(frozen=True)
class Mistake:
    id: str                # stable kebab-case id, written into gradebooks
    title_msg: str         # short, for class summaries (English: the catalogue's message id)
    explanation_msg: str   # one or two plain sentences: what the code does wrong
    hint_msg: str          # what to look at or change, without the whole answer
    detail: str = ""       # what was measured at diagnosis, already in the learner's language
    # (title, explanation) in the words of one diagnosis, already in the learner's language
    words: tuple[str, str] | None = None

    @property
    def title(self) -> str:
        return self.words[0] if self.words else _(self.title_msg)

    @property
    def explanation(self) -> str:
        said = self.words[1] if self.words else _(self.explanation_msg)
        return f"{said} {self.detail}" if self.detail else said

    @property
    def hint(self) -> str:
        return _(self.hint_msg)


def with_detail(mistake: Mistake, detail: str) -> Mistake:
    """The same mistake (same id) with one more sentence of what was measured (in the learner's language)."""
    return replace(mistake, detail=f"{mistake.detail} {detail}" if mistake.detail else detail)


_ENTRIES = [
    # -- nonlin (exercise 1, and the nonlin inside exercises 2-3) -----------
    Mistake("slope-from-input", N_("slope computed from the input, not the output"),
            N_("With deriv=True your nonlin runs the sigmoid again and returns s(x)*(1-s(x)), "
               "but x is already a sigmoid output, so the slope is squashed twice."),
            N_("In the deriv branch, x is the output s; the slope there is just s times (1 - s).")),
    Mistake("deriv-ignored", N_("deriv=True still returns the sigmoid"),
            N_("Asked for the slope (deriv=True), your nonlin returns the sigmoid of x instead."),
            N_("Check that the deriv test runs before the sigmoid and returns its own value.")),
    Mistake("deriv-inverted", N_("deriv branches swapped"),
            N_("Asked for the plain sigmoid (deriv=False), your nonlin returns the slope x*(1-x)."),
            N_("Look at the condition on deriv: the slope belongs to deriv=True only.")),
    Mistake("sigmoid-sign", N_("sigmoid with the wrong sign"),
            N_("Your sigmoid computes 1/(1+exp(x)), which falls as x grows; the sigmoid rises."),
            N_("Look at the sign inside the exponential.")),
    Mistake("sigmoid-formula", N_("sigmoid formula mistyped"),
            N_("Your sigmoid does not give values between 0 and 1 that rise with x; a term of "
               "the formula is off."),
            N_("The sigmoid is one over (one plus e to the minus x); compare it term by term.")),
    Mistake("slope-formula", N_("slope formula mistyped"),
            N_("With deriv=True your nonlin returns something other than x*(1-x) for a sigmoid output x."),
            N_("Write the slope as the output times one minus the output, and check the signs.")),
    Mistake("math-exp", N_("math.exp used on an array"),
            N_("math.exp, like every function of the math module, takes one number, not a numpy array."),
            N_("Use numpy's exponential, which works on every element of an array at once.")),
    # -- starting weights ----------------------------------------------------
    Mistake("draw-order-reversed", N_("weights drawn last layer first (syn1 before syn0)"),
            N_("Your last weight matrix holds the first numbers the seed gives: the weights are drawn in the "
               "reverse layer order, so every starting weight differs from the expected ones."),
            N_("After seeding, draw syn0 first, then syn1 (and so on, in layer order).")),
    Mistake("not-seeded", N_("not seeded, or another random generator"),
            N_("Your starting weights have the right shapes and range but are not the numbers "
               "np.random.seed(seed) followed by np.random.random gives."),
            N_("Call np.random.seed(seed) inside train, before drawing, and draw with np.random.random.")),
    Mistake("seeded-twice", N_("seeded again before each draw"),
            N_("You call np.random.seed before each weight, so syn1 starts with the same numbers as syn0."),
            N_("Seed once, then draw syn0 and syn1 one after the other.")),
    Mistake("transposed", N_("weights transposed"),
            N_("Your weights have their rows and columns the wrong way round: drawn with the "
               "shape reversed, or returned transposed."),
            N_("syn0 maps 3 inputs to the next layer: it has one row per input.")),
    Mistake("flattened", N_("weights flattened or reshaped"),
            N_("Your weights hold the right numbers in the right order but not in the expected shape."),
            N_("Draw each weight matrix with its 2-D shape, (rows, columns), and keep that shape.")),
    Mistake("wrong-range", N_("starting weights drawn from the wrong range"),
            N_("Your starting weights come from the right seed but not from the range -1 to 1 "
               "that 2*np.random.random(shape) - 1 gives."),
            N_("np.random.random gives numbers from 0 to 1; stretch and shift them to -1 to 1.")),
    # -- one training step ---------------------------------------------------
    Mistake("no-update", N_("weights unchanged after one iteration"),
            N_("After one iteration your weights are still the starting ones: either the loop "
               "runs one time fewer than asked (e.g. range(1, iterations)), or the updates never "
            "reach the weights you return."),
            N_("Check the loop's range and that each update line changes the weight itself (+=).")),
    Mistake("wrong-sign", N_("update with the wrong sign"),
            N_("Your update moves the weights away from the target instead of towards it: "
               "the error or the update has its sign flipped."),
            N_("The error is target minus output (y - l), and the update is added (+=).")),
    Mistake("slope-missing", N_("slope missing from the delta"),
            N_("Your delta is just the error: it is never multiplied by the sigmoid's slope."),
            N_("A layer's delta is its error times nonlin(layer, deriv=True).")),
    Mistake("slope-of-pre-sigmoid", N_("slope taken before the sigmoid"),
            N_("You take the slope of the value before the sigmoid (the dot product), but nonlin's "
               "slope expects the sigmoid's output."),
            N_("Pass the layer itself (l1, l2), not the dot product, to nonlin(..., deriv=True).")),
    Mistake("slope-of-wrong-layer", N_("slope of the wrong layer"),
            N_("l1's delta multiplies l1's error by the slope at l2 instead of the slope at l1."),
            N_("Each layer's delta uses the slope of that same layer.")),
    Mistake("error-not-delta", N_("error instead of delta sent back through syn1"),
            N_("l1's error is computed from l2's error rather than l2's delta, so the output's slope "
               "is left out of what the hidden layer learns."),
            N_("Send l2_delta, not l2_error, back through syn1 (transposed).")),
    Mistake("hidden-error-from-y", N_("hidden layer's error taken from y"),
            N_("You compute l1's error as y - l1, as if the hidden layer had a target of its own."),
            N_("The hidden layer has no target: its error is l2_delta sent back through syn1.")),
    Mistake("hidden-sigmoid-missing", N_("no sigmoid on the hidden layer"),
            N_("Your l1 is the plain dot product of l0 and syn0, without the sigmoid."),
            N_("Every layer after l0 goes through nonlin.")),
    Mistake("first-layer-frozen", N_("first layer never updated"),
            N_("syn1 is updated correctly but syn0 never changes."),
            N_("After syn1's update, also add l0 transposed times l1_delta to syn0.")),
    Mistake("second-layer-frozen", N_("second layer never updated"),
            N_("syn0 is updated correctly but syn1 never changes."),
            N_("Also add l1 transposed times l2_delta to syn1.")),
    Mistake("syn1-updated-first", N_("syn1 updated before l1's error is computed"),
            N_("You change syn1 before sending l2's delta back through it, so l1's error uses "
               "the new syn1 instead of the one that made this prediction."),
            N_("Compute l1_error (and l1_delta) before the line that changes syn1.")),
    Mistake("per-example-updates", N_("one example at a time"),
            N_("You update the weights after each example in turn; this exercise updates once "
               "per iteration, from all four examples together."),
            N_("Use the whole X (all rows) in one pass per iteration, without an inner loop over rows.")),
    Mistake("scaled-update", N_("update scaled (learning rate or averaging)"),
            N_("Your update is the right direction times a constant: a learning rate, or the "
               "mean over the examples instead of the sum."),
            N_("Add the full product (no factor, no dividing by the number of examples).")),
    # -- whole runs ----------------------------------------------------------
    Mistake("one-iteration-too-many", N_("one iteration too many"),
            N_("Your weights are what one more update than asked would give."),
            N_("Check the loop runs exactly `iterations` times: range(iterations).")),
    Mistake("one-iteration-too-few", N_("one iteration too few"),
            N_("Your weights are what one update fewer than asked would give."),
            N_("Check the loop runs exactly `iterations` times: range(iterations).")),
    Mistake("ignores-iterations", N_("iterations argument ignored"),
            N_("Your train always runs its own fixed number of updates, whatever `iterations` says."),
            N_("Loop over range(iterations), the argument, not a number written in the loop.")),
    Mistake("ignores-seed", N_("seed argument ignored"),
            N_("Your train always starts from the same weights, whatever `seed` says."),
            N_("Pass the seed argument to np.random.seed, not a number written in the code.")),
    # -- found by the checker itself (no diagnose_* function) ----------------
    Mistake("returns-none", N_("returns None"),
            N_("Your function returns nothing (None)."),
            N_("End the function with a return of the value(s) it computed.")),
    Mistake("wrong-shape", N_("wrong shape or count"),
            N_("Your function returns arrays of the wrong shape, or the wrong number of them."),
            N_("Compare what you return with the exercise's contract: which arrays, which shapes.")),
    Mistake("not-written-yet", N_("not written yet"),
            N_("The function still raises NotImplementedError: it is the stub."),
            N_("Replace the `raise NotImplementedError` line with your code.")),
    # the words of a diagnosis name the arrays that changed (`changed_in_place`); these are the class summary's
    Mistake("mutates-inputs", N_("changes its inputs in place"),
            N_("Your function changes an array it was given, in place."),
            N_("Leave the inputs alone; work on new arrays (l0 = X is fine, X += ... is not).")),
    Mistake("not-finite", N_("NaN or infinity"),
            N_("Your function returns NaN or infinite values."),
            N_("Look for a division by zero or an update that grows without end.")),
    Mistake("shapes-mismatch", N_("arrays of mismatched shapes combined"),
            N_("numpy refused to combine two arrays whose shapes do not fit (a dot product or "
               "an elementwise operation)."),
            N_("Print the .shape of each array on the failing line; a missing or extra .T is the usual cause.")),
    Mistake("numpy-not-imported", N_("numpy not imported"),
            N_("The name np is used but numpy was never imported as np."),
            N_("Add `import numpy as np` at the top of the file.")),
    # the article is Python 2: its habits are mistakes in Python 3
    Mistake("python2-xrange", N_("xrange is Python 2"),
            N_("The article's `xrange` does not exist in Python 3."),
            N_("Use range(iterations): in Python 3 it is already lazy, as xrange was.")),
    Mistake("python2-print", N_("print statement is Python 2"),
            N_("`print \"...\"` (without parentheses) is the article's Python 2; Python 3 cannot parse it."),
            N_("Call print as a function: print(\"Error:\", value).")),
    Mistake("float32", N_("float32 arrays"),
            N_("Your weights are float32: every step rounds to about 7 digits, so the results drift from "
               "the article's (float64) after a few thousand iterations."),
            N_("Leave the dtype alone: np.random.random gives float64, keep it (no .astype(np.float32), "
               "no dtype=np.float32).")),
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
    # one whole sentence per function: a translation cannot be glued from fragments
    said = " ".join(ngettext("Your {fn} changes the {names} it was given, in place: "
                             "the caller's own array changes too.",
                             "Your {fn} changes the {names} it was given, in place: "
                             "the caller's own arrays change too.", len(ns)).format(fn=fn, names=joined(ns))
                    for fn, ns in changed.items())
    title = _("changes {names} in place").format(names=joined(names))
    return replace(MISTAKES["mutates-inputs"], words=(title, said))


def joined(names: list[str]) -> str:
    """Names in words: x; X and y; X, y and syn0."""
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
