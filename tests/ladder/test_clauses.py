"""Every clause of a rung's contract is exercised by some check: break the clause (an edit of the
spec's lines) and at least one call of the rung's plan gets other numbers than the reference's.

A clause no call sees is a wrong file that passes every check (a clip that never binds, a depth
never tried). All trusted-side: the engine runs the edited lines, no sandbox, no learner's file.
The edits are test data written here with `edits.sub`/`drop`/`before`, one per clause, derived
from the spec's options so that each rung's table is the union of its options' clauses; an edit
is applied to each call's own spec (another depth has other lines).
"""
from __future__ import annotations

import math
import re
from typing import Callable, NamedTuple

import numpy as np
import pytest

from toynn_tui import engine, ladder
from toynn_tui.checker import compare
from toynn_tui.checker.mistakes.edits import before, drop, sub
from toynn_tui.checker import secret
from toynn_tui.checker.rungs import Rung
from toynn_tui.checker.secret import Draw

RUNGS = [ex for ex in ladder.load() if ex.rung]
# Not line edits: a file whose shapes (hidden, sizes) or layers (len(sizes)) are written for the
# defaults only. Such a file cannot even run a call at other sizes: they are seen iff there is one.
DEPTH, WIDTHS = "depth", "widths"
SLOPE = r" \* nonlin\(l\d+, (deriv=)?True\)"
CLIPPED = r"np\.clip\((.*), -clip, clip\)$"
# train()'s keywords that the loop's lines read by the same name
OPTIONS = ("alpha", "clip", "lam", "p", "momentum", "batch_size")


class Clause(NamedTuple):
    name: str
    change: Callable | str   # (the call's spec, its lines) -> the lines breaking the clause; or DEPTH/WIDTHS


def _before_bn(spec: engine.Spec, j: int) -> bool:
    """b{j} sits right before a batch norm: the normalisation subtracts the batch mean, so b{j}
    changes nothing downstream and its step (the sum of z_delta, zero) is always 0."""
    return spec.batchnorm and j + 1 in spec.hidden


def _hard_wired(kw: str, value):
    """The option written as the defaults' number instead of the argument."""
    if kw == "batch_size":
        return lambda s, L: sub(sub(L, ".*", r"\bbatches\b", f"(-(-len(X) // {value}))"),
                                ".*", r"\bbatch_size\b", repr(value))
    return lambda s, L: sub(L, ".*", rf"(?<![\w.]){kw}\b", repr(value))   # not np.clip


