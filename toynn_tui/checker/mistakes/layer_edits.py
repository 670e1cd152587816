"""More step mistakes as edits of a spec's lines: the classics on every layer, and the options' own.

`edits.EDITS` holds one edit per mistake where the mistake sits on one line of
every net. The ones here are made per layer of the spec at hand (a slope
missing from *this* hidden delta, *this* weight updated with the wrong sign),
plus mistakes of the options learners made when they wrote the rungs from their
contracts: steps averaged, the L2 pull outside alpha, a new permutation every
update, the step clipped instead of the delta, p read as the keep chance... The
trace names one only when replaying it from the reference's own state gives the
learner's value on that line (`checker.rungtrace`).
"""
from __future__ import annotations

import re

from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail
from toynn_tui.checker.mistakes.edits import Edit, before, drop, sub
from toynn_tui.engine import Line, Spec
from toynn_tui.i18n import N_, _


def _m(id, title, explanation, hint):
    return Mistake(id, title, explanation, hint)


NEW = [
    _m("frozen-layer", N_("a weight matrix never updated"),
       N_("No line of your loop moves one of the weight matrices: it keeps its starting values."),
       N_("Every weight matrix moves once per update, by alpha times its layer's gradient.")),
    _m("decay-outside-alpha", N_("L2 pull outside the alpha"),
       N_("You subtract lam * syn after the alpha step instead of inside it: the decay is not scaled by alpha."),
       N_("syn += alpha * (gradient - lam * syn): the L2 term is part of the step.")),
    _m("decay-missing", N_("a weight not decayed"),
       N_("One weight matrix gets no L2 pull: every weight matrix is regularised, only the biases are not."),
       N_("Subtract lam times that weight inside its step too.")),
    _m("reshuffle-every-update", N_("a new permutation every update"),
       N_("You draw a new order for every mini-batch; the contract draws one per epoch, when i % batches == 0."),
       N_("Draw the permutation only at the start of an epoch and take the batch's rows from it.")),
    _m("clip-step", N_("the weight step clipped instead of the delta"),
       N_("You clip the step that moves the weights; the contract trims each delta where it is made."),
       N_("Wrap each delta in np.clip(..., -clip, clip) and leave the steps as they come.")),
    _m("clip-missing", N_("a delta not clipped"),
       N_("One of your deltas is not trimmed to [-clip, clip]; the contract clips every delta."),
       N_("Each delta is np.clip(error * slope, -clip, clip).")),
    _m("dropout-p-as-keep", N_("p read as the chance to keep a unit"),
       N_("Your mask keeps a unit with chance p and scales by 1/p; p is the chance to DROP a unit."),
       N_("Keep a unit when its draw is >= p, and scale the kept ones by 1 / (1 - p).")),
    _m("dropout-step-unmasked", N_("a step from the unmasked layer"),
       N_("A weight's step uses the hidden layer before its dropout mask; the forward pass used the masked one."),
       N_("The step of the weights above a dropped layer is l1d.T.dot(delta), with the mask applied.")),
    _m("momentum-times-gradient", N_("momentum multiplies the gradient too"),
       N_("Your velocity is momentum * (v + gradient); the contract keeps the whole gradient: momentum * v + gradient."),
       N_("v = momentum * v + gradient, then the weight moves by alpha * v.")),
    _m("bn-ddof", N_("variance with ddof=1"),
       N_("Your batch variance divides by n - 1; batch norm's variance divides by the batch size (numpy's default)."),
       N_("Use z.var(axis=0), without ddof.")),
    _m("bn-scale-not-learned", N_("gamma or beta never updated"),
       N_("Batch norm's scale or shift keeps its starting value: no line of the loop moves it."),
       N_("After the deltas: gamma1 += alpha * (l1_delta * zhat1).sum(axis=0); beta1 += alpha * l1_delta.sum(axis=0).")),
    _m("bn-stats-whole-x", N_("batch norm statistics from the whole X"),
       N_("Your mean and variance come from all of X, not from this update's mini-batch."),
       N_("Normalise z1 with z1.mean(axis=0) and z1.var(axis=0) of the batch's own rows.")),
    _m("epochs-not-updates", N_("each iteration runs a whole epoch"),
       N_("Your loop makes one pass over every mini-batch per iteration; the contract's iteration is ONE update "
          "on one mini-batch, so `iterations` counts updates, not epochs."),
       N_("One loop, for i in range(iterations): take batch i % batches of the current epoch's order.")),
    _m("alpha-missing-on-bias", N_("alpha missing from a bias step"),
       N_("A bias moves by its summed delta without alpha, while the weights' steps are scaled."),
       N_("Scale every bias step by alpha too.")),
]
MISTAKES = {m.id: m for m in NEW}


