"""Naming a wrong training step: replay each known mistake and see which one the learner made.

From the learner's own starting weights we compute, for every known mistake,
the weights one iteration *of that mistake* would give, and compare them with
what the learner's train returned after one iteration. The correct step comes
from the engine (the only home of the right math); the wrong ones are written
out here, each a small change to the article's loop, because they are not the
engine's business. Candidates are tried from the most specific to the most
general, so e.g. a flipped sign is named before "scaled by -1".
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail

from toynn_tui.checker.compare import same  # noqa: E402

nonlin = engine.nonlin


# How a delta's slope is taken, for a layer `l` whose pre-sigmoid value is `z`.
def _slope_ok(l, z): return nonlin(l, True)            # the article: slope from the output
def _slope_none(l, z): return 1.0                       # delta = error
def _slope_pre(l, z): return nonlin(z, True)            # z*(1-z), z before the sigmoid
def _slope_input(l, z): return nonlin(nonlin(l), True)  # s(l)*(1-s(l)): sigmoid applied twice


def _step2(X, y, syn0, slope=_slope_ok, sign=1.0, per_example=False):
    """One 2-layer iteration with a chosen mistake (defaults: the article's step)."""
    syn0 = syn0.copy()
    rows = [slice(i, i + 1) for i in range(len(X))] if per_example else [slice(None)]
    for r in rows:
        l0, yy = X[r], y[r]
        z = l0.dot(syn0)
        l1 = nonlin(z)
        l1_delta = (yy - l1) * slope(l1, z)
        syn0 += sign * l0.T.dot(l1_delta)
    return [syn0]


def _step3(X, y, syn0, syn1, slope1=_slope_ok, slope2=_slope_ok, signs=(1.0, 1.0),
           back="delta", syn1_first=False, freeze=(), hidden_sigmoid=True, per_example=False):
    """One 3-layer iteration with chosen mistakes (defaults: the article's step).

    back: how l1's error is formed - "delta" (the article), "error" (l2_error sent
    back), "y" (y - l1), "slope-l2" (right error, but times the slope at l2).
    """
    syn0, syn1 = syn0.copy(), syn1.copy()
    rows = [slice(i, i + 1) for i in range(len(X))] if per_example else [slice(None)]
    for r in rows:
        l0, yy = X[r], y[r]
        z1 = l0.dot(syn0)
        l1 = nonlin(z1) if hidden_sigmoid else z1
        z2 = l1.dot(syn1)
        l2 = nonlin(z2)
        l2_error = yy - l2
        l2_delta = l2_error * slope2(l2, z2)
        syn1_update = signs[1] * l1.T.dot(l2_delta)
        if syn1_first and 1 not in freeze:
            syn1 += syn1_update
        if back == "error":
            l1_error = l2_error.dot(syn1.T)
        elif back == "y":
            l1_error = yy - l1
        else:
            l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (nonlin(l2, True) if back == "slope-l2" else slope1(l1, z1))
        if not syn1_first and 1 not in freeze:
            syn1 += syn1_update
        if 0 not in freeze:
            syn0 += signs[0] * l0.T.dot(l1_delta)
    return [syn0, syn1]


def _candidates(layers):
    """(mistake id, keyword arguments of the wrong step) in the order they are tried."""
    if layers == 2:
        return [
            ("wrong-sign", dict(sign=-1.0)),
            ("slope-missing", dict(slope=_slope_none)),
            ("slope-of-pre-sigmoid", dict(slope=_slope_pre)),
            ("slope-from-input", dict(slope=_slope_input)),
            ("per-example-updates", dict(per_example=True)),
        ]
    out = [("first-layer-frozen", dict(freeze=(0,))),
           ("second-layer-frozen", dict(freeze=(1,)))]
    out += [("wrong-sign", dict(signs=s)) for s in ((-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0))]
    for mistake_id, slope in (("slope-missing", _slope_none), ("slope-of-pre-sigmoid", _slope_pre),
                              ("slope-from-input", _slope_input)):
        out += [(mistake_id, dict(slope1=slope, slope2=slope)),
                (mistake_id, dict(slope2=slope)),
                (mistake_id, dict(slope1=slope))]
    out += [
        ("error-not-delta", dict(back="error")),
        ("syn1-updated-first", dict(syn1_first=True)),
        ("hidden-error-from-y", dict(back="y")),
        ("slope-of-wrong-layer", dict(back="slope-l2")),
        ("hidden-sigmoid-missing", dict(hidden_sigmoid=False)),
        ("per-example-updates", dict(per_example=True)),
    ]
    return out


def _fit_scale(start, got, right) -> float | None:
    """The c with got == start + c*(right - start) over all layers, or None if no c fits."""
    d = np.concatenate([(g - s).ravel() for g, s in zip(got, start)])
    u = np.concatenate([(r - s).ravel() for r, s in zip(right, start)])
    uu = float(u.dot(u))
    if uu == 0.0:
        return None
    c = float(d.dot(u)) / uu
    fitted = [s + c * (r - s) for s, r in zip(start, right)]
    return c if same(got, fitted) else None


def _describe_scale(c: float, examples: int) -> str:
    if np.isclose(c, 1.0 / examples, rtol=1e-4):
        return f"Measured: each update is 1/{examples} of the expected one (the mean over {examples} examples)."
    return f"Measured: each update is {c:.4g} times the expected one."


def _scaled(start, got, right, examples) -> Mistake | None:
    """A learning rate or averaging: one factor for every layer, or one factor per layer."""
    c = _fit_scale(start, got, right)
    if c is not None and not np.isclose(c, 1.0) and not np.isclose(c, 0.0):
        if c < 0:
            return with_detail(get("wrong-sign"), f"Measured: the update is also scaled by {abs(c):.4g}.")
        return with_detail(get("scaled-update"), _describe_scale(c, examples))
    if len(start) < 2:
        return None
    cs = [_fit_scale([s], [g], [r]) for s, g, r in zip(start, got, right)]
    if any(c is None or np.isclose(c, 0.0) or c < 0 for c in cs):
        return None
    if all(np.isclose(c, 1.0) for c in cs):
        return None
    parts = ", ".join(f"syn{i}'s update is {c:.4g} times the expected one" for i, c in enumerate(cs))
    return with_detail(get("scaled-update"), f"Measured: {parts}.")


def diagnose_step(layers: int, X, y, start: list[np.ndarray], got: list[np.ndarray]) -> Mistake | None:
    """The mistake that turns the learner's `start` weights into `got` in one iteration, or None.

    None also when the step is right, when nothing known fits, or when the
    arrays cannot be compared (wrong count or shapes, NaN: the checker names those).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    start = [np.asarray(w, dtype=float) for w in start]
    got = [np.asarray(w, dtype=float) for w in got]
    shapes = engine.SHAPES.get(layers)
    if shapes is None or len(start) != len(shapes) or len(got) != len(shapes):
        return None
    if any(s.shape != want or g.shape != want for s, g, want in zip(start, got, shapes)):
        return None
    if not all(np.isfinite(w).all() for w in start + got):
        return None
    right = engine.step_from(X, y, start)
    if same(right, got):
        return None
    if same(start, got):
        if max(float(np.abs(w).max()) for w in start) > 1.0:
            # Starting weights lie in [-1, 1); these were trained, and came back
            # unchanged for iterations=0 and 1: the count is not the argument.
            return with_detail(get("ignores-iterations"), "Measured: iterations=0 and iterations=1 "
                               "give the same weights, and they are already trained.")
        return get("no-update")
    step = _step2 if layers == 2 else _step3
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for mistake_id, kwargs in _candidates(layers):
            if same(step(X, y, *start, **kwargs), got):
                return get(mistake_id)
    return _scaled(start, got, right, len(X))