def clauses(ex: ladder.Exercise) -> list[Clause]:
    """The rung's contract, clause by clause, each as the edit of the lines that breaks it."""
    spec = Rung(ex).spec
    k = spec.depth
    out: list[Clause] = []

    def c(name, change):
        out.append(Clause(name, change))

    # -- the sizes: from the arguments
    if "sizes" in ex.defaults:
        c("any depth: one weight matrix per pair of neighbouring sizes (not the defaults' layers written out)", DEPTH)
    c("the shapes come from the arguments (hidden or sizes), not the defaults' widths", WIDTHS)
    # -- the loop every rung shares
    c("the output's error is target - output", lambda s, L: sub(L, f"l{s.depth}_error", r"= (.*) - (l\d+)$", r"= \2 - \1"))
    for j in range(1, k + 1):
        c(f"l{j}_delta is l{j}'s error times the slope at l{j}", lambda s, L, j=j: sub(L, f"l{j}_delta", SLOPE, ""))
    for j in range(1, k):
        c(f"l{j}_error is the delta above sent back through syn{j}.T",
          lambda s, L, j=j: sub(L, f"l{j}_error", r"\bl(\d+)_delta\.dot", r"l\1_error.dot"))
    c("every delta before any weight moves",
      lambda s, L: before(L, rf"(v|syn){s.depth - 1}", f"l{s.depth - 1}_error"))
    for j in range(k):
        c(f"syn{j} moves every update", lambda s, L, j=j: drop(L, f"syn{j}"))
    # -- every option: the argument, not the defaults' value
    for kw, value in ex.defaults.items():
        if kw in OPTIONS:
            c(f"{kw} is the argument, not {value!r}", _hard_wired(kw, value))
    if spec.alpha is not None:
        for name in spec.param_names:
            if re.fullmatch(r"b\d+", name) and _before_bn(spec, int(name[1:])):
                continue
            c(f"alpha scales {name}'s step", lambda s, L, n=name: sub(L, n, r"alpha \* ", ""))
        c("alpha once: not on the error too",
          lambda s, L: sub(L, f"l{s.depth}_error", r"= (.*)$", r"= alpha * (\1)"))
    if spec.bias:
        for j in range(k):
            if _before_bn(spec, j):
                continue   # no effect at all (test below); the contract says why
            c(f"b{j} is added to layer {j + 1}'s input", lambda s, L, j=j: sub(L, rf"[lz]{j + 1}", rf" \+ b{j}\b", ""))
            c(f"b{j} moves", lambda s, L, j=j: drop(L, f"b{j}"))
            c(f"b{j}'s step is its delta summed over axis 0, not averaged",
              lambda s, L, j=j: sub(L, f"b{j}", r"\.sum\(axis=0\)", ".mean(axis=0)"))
    if spec.batch_size is not None:
        c("a new permutation at every epoch's start", lambda s, L: sub(L, "order", r"i % batches == 0", "i == 0"))
        c("a permutation only when i % batches == 0", lambda s, L: sub(L, "order", r"^if i % batches == 0: ", ""))
        c("the batch's rows are taken from the permutation",
          lambda s, L: sub(L, "rows", r"= order\[(.*)\]$", r"= np.arange(len(X))[\1]"))
        c("batches rounds up: the last, partial batch trains",
          lambda s, L: sub(L, "order|rows", r"\bbatches\b", "(len(X) // batch_size)"))
        c("the targets are y[rows]",
          lambda s, L: sub(L, r"l\d+_error", r"y\[rows\]", "y[(i % batches) * batch_size:(i % batches + 1) * batch_size]"))
    if spec.clip is not None:
        for j in range(1, k + 1):
            c(f"l{j}_delta is trimmed to [-clip, clip]", lambda s, L, j=j: sub(L, f"l{j}_delta", CLIPPED, r"\1"))
            c(f"l{j}_delta is trimmed from below, at -clip",
              lambda s, L, j=j: sub(L, f"l{j}_delta", r", -clip, clip\)$", ", None, clip)"))
            c(f"l{j}_delta is trimmed from above, at clip",
              lambda s, L, j=j: sub(L, f"l{j}_delta", r", -clip, clip\)$", ", -clip, None)"))
            c(f"l{j}_delta: the product error * slope is trimmed, not the error",
              lambda s, L, j=j: sub(L, f"l{j}_delta", r"np\.clip\((l\d+_error) \* (.*), -clip, clip\)$",
                                    r"np.clip(\1, -clip, clip) * \2"))
        for j in range(1, k):
            c(f"l{j}_error is sent back from the trimmed l{j + 1}_delta",
              lambda s, L, j=j: sub(L, f"l{j}_error", rf"\bl{j + 1}_delta\b", f"(l{j + 1}_error * nonlin(l{j + 1}, deriv=True))"))
    if spec.lam is not None:
        for j in range(k):
            c(f"syn{j}'s step has the L2 pull", lambda s, L, j=j: sub(L, rf"(syn|v){j}", rf" - lam \* syn{j}\b", ""))
            c(f"syn{j}'s L2 pull is minus lam * syn{j}", lambda s, L, j=j: sub(L, rf"(syn|v){j}", r"- lam \*", "+ lam *"))
            if spec.momentum is None:
                c(f"syn{j}'s L2 pull is inside the alpha",
                  lambda s, L, j=j: sub(L, f"syn{j}", r"alpha \* \((.*) - lam \* (syn\d+)\)$", r"alpha * \1 - lam * \2"))
                c(f"syn{j}'s L2 pull uses syn{j} before this update",
                  lambda s, L, j=j: sub(L, f"syn{j}", r"^(syn\d+) \+= alpha \* \((.*) - lam \* syn\d+\)$",
                                        r"\1 += alpha * \2; \1 -= alpha * lam * \1"))
            else:
                c(f"syn{j}'s L2 pull goes into v{j} (not only into this step)",
                  lambda s, L, j=j: sub(sub(L, f"v{j}", rf" - lam \* syn{j}$", ""), f"syn{j}",
                                        rf"alpha \* v{j}$", f"alpha * (v{j} - lam * syn{j})"))
        for j in range(k if spec.bias else 0):
            if _before_bn(spec, j):
                continue
            c(f"no L2 pull on b{j}", lambda s, L, j=j: sub(L, f"b{j}", r"(b\d+) \+= alpha \* (.*)$", r"\1 += alpha * (\2 - lam * \1)"))
    if spec.dropout is not None:
        for j in spec.hidden:
            c(f"d{j} keeps a unit when its draw is >= p", lambda s, L, j=j: sub(L, f"d{j}", ">= p", "< p"))
            c(f"d{j}'s kept units are scaled by 1/(1 - p)", lambda s, L, j=j: sub(L, f"d{j}", r" / \(1 - p\)", ""))
            c(f"a new mask d{j} every update", lambda s, L, j=j: sub(L, f"d{j}", rf"^d{j} = ", f"if i == 0: d{j} = "))
            c(f"the mask d{j} applies forward: l{j}d = l{j} * d{j}", lambda s, L, j=j: sub(L, f"l{j}d", rf" \* d{j}$", ""))
            c(f"the mask d{j} applies backward: l{j}_error * d{j}", lambda s, L, j=j: sub(L, f"l{j}_error", rf" \* d{j}$", ""))
            c(f"syn{j}'s step uses the masked l{j}d", lambda s, L, j=j: sub(L, rf"(syn|v){j}", rf"\bl{j}d\.T", f"l{j}.T"))
    if spec.momentum is not None:
        for j in range(k):
            c(f"v{j} carries over from the update before", lambda s, L, j=j: sub(L, f"v{j}", r"momentum \* v\d+ \+ ", ""))
            c(f"v{j} adds the whole gradient, not (1 - momentum) of it",
              lambda s, L, j=j: sub(L, f"v{j}", r"(momentum \* v\d+) \+ (.*)$", r"\1 + (1 - momentum) * (\2)"))
            c(f"momentum multiplies v{j} alone",
              lambda s, L, j=j: sub(L, f"v{j}", r"momentum \* (v\d+) \+ (.*)$", r"momentum * (\1 + \2)"))
    if spec.batchnorm:
        for j in spec.hidden:
            z = f"np.dot(X, syn{j - 1})" + (f" + b{j - 1}" if spec.bias else "")
            c(f"z{j}'s mean and var over the examples (axis 0)",
              lambda s, L, j=j: sub(sub(L, f"std{j}", r"var\(axis=0\)", "var(axis=1, keepdims=True)"),
                                    f"zhat{j}", r"mean\(axis=0\)", "mean(axis=1, keepdims=True)"))
            c(f"std{j} has eps", lambda s, L, j=j: sub(L, f"std{j}", r" \+ eps", ""))
            c(f"std{j}'s eps is inside the square root", lambda s, L, j=j: sub(L, f"std{j}", r" \+ eps\)$", ") + eps"))
            c(f"std{j} is numpy's var (divides by N)", lambda s, L, j=j: sub(L, f"std{j}", r"var\(axis=0\)", "var(axis=0, ddof=1)"))
            if spec.batch_size is not None:
                c(f"z{j}'s statistics are the batch's, not all of X's",
                  lambda s, L, j=j, z=z: sub(sub(L, f"std{j}", rf"\bz{j}\.var", f"({z}).var"),
                                             f"zhat{j}", rf"z{j}\.mean", f"({z}).mean"))
            c(f"gamma{j} scales zhat{j}", lambda s, L, j=j: sub(L, f"l{j}", rf"gamma{j} \* ", ""))
            c(f"beta{j} shifts it", lambda s, L, j=j: sub(L, f"l{j}", rf" \+ beta{j}\)$", ")"))
            c(f"z{j}_delta subtracts g's batch mean", lambda s, L, j=j: sub(L, f"z{j}_delta", r" - \(l\d+_delta \* gamma\d+\)\.mean\(axis=0\)", ""))
            c(f"z{j}_delta subtracts zhat{j} times (g * zhat{j})'s mean",
              lambda s, L, j=j: sub(L, f"z{j}_delta", r" - zhat\d+ \* \(.*\)\.mean\(axis=0\)\)", ")"))
            c(f"z{j}_delta is divided by std{j}", lambda s, L, j=j: sub(L, f"z{j}_delta", rf" / std{j}$", ""))
            c(f"g is l{j}_delta times gamma{j}", lambda s, L, j=j: sub(L, f"z{j}_delta", rf"l{j}_delta \* gamma{j}", f"l{j}_delta"))
            c(f"syn{j - 1}'s step uses z{j}_delta", lambda s, L, j=j: sub(L, rf"(syn|v|b){j - 1}", rf"\bz{j}_delta\b", f"l{j}_delta"))
            c(f"gamma{j} moves", lambda s, L, j=j: drop(L, f"gamma{j}"))
            c(f"gamma{j}'s step is l{j}_delta * zhat{j}", lambda s, L, j=j: sub(L, f"gamma{j}", rf"\(l{j}_delta \* zhat{j}\)", f"l{j}_delta"))
            c(f"gamma{j}'s step is summed over axis 0", lambda s, L, j=j: sub(L, f"gamma{j}", r"\.sum\(axis=0\)", ".mean(axis=0)"))
            c(f"beta{j} moves", lambda s, L, j=j: drop(L, f"beta{j}"))
            c(f"beta{j}'s step is l{j}_delta summed over axis 0", lambda s, L, j=j: sub(L, f"beta{j}", r"\.sum\(axis=0\)", ".mean(axis=0)"))
            c(f"gamma{j} moves after every delta is made", lambda s, L, j=j: before(L, f"gamma{j}", f"z{j}_delta"))
    return out