def _pre(lines: tuple[Line, ...], j: int) -> str | None:
    """What layer j's sigmoid is applied to, as its line writes it (`np.dot(l0, syn0)`)."""
    line = next((ln for ln in lines if ln.target == f"l{j}"), None)
    m = re.fullmatch(rf"l{j} = nonlin\((.*)\)", line.text) if line else None
    return m.group(1) if m else None


def _slope(j: int, spec: Spec) -> str:
    return rf"nonlin\(l{j}, (deriv=)?True\)"


def _per_layer(spec: Spec) -> list[Edit]:
    out = []
    for j in range(1, spec.depth + 1):
        w, top = f"syn{j - 1}", j == spec.depth
        slope = _slope(j, spec)
        if not top:   # the output layer's are edits.EDITS' own
            out.append(Edit(get("slope-missing"), lambda s: True,
                            lambda s, L, j=j, sl=slope: sub(L, f"l{j}_delta", rf" \* {sl}", "")))
            out.append(Edit(get("hidden-sigmoid-missing"), lambda s: True,
                            lambda s, L, j=j: sub(L, f"l{j}", rf"^l{j} = nonlin\((.*)\)$", rf"l{j} = \1")))
            out.append(Edit(get("error-not-delta"), lambda s: True,
                            lambda s, L, j=j: sub(L, f"l{j}_error", rf"l{j + 1}_delta\.dot", f"l{j + 1}_error.dot")))
            target = "y[rows]" if spec.batch_size is not None else "y"
            out.append(Edit(get("hidden-error-from-y"), lambda s: True,
                            lambda s, L, j=j, t=target: sub(L, f"l{j}_error", r"= .*$", f"= {t} - l{j}")))
            out.append(Edit(get("slope-of-wrong-layer"), lambda s: True,
                            lambda s, L, j=j, sl=slope: sub(L, f"l{j}_delta", sl, f"nonlin(l{j + 1}, deriv=True)")))
            out.append(Edit(get("syn1-updated-first"), lambda s: True,
                            lambda s, L, j=j: before(L, rf"(v{j}|syn{j})", f"l{j}_error")))
        out.append(Edit(get("slope-of-pre-sigmoid"), lambda s: True,
                        lambda s, L, j=j, sl=slope: sub(L, f"l{j}_delta", sl, f"nonlin({_pre(L, j)}, deriv=True)")
                        if _pre(L, j) else L))
        out.append(Edit(get("slope-from-input"), lambda s: True,
                        lambda s, L, j=j, sl=slope: sub(L, f"l{j}_delta", sl, f"nonlin(nonlin(l{j}), deriv=True)")))
        out.append(Edit(get("wrong-sign"), lambda s: True,
                        lambda s, L, w=w: sub(L, w, rf"^{w} \+= ", f"{w} -= ")))
        frozen = (get("first-layer-frozen") if j == 1 else get("second-layer-frozen") if spec.depth == 2
                  else MISTAKES["frozen-layer"])
        out.append(Edit(frozen, lambda s: True, lambda s, L, w=w: drop(L, w)))
        if spec.lam is not None:
            out.append(Edit(MISTAKES["decay-missing"], lambda s: True,
                            lambda s, L, w=w: sub(sub(L, w, rf"\((.*) - lam \* {w}\)$", r"\1"),
                                                  f"v{j - 1}", rf" - lam \* {w}$", ""), strict=True))
        if spec.dropout is not None and j - 1 in spec.hidden:
            out.append(Edit(MISTAKES["dropout-step-unmasked"], lambda s: True,
                            lambda s, L, j=j: sub(L, rf"(v|syn){j - 1}", rf"\bl{j - 1}d\.T", f"l{j - 1}.T")))
        if spec.clip is not None:
            out.append(Edit(MISTAKES["clip-missing"], lambda s: True,
                            lambda s, L, j=j: sub(L, f"l{j}_delta", r"np\.clip\((.*), -clip, clip\)$", r"\1"),
                            strict=True))
    out += _every_layer(spec)
    if spec.depth > 2:   # the same mistake on every hidden layer at once (a loop over the layers)
        hidden = "|".join(f"l{j}_delta" for j in spec.hidden)
        errors = "|".join(f"l{j}_error" for j in spec.hidden)
        out.append(Edit(get("slope-missing"), lambda s: True,
                        lambda s, L: sub(L, f"({hidden})", r" \* nonlin\(l\d+, (deriv=)?True\)", "")))
        out.append(Edit(get("error-not-delta"), lambda s: True,
                        lambda s, L: sub(L, f"({errors})", r"(l\d+)_delta\.dot", r"\1_error.dot")))
    return out


