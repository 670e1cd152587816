"""Naming a wrong update: replay each known mistake and see which one the learner made, for any spec.

From the learner's own starting parameters the engine runs, for every mistake
of the library (`edits.every`: edits of the spec's own loop lines), the update
that mistake makes, with the same draws, and compares it with what the
learner's train returned. Two mistakes are not edits of a line: updating after
every example instead of once per batch (the loop's shape), and a step scaled
by a factor (a learning rate the contract does not have, or a mean), which is
measured rather than guessed. Every right value comes from the engine.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker.compare import same
from toynn_tui.checker.mistakes import edits
from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail
from toynn_tui.i18n import _


def replay(spec: engine.Spec, X, y, seed: int, iterations: int, start=None, lines=None) -> list[np.ndarray]:
    """The parameters after `iterations` updates of `spec` with loop `lines` (default: the spec's own),
    from `start` (default: seed `seed`'s draw), the update's draws following that seed."""
    net = engine.Net(spec=spec.with_(iterations=iterations), seed=seed, X=X, y=y, weights=start, lines=lines)
    net.run(net.total)
    return [np.array(w) for w in net.weights]


def edited(spec: engine.Spec, X, y, seed: int, iterations: int, got, start=None) -> edits.Edit | None:
    """The edit of the spec's lines whose replay gives the learner's parameters `got`, or None."""
    for edit in edits.every(spec):
        try:
            with np.errstate(all="ignore"):
                theirs = replay(spec, X, y, seed, iterations, start, edit.lines(spec))
        except Exception:   # an edit that cannot run here (a shape it breaks) is not this learner's
            continue
        if same(theirs, got):
            return edit
    return None


def _per_example(spec: engine.Spec, X, y, seed: int, start) -> list[np.ndarray]:
    """One pass of updates, one example at a time, in order (the full batch's loop, a row at a time)."""
    weights = start
    for i in range(len(X)):
        weights = replay(spec, X[i:i + 1], y[i:i + 1], seed, 1, weights)
    return weights


def _fit_scale(start, got, right) -> float | None:
    """The c with got == start + c*(right - start) over all parameters, or None if no c fits."""
    d = np.concatenate([(g - s).ravel() for g, s in zip(got, start)])
    u = np.concatenate([(r - s).ravel() for r, s in zip(right, start)])
    uu = float(u.dot(u))
    if uu == 0.0:
        return None
    c = float(d.dot(u)) / uu
    fitted = [s + c * (r - s) for s, r in zip(start, right)]
    if u.size < 2 or not same(got, fitted):   # one number is always some multiple of another
        return None
    # the factor explains the whole difference from the right step, not just its tolerance
    return c if np.abs(d - c * u).max() <= 1e-3 * max(np.abs(d - u).max(), 1e-300) else None


def _describe_scale(c: float, examples: int) -> str:
    if np.isclose(c, 1.0 / examples, rtol=1e-4):
        return _("Measured: each update is 1/{n} of the expected one (the mean over {n} examples).").format(
            n=examples)
    return _("Measured: each update is {factor} times the expected one.").format(factor=f"{c:.4g}")


def _scaled(names, start, got, right, examples) -> Mistake | None:
    """A learning rate or averaging: one factor for every parameter, or one factor per parameter."""
    c = _fit_scale(start, got, right)
    if c is not None and not np.isclose(c, 1.0) and not np.isclose(c, 0.0):
        if np.isclose(c, -1.0):   # the whole step the other way: a sign, nothing else
            return get("wrong-sign")
        if c < 0:
            return with_detail(get("wrong-sign"),
                               _("Measured: the update is also scaled by {factor}.").format(factor=f"{abs(c):.4g}"))
        return with_detail(get("scaled-update"), _describe_scale(c, examples))
    if len(start) < 2:
        return None
    cs = [_fit_scale([s], [g], [r]) for s, g, r in zip(start, got, right)]
    if any(c is None or np.isclose(c, 0.0) or c < 0 for c in cs) or all(np.isclose(c, 1.0) for c in cs):
        return None
    # one whole sentence per parameter: a translation cannot be glued from fragments
    parts = " ".join(_("Measured: {name}'s update is {factor} times the expected one.").format(
        name=name, factor=f"{c:.4g}") for name, c in zip(names, cs))
    return with_detail(get("scaled-update"), parts)


def diagnose_step(spec: engine.Spec, X, y, start: list[np.ndarray], got: list[np.ndarray],
                  seed: int = 1) -> Mistake | None:
    """The mistake that turns the learner's `start` into `got` in one update of `spec`, or None.

    None also when the update is right, when nothing known fits, or when the
    arrays cannot be compared (wrong count or shapes, NaN: the checker names those).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    start = [np.asarray(w, dtype=float) for w in start]
    got = [np.asarray(w, dtype=float) for w in got]
    shapes = list(spec.param_shapes().values())
    if len(start) != len(shapes) or len(got) != len(shapes):
        return None
    if any(s.shape != want or g.shape != want for s, g, want in zip(start, got, shapes)):
        return None
    if not all(np.isfinite(w).all() for w in start + got):
        return None
    right = replay(spec, X, y, seed, 1, start)
    if same(right, got):
        return None
    if same(start, got):
        if max(float(np.abs(w).max()) for w in start) > 1.0:
            # Starting weights lie in [-1, 1); these were trained, and came back
            # unchanged for iterations=0 and 1: the count is not the argument.
            return with_detail(get("ignores-iterations"), _("Measured: iterations=0 and iterations=1 "
                                                             "give the same weights, and they are already trained."))
        return get("no-update")
    scaled = _scaled(spec.param_names, start, got, right, len(X))
    edit = edited(spec, X, y, seed, 1, got, start)
    if edit is not None:
        # the same mistake measured on the whole step says its factor (1/4: the mean over 4 examples)
        return scaled if scaled is not None and scaled.id == edit.mistake.id else edit.mistake
    if spec.batch_size is None and len(X) > 1:
        with np.errstate(all="ignore"):
            if same(_per_example(spec, X, y, seed, start), got):
                return get("per-example-updates")
    # a factor no edit of a line explains: named only for a net whose contract has no rate of its own
    # (with alpha, a step off by a factor is an alpha mistake the library names, or none)
    return scaled if spec.alpha is None else None