def _train_calls(rung: Rung) -> list[str]:
    _, names, _ = rung.plan()
    return [n for n in names if n in rung.calls]   # not predict(): its own check, not a train() call


def seen_by(rung: Rung, clause: Clause) -> str | None:
    """The first call of the plan whose reference the broken clause changes (or makes raise), or None."""
    names = _train_calls(rung)
    if clause.change == DEPTH:
        return next((n for n in names if rung.spec_of(n).depth != rung.spec.depth), None)
    if clause.change == WIDTHS:
        return next((n for n in names if rung.spec_of(n).depth == rung.spec.depth
                     and all(rung.spec_of(n).sizes[j] != rung.spec.sizes[j] for j in rung.spec.hidden)), None)
    start = rung.reference("start")
    for name in names:
        spec = rung.spec_of(name)
        lines = clause.change(spec, engine.loop(spec))
        weights = start if name in ("start", "step") else None
        try:
            with np.errstate(all="ignore"):
                theirs = rung.reference(name, weights=weights, lines=lines)
        except Exception:   # noqa: BLE001 - a file that raises there fails that call's check
            return name
        if not compare.same(rung.reference(name, weights=weights), theirs):
            return name
    return None


def _draws(ex) -> dict[str, Draw]:
    """The plan's secret values at the corners of their ranges, and one drawn between: a clause must be
    seen whatever a run draws (the shortest runs at the ladder's own rates bind a clip the least)."""
    sets = len(ex.others or (ex.other,))
    drawn = Draw.seeded(sum(map(ord, ex.name)), sets)
    corners = {f"{'rates' if u else 'ladder'}-{n}": Draw(
        drawn.other_seed, drawn.set_seeds, (tuple(secret.factor(r, u) for r in secret.RATES),) * sets,
        drawn.target_seed, n) for u in (0, 1) for n in (secret.MIN_RUN, secret.MAX_RUN)}
    return {**corners, "drawn": drawn}