def _every_layer(spec: Spec) -> list[Edit]:
    """One slope mistake made on every layer at once (a learner who writes the slope wrong writes it
    wrong everywhere), and every weight moved with -=."""
    def slopes(how):
        def change(s, L):
            for j in range(1, s.depth + 1):
                sl, pre = _slope(j, s), _pre(L, j)
                new = {"none": "", "pre": f"nonlin({pre}, deriv=True)" if pre else None,
                       "twice": f"nonlin(nonlin(l{j}), deriv=True)"}[how]
                if new is not None:
                    L = sub(L, f"l{j}_delta", rf" \* {sl}" if how == "none" else sl, new)
            return L
        return change

    def minus(s, L):
        for j in range(s.depth):
            L = sub(L, f"syn{j}", rf"^syn{j} \+= ", f"syn{j} -= ")
        return L
    if spec.depth < 2:
        return []
    return [Edit(get("slope-missing"), lambda s: True, slopes("none")),
            Edit(get("slope-of-pre-sigmoid"), lambda s: True, slopes("pre")),
            Edit(get("slope-from-input"), lambda s: True, slopes("twice")),
            Edit(get("wrong-sign"), lambda s: True, minus)]


def _averaged(spec: Spec) -> list[Edit]:
    """Steps divided by the number of examples: the weights' only, or every parameter's."""
    averaged = with_detail(get("scaled-update"), _("Your steps are divided by the number of examples (a mean, "
                                                    "not the sum the contract's gradient is)."))
    steps = r"(syn|b|gamma|beta)\d+" if spec.momentum is None else r"(v|b|gamma|beta)\d+"
    weights = r"syn\d+" if spec.momentum is None else r"v\d+"

    def divide(pattern):
        def change(s, L):
            if s.lam is not None:   # the gradient divided, the L2 pull as it is
                out = sub(L, pattern, r"^(syn\d+) \+= alpha \* \((.*) - lam \* (syn\d+)\)$",
                          r"\1 += alpha * ((\2) / len(l0) - lam * \3)")
                out = sub(out, pattern, r"^(v\d+) = (momentum \* v\d+) \+ (.*) - lam \* (syn\d+)$",
                          r"\1 = \2 + (\3) / len(l0) - lam * \4")
            else:
                out = sub(L, pattern, r"^(syn\d+) \+= (alpha \* )?(.*)$", r"\1 += \2(\3) / len(l0)")
                out = sub(out, pattern, r"^(v\d+) = (momentum \* v\d+) \+ (.*)$", r"\1 = \2 + (\3) / len(l0)")
            return sub(out, pattern, r"^((b|gamma|beta)\d+) \+= (alpha \* )?(.*)$", r"\1 += \3(\4) / len(l0)")
        return change
    return [Edit(averaged, lambda s: True, divide(weights)), Edit(averaged, lambda s: True, divide(steps))]


