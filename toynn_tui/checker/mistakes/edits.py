"""Step mistakes as edits of a spec's line table: one mutation serves every rung.

Each `Edit` names a classic mistake and says how it changes the engine's loop
lines (`engine.lines`): replace a piece of text in the lines writing some
names, drop a line, or move one. The checker replays the edited table with
the engine's own `Net` from the learner's starting weights (and the same
draws); when that reproduces the learner's numbers, the mistake is named, and
the edited lines say which of the learner's lines to look at. The same edits
generate the wrong-file fixtures of the tests (a solution plus a mutation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from toynn_tui.checker.mistakes.catalogue import MISTAKES, Mistake, get
from toynn_tui.engine import Line, Spec, loop
from toynn_tui.i18n import N_


def sub(lines: tuple[Line, ...], target: str, old: str, new: str) -> tuple[Line, ...]:
    """Replace `old` by `new` (a regex and its replacement) in every line whose target matches `target`."""
    out = []
    for line in lines:
        if re.fullmatch(target, line.target):
            text = re.sub(old, new, line.text)
            line = Line(text, line.writes, line.blank, line.note)
        out.append(line)
    return tuple(out)


def drop(lines: tuple[Line, ...], target: str) -> tuple[Line, ...]:
    return tuple(line for line in lines if not re.fullmatch(target, line.target))


def before(lines: tuple[Line, ...], target: str, anchor: str) -> tuple[Line, ...]:
    """The lines writing `target` moved to just before the first line writing `anchor`."""
    moving = [line for line in lines if re.fullmatch(target, line.target)]
    rest = [line for line in lines if not re.fullmatch(target, line.target)]
    at = next(i for i, line in enumerate(rest) if re.fullmatch(anchor, line.target))
    return tuple(rest[:at] + moving + rest[at:])


@dataclass(frozen=True)
class Edit:
    mistake: Mistake
    applies: Callable[[Spec], bool]
    change: Callable[[Spec, tuple], tuple]
    # names a learner computes once before the loop, where this mistake is made when the file has
    # such a line (`batches = len(X) // batch_size`): the report points there, not at the loop
    at: tuple[str, ...] = ()
    # a mistake that says something is missing (a decay, a clip): it is not the learner's when what it
    # says is missing shows up in the weights the learner then moves (the pull outside the velocity)
    strict: bool = False

    def lines(self, spec: Spec) -> tuple[Line, ...]:
        return self.change(spec, loop(spec))

    def changed(self, spec: Spec) -> list[str]:
        """The names whose lines the edit changes (where to look in the learner's file)."""
        old = {(line.target, line.text) for line in loop(spec)}
        new = self.lines(spec)
        names = [line.target for line in new if (line.target, line.text) not in old]
        names += [line.target for line in loop(spec) if line.target not in {n.target for n in new}]
        if not names:   # a move: the lines that changed place
            old_order = [line.target for line in loop(spec)]
            names = [line.target for i, line in enumerate(new) if old_order[i] != line.target][:1]
        return list(dict.fromkeys(names))


def _m(id, title, explanation, hint):
    return Mistake(id, title, explanation, hint)


def _out(spec):
    return f"l{spec.depth}"


ALWAYS = lambda spec: True  # noqa: E731
EDITS: list[Edit] = [
    # -- any net ---------------------------------------------------------------
    # (the classic mistakes keep the ids of the one table, catalogue.py: one mistake, one id)
    Edit(get("slope-missing"), ALWAYS, lambda s, L: sub(L, _out(s) + "_delta", r" \* nonlin\(l\d, (deriv=)?True\)", "")),
    Edit(get("wrong-sign"), ALWAYS, lambda s, L: sub(L, _out(s) + "_error", r"= (.*) - (l\d)$", r"= \2 - \1")),
    # -- alpha -----------------------------------------------------------------
    Edit(_m("alpha-one-layer", N_("alpha on one layer only"),
            N_("Only syn0's update is multiplied by alpha: the other weights still take whole steps."),
            N_("Every weight update is scaled by alpha, the top layer's too.")),
         lambda s: s.alpha is not None, lambda s, L: sub(L, f"syn{s.depth - 1}", r"alpha \* ", "")),
    Edit(_m("alpha-bottom-missing", N_("alpha missing from the first layer"),
            N_("syn0's update is not multiplied by alpha, while the layers above are."),
            N_("Scale syn0's update by alpha too.")),
         lambda s: s.alpha is not None and s.depth > 1, lambda s, L: sub(L, "syn0", r"alpha \* ", "")),
    Edit(_m("alpha-twice", N_("alpha on the error and on the update"),
            N_("You scale the error by alpha and the update again: the step is alpha squared times the gradient."),
            N_("Apply alpha once, in the weight updates.")),
         lambda s: s.alpha is not None, lambda s, L: sub(L, _out(s) + "_error", r"= (.*)$", r"= alpha * (\1)")),
    # -- bias units ------------------------------------------------------------
    Edit(_m("bias-not-updated", N_("biases never updated"),
            N_("Your biases stay at zero: no line of the loop moves them."),
            N_("Each bias moves by alpha times the sum of its layer's deltas over the examples.")),
         lambda s: s.bias, lambda s, L: drop(L, r"b\d+")),
    Edit(_m("bias-not-summed", N_("bias gradient not summed over examples"),
            N_("Your bias step uses one delta per example without summing them, so its shape cannot "
               "fit the bias (or only some examples count)."),
            N_("A bias is shared by every example: add up the deltas over axis 0.")),
         lambda s: s.bias, lambda s, L: sub(L, r"b\d+", r"\.sum\(axis=0\)", "")),
    Edit(_m("bias-mean", N_("bias gradient averaged, not summed"),
            N_("Your bias step averages the deltas over the examples, while the weights' steps sum them."),
            N_("Use .sum(axis=0), like the weights' l.T.dot(delta) sums over the examples.")),
         lambda s: s.bias, lambda s, L: sub(L, r"b\d+", r"\.sum\(axis=0\)", ".mean(axis=0)")),
    # -- mini-batches ----------------------------------------------------------
    Edit(_m("no-reshuffle", N_("shuffled once, not every epoch"),
            N_("You shuffle the examples before the first epoch only; every later epoch repeats its batches."),
            N_("Draw a new permutation at the start of every epoch (i % batches == 0).")),
         lambda s: s.batch_size is not None, lambda s, L: sub(L, "order", r"i % batches == 0", "i == 0")),
    Edit(_m("partial-batch-dropped", N_("last partial batch dropped"),
            N_("You count len(X) // batch_size batches per epoch, so the examples left over never train."),
            N_("Round the number of batches up: the last batch of an epoch may be smaller.")),
         lambda s: s.batch_size is not None,
         lambda s, L: sub(sub(L, "order", "batches", "(len(X) // batch_size)"), "rows", "batches",
                          "(len(X) // batch_size)"), at=("batches", "n_batches", "nb")),
    Edit(_m("shuffle-x-not-y", N_("X shuffled but not y"),
            N_("Your batch takes shuffled rows of X but the unshuffled rows of y: inputs and targets no longer match."),
            N_("Index y with the same rows as X.")),
         lambda s: s.batch_size is not None,
         lambda s, L: sub(L, r"l\d+_error", r"y\[rows\]", "y[(i % batches) * batch_size:(i % batches + 1) * batch_size]")),
    # -- delta trimming --------------------------------------------------------
    Edit(_m("clip-weights", N_("weights clipped instead of deltas"),
            N_("You clip the weights to [-clip, clip] after each update; it is the deltas that should be trimmed."),
            N_("Wrap each delta in np.clip(..., -clip, clip) and leave the weights free.")),
         lambda s: s.clip is not None,
         lambda s, L: sub(sub(L, r"l\d+_delta", r"np\.clip\((.*), -clip, clip\)$", r"\1"),
                          r"syn\d+", r"(syn\d+) \+= (.*)$", r"\1 = np.clip(\1 + \2, -clip, clip)"),
         strict=True),   # the deltas unclipped: a clipped delta of the learner's refutes it
    Edit(_m("clip-before-slope", N_("error clipped before the slope"),
            N_("You clip the error and then multiply by the slope; the trimmed value is the delta itself."),
            N_("Clip the product error * slope.")),
         lambda s: s.clip is not None,
         lambda s, L: sub(L, r"l\d+_delta", r"np\.clip\((l\d+_error) \* (.*), -clip, clip\)$",
                          r"np.clip(\1, -clip, clip) * \2"), strict=True),
    # -- L2 --------------------------------------------------------------------
    Edit(_m("decay-on-bias", N_("weight decay applied to the biases"),
            N_("Your biases shrink by lam too; L2 regularization penalises the weights only."),
            N_("Leave the - lam * ... term out of the bias updates.")),
         lambda s: s.lam is not None and s.bias,
         lambda s, L: sub(L, r"b\d+", r"(b\d+) \+= alpha \* (.*)$", r"\1 += alpha * (\2 - lam * \1)")),
    Edit(_m("decay-sign", N_("decay term with the wrong sign"),
            N_("You add lam times the weights instead of subtracting it: the weights grow instead of decaying."),
            N_("The L2 term pulls each weight toward 0: minus lam times the weight.")),
         lambda s: s.lam is not None, lambda s, L: sub(L, r"(syn|v)\d+", r"- lam \*", "+ lam *")),
    # -- dropout ---------------------------------------------------------------
    Edit(_m("dropout-no-rescale", N_("dropout mask not rescaled"),
            N_("Your mask keeps units with 1 instead of 1/(1-p), so the layer's output shrinks while training."),
            N_("Divide the kept units by (1 - p): inverted dropout.")),
         lambda s: s.dropout is not None, lambda s, L: sub(L, r"d\d+", r" / \(1 - p\)", " * 1.0")),
    Edit(_m("dropout-mask-reused", N_("one dropout mask for every iteration"),
            N_("You draw the dropout mask once and reuse it, so the same units are dropped every time."),
            N_("Draw a fresh mask in every iteration, after the forward pass reaches that layer.")),
         lambda s: s.dropout is not None, lambda s, L: sub(L, r"d\d+", r"^(d\d+) = ", r"if i == 0: \1 = ")),
    Edit(_m("dropout-not-in-backprop", N_("dropped units still get blame"),
            N_("Your backward pass sends error to the units the mask dropped; their error should be masked too."),
            N_("Multiply the hidden layer's error by the same mask.")),
         lambda s: s.dropout is not None, lambda s, L: sub(L, r"l\d+_error", r" \* d\d+$", "")),
    Edit(_m("dropout-keep-swapped", N_("keeps units with chance p"),
            N_("Your mask keeps a unit when the draw is below p, so it drops 1-p of them instead of p."),
            N_("Keep a unit when its draw is >= p.")),
         lambda s: s.dropout is not None, lambda s, L: sub(L, r"d\d+", ">= p", "< p")),
    # -- momentum --------------------------------------------------------------
    # (a velocity computed but never used gives the same numbers: one mistake, both causes named)
    Edit(_m("velocity-reset", N_("velocity not carried over"),
            N_("Your weights move by the gradient alone: the velocity starts from zero at every iteration, "
               "or it is computed but the weights do not move by it."),
            N_("Create each velocity once, before the loop; each iteration v = momentum * v + gradient, "
               "then the weight moves by alpha * v.")),
         lambda s: s.momentum is not None, lambda s, L: sub(L, r"v\d+", r"momentum \* v\d+ \+ ", "")),
    Edit(_m("momentum-average", N_("velocity as an average of gradients"),
            N_("Your velocity is momentum * v + (1 - momentum) * gradient; this contract adds the whole gradient."),
            N_("v = momentum * v + gradient, then the weight moves by alpha * v.")),
         lambda s: s.momentum is not None, lambda s, L: sub(L, r"v\d+", r"(momentum \* v\d+) \+ (.*)$",
                                                            r"\1 + (1 - momentum) * (\2)")),
    # -- batch norm ------------------------------------------------------------
    Edit(_m("bn-over-features", N_("normalised over features, not examples"),
            N_("You take the mean and variance of each example across its units; batch norm normalises each unit "
               "across the batch's examples (axis 0)."),
            N_("Use axis=0 for the batch's mean and variance.")),
         lambda s: s.batchnorm, lambda s, L: sub(sub(L, r"std\d+", r"var\(axis=0\)", "var(axis=1, keepdims=True)"),
                                                 r"zhat\d+", r"mean\(axis=0\)", "mean(axis=1, keepdims=True)")),
    Edit(_m("bn-no-eps", N_("no epsilon in the variance"),
            N_("You divide by the square root of the variance alone; the contract adds eps inside the root."),
            N_("np.sqrt(var + eps).")),
         lambda s: s.batchnorm, lambda s, L: sub(L, r"std\d+", r" \+ eps", "")),
    Edit(_m("bn-stats-as-constants", N_("backward pass ignores the batch statistics"),
            N_("Your delta through batch norm is delta * gamma / std: it treats the batch's mean and spread as "
               "constants, though they depend on every example."),
            N_("Subtract the batch mean of the delta and the zhat-weighted mean, as the contract writes it.")),
         lambda s: s.batchnorm, lambda s, L: sub(L, r"z\d+_delta", r"= \((.*?) - .*\) / (std\d+)$", r"= \1 / \2")),
    Edit(_m("bn-gamma-first", N_("gamma updated before its delta is used"),
            N_("You move gamma before computing the delta that goes back through it, so the blame uses the new scale."),
            N_("Compute every delta first, then update gamma and beta.")),
         lambda s: s.batchnorm, lambda s, L: before(L, r"gamma\d+", r"z\d+_delta")),
]

# Mistakes of a rung that are not edits of its loop: its starting draw, its shapes, its predict().
OTHERS = [
    _m("size-hard-coded", N_("a layer size hard-coded to 4"),
       N_("A weight has 4 rows or columns where the sizes you are given say otherwise."),
       N_("Take every shape from the sizes (or hidden) argument, not from the article's net.")),
    _m("depth-hard-coded", N_("a net written for one number of layers"),
       N_("Your train works for the contract's sizes but fails for a list of another length: the layers are "
          "written out one by one instead of in a loop over the sizes."),
       N_("Keep the weights in a list, one per pair of sizes, and loop over them forward and backward.")),
    _m("extra-params-drawn", N_("biases or batch norm parameters drawn at random"),
       N_("Only the weights are drawn; biases and shifts start at 0 and scales at 1."),
       N_("Start b and beta with np.zeros, gamma with np.ones.")),
    _m("dropout-at-prediction", N_("dropout applied when predicting"),
       N_("Your predict drops (or rescales) units; dropout is for training only, a prediction uses every unit."),
       N_("In predict, run the plain forward pass: no random mask.")),
]
CATALOGUE: dict[str, Mistake] = {m.id: m for m in [e.mistake for e in EDITS] + OTHERS if m.id not in MISTAKES}


def for_spec(spec: Spec) -> list[Edit]:
    """The edits that apply to `spec` and change its lines."""
    base = loop(spec)
    return [e for e in EDITS if e.applies(spec) and e.change(spec, base) != base]


def every(spec: Spec) -> list[Edit]:
    """`for_spec` and the per-layer and option edits of `layer_edits`, each change of the lines once:
    the library the value trace replays line by line (the whole-run diagnosis keeps `for_spec`)."""
    from toynn_tui.checker.mistakes import layer_edits   # it builds on this module's Edit
    base, seen, out = loop(spec), set(), []
    for e in for_spec(spec) + [e for e in layer_edits.for_spec(spec) if e.applies(spec)]:
        try:
            changed = e.change(spec, base)
        except (StopIteration, TypeError, re.error):   # an edit this spec's lines have no place for
            continue
        if changed != base and changed not in seen:
            seen.add(changed)
            out.append(e)
    return out