def _cases():
    for ex in RUNGS:
        for clause in clauses(ex):
            yield pytest.param(ex, clause, id=f"{ex.name}-{clause.name}")


@pytest.mark.parametrize(("ex", "clause"), list(_cases()))
@pytest.mark.parametrize("draw", list(_draws(RUNGS[0])))
def test_every_clause_is_exercised_by_some_call(ex, clause, draw):
    rung = Rung(ex, _draws(ex)[draw])
    if callable(clause.change):
        base = engine.loop(rung.spec)
        edited = clause.change(rung.spec, base)
        assert edited != base, "the edit must change the lines (a regex gone stale?)"
        for line in edited:   # test data that does not even compile would be "seen" for nothing
            compile(line.text, "<edited line>", "exec")
    assert seen_by(rung, clause) is not None, f"no call sees a file breaking {clause.name!r}: it passes every check"


@pytest.mark.parametrize("ex", [ex for ex in RUNGS if engine.get_spec(ex.net).batchnorm and engine.get_spec(ex.net).bias],
                         ids=lambda ex: ex.name)
def test_a_bias_before_batch_norm_has_no_effect(ex):
    """What the contract says of b0 in exercise 13: dropping it, or never moving it, changes nothing."""
    rung = Rung(ex)
    start = rung.reference("start")
    for change in (lambda L: sub(L, "z1", r" \+ b0\b", ""), lambda L: drop(L, "b0")):
        for name in [n for n in _train_calls(rung) if n != "full"]:
            spec = rung.spec_of(name)
            weights = start if name in ("start", "step") else None
            theirs = rung.reference(name, weights=weights, lines=change(engine.loop(spec)))
            if weights is None:   # batch norm amplifies the rounding of `+ b0 - mean`: within its own spread
                assert rung.matches(name, theirs), name
            else:
                assert compare.same(rung.reference(name, weights=weights), theirs), name


@pytest.mark.parametrize("ex", [ex for ex in RUNGS if engine.get_spec(ex.net).batch_size], ids=lambda ex: ex.name)
def test_every_batch_size_tried_leaves_a_partial_batch(ex):
    rung = Rung(ex)
    n = len(rung.inputs["X"])
    sizes = {rung.spec_of(name).batch_size for name in _train_calls(rung)}
    assert all(n % b and math.ceil(n / b) > 1 for b in sizes), sizes