def _options(spec: Spec) -> list[Edit]:
    out = []
    if spec.lam is not None and spec.momentum is None:
        out.append(Edit(MISTAKES["decay-outside-alpha"], lambda s: True,
                        lambda s, L: sub(L, r"syn\d+", r"\+= alpha \* \((.*) - lam \* (syn\d+)\)$",
                                         r"+= alpha * \1 - lam * \2")))
    if spec.batch_size is not None:
        out.append(Edit(MISTAKES["reshuffle-every-update"], lambda s: True,
                        lambda s, L: sub(L, "order", r"^if i % batches == 0: ", "")))
    if spec.clip is not None:
        out.append(Edit(MISTAKES["clip-step"], lambda s: True,
                        lambda s, L: sub(sub(L, r"l\d+_delta", r"np\.clip\((.*), -clip, clip\)$", r"\1"),
                                         r"syn\d+", r"^(syn\d+) \+= (.*)$", r"\1 += np.clip(\2, -clip, clip)"),
                        strict=True))   # it says the deltas are unclipped: a clipped delta of the learner's refutes it
        out.append(Edit(MISTAKES["clip-missing"], lambda s: True,
                        lambda s, L: sub(L, r"l\d+_delta", r"np\.clip\((.*), -clip, clip\)$", r"\1"), strict=True))
    if spec.dropout is not None:
        out.append(Edit(MISTAKES["dropout-p-as-keep"], lambda s: True,
                        lambda s, L: sub(L, r"d\d+", r"\(np\.random\.random\((.*)\) >= p\) / \(1 - p\)",
                                         r"(np.random.random(\1) < p) / p")))
    if spec.momentum is not None:
        out.append(Edit(MISTAKES["momentum-times-gradient"], lambda s: True,
                        lambda s, L: sub(L, r"v\d+", r"^(v\d+) = momentum \* (v\d+) \+ (.*)$",
                                         r"\1 = momentum * (\2 + \3)")))
    if spec.batchnorm:
        out.append(Edit(MISTAKES["bn-ddof"], lambda s: True,
                        lambda s, L: sub(L, r"std\d+", r"var\(axis=0\)", "var(axis=0, ddof=1)")))
        for names in (r"(gamma|beta)\d+", r"gamma\d+", r"beta\d+"):
            out.append(Edit(MISTAKES["bn-scale-not-learned"], lambda s: True, lambda s, L, n=names: drop(L, n)))
        if spec.batch_size is not None:
            out.append(Edit(MISTAKES["bn-stats-whole-x"], lambda s: True, _whole_x))
    if spec.bias and spec.alpha is not None:
        out.append(Edit(MISTAKES["alpha-missing-on-bias"], lambda s: True,
                        lambda s, L: sub(L, r"b\d+", r"\+= alpha \* ", "+= ")))
    return out


def _whole_x(spec: Spec, lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Batch norm's mean and variance of z1 taken over every row of X instead of the batch's."""
    z = next((ln for ln in lines if ln.target == "z1"), None)
    if z is None:
        return lines
    whole = "(" + re.sub(r"\bl0\b", "X", z.text.split(" = ", 1)[1]) + ")"
    out = sub(lines, "std1", r"z1\.var", f"{whole}.var")
    return sub(out, "zhat1", r"z1\.mean", f"{whole}.mean")


def for_spec(spec: Spec) -> list[Edit]:
    """Every edit of this module that applies to `spec`."""
    return _per_layer(spec) + _averaged(spec) + _options(spec)
