"""Naming wrong starting parameters and wrong whole runs, for any net spec.

Starting parameters: each known mistake is a different way of drawing (or
reshaping) the numbers np.random.seed(seed) gives; we redraw them that way with
a private RandomState (the global random state is never touched) and compare.
The weights are the spec's `syn` matrices, drawn in layer order; biases and
beta start at 0, gamma at 1 (`engine.init_weights`).

Whole runs: after thousands of iterations one more or one fewer update moves
the weights by about a millionth, so a fixed tolerance cannot tell "one too
many" from "right". Instead every candidate run is compared with the learner's
and the nearest one wins, if it is near and clearly nearer than the right run.
The candidate runs are the engine's, remembered per process (`runs.trained`,
shared with the checks' own reference answers).
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker.compare import RTOL, close, same
from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail
from toynn_tui.checker.runs import trained
from toynn_tui.i18n import _

# Seeds a learner may have written in place of the argument.
LITERAL_SEEDS = (1, 0, 42, 2, 7, 123, 1234)


def draws(spec: engine.Spec, seed: int, order=None, scale: float = 2.0, shift: float = 1.0,
          reseed: bool = False, draw=None) -> list[np.ndarray]:
    """The starting parameters when the weights named in `order` (default: layer order) are drawn as
    `scale * draw(shape) - shift` from seed `seed`'s stream (reseeded before each when `reseed`),
    the other parameters as the contract starts them; in train()'s order."""
    syns = [n for n in spec.param_names if n.startswith("syn")]
    shapes = spec.param_shapes()
    rng = np.random.RandomState(seed)
    drawn = {}
    for name in (syns if order is None else order):
        if reseed:
            rng = np.random.RandomState(seed)
        sample = rng.random_sample(shapes[name]) if draw is None else draw(rng, shapes[name])
        drawn[name] = scale * sample - shift
    start = engine.init_weights(seed, spec=spec)
    return [drawn.get(n, s) for n, s in zip(spec.param_names, start)]


def start_candidates(spec: engine.Spec, seed: int):
    """(mistake, the starting parameters that mistake draws), most specific first."""
    syns = [n for n in spec.param_names if n.startswith("syn")]
    if len(syns) > 1:
        yield get("draw-order-reversed"), draws(spec, seed, list(reversed(syns)))
        yield get("seeded-twice"), draws(spec, seed, reseed=True)
    yield get("wrong-range"), draws(spec, seed, scale=1.0, shift=0.0)
    yield (with_detail(get("wrong-range"), _("They look like np.random.randn's bell curve.")),
           draws(spec, seed, scale=1.0, shift=0.0, draw=lambda rng, s: rng.standard_normal(s)))
    extra = [n for n in spec.param_names if not n.startswith("syn")]
    if extra:
        yield get("extra-params-drawn"), draws(spec, seed, syns + extra)


def _array_mistake(got: np.ndarray, want: np.ndarray) -> str | None:
    """'transposed' or 'flattened' when `got` is `want` rearranged that way.

    A reversed shape is "transposed" whether the learner returned w.T or drew
    the numbers straight into the reversed shape (then only a reshape matches).
    """
    if got.shape == want.shape or got.size != want.size:
        return None
    if got.shape == want.shape[::-1] and (close(want, got.T) or close(want, got.reshape(want.shape))):
        return "transposed"
    if close(want, got.reshape(want.shape)):
        return "flattened"
    return None


def _shapes_mistake(spec: engine.Spec, want: list[np.ndarray], got: list[np.ndarray]) -> Mistake | None:
    """The mistake of starting parameters of the wrong shapes (None: the shapes are right)."""
    rearranged = [None if g.shape == w.shape and close(w, g) else _array_mistake(g, w) for g, w in zip(got, want)]
    if any(rearranged) and all(r is not None or close(w, g) for r, g, w in zip(rearranged, got, want)):
        return get("transposed" if "transposed" in rearranged else "flattened")
    if all(g.shape == w.shape for g, w in zip(got, want)):
        return None
    if len(got) > 1 and all(g.shape == w.shape for g, w in zip(got[::-1], want)) and same(want, got[::-1]):
        names = spec.param_names
        return with_detail(get("wrong-shape"), _("Measured: you return {yours}; the contract is {contract}.").format(
            yours=", ".join(reversed(names)), contract=", ".join(names)))
    return get("wrong-shape")


def diagnose_init(spec: engine.Spec, seed: int, got: list[np.ndarray], X, y) -> Mistake | None:
    """The mistake behind the learner's iterations=0 parameters `got` for `spec`, or None.

    X and y let whole-run mistakes be named too: a train that ignores
    iterations=0, or runs one update too many. Arrays of the wrong shape or
    count that no known rearrangement explains are "wrong-shape".
    """
    got = [np.asarray(w, dtype=float) for w in got]
    want = engine.init_weights(seed, spec=spec)
    if len(got) != len(want):
        return get("wrong-shape")
    if not all(np.isfinite(w).all() for w in got) or same(want, got):
        return None
    shaped = _shapes_mistake(spec, want, got)
    if shaped is not None:
        return shaped
    for mistake, drawn in start_candidates(spec, seed):
        if same(drawn, got):
            return mistake
    for literal in LITERAL_SEEDS:
        if literal != seed and same(engine.init_weights(literal, spec=spec), got):
            return with_detail(get("ignores-seed"),
                               _("Measured: these are seed {seed}'s starting parameters.").format(seed=literal))
    run = diagnose_run(spec, X, y, seed, 0, got)
    if run is not None:
        return run
    syns = [g for g, n in zip(got, spec.param_names) if n.startswith("syn")]
    if all(((g >= -1) & (g < 1)).all() for g in syns):
        generator = np.random.default_rng(seed)
        if same(draws(spec, seed, draw=lambda rng, s: generator.random(s)), got):
            return with_detail(get("not-seeded"), _("They are np.random.default_rng(seed)'s numbers, "
                                                    "a different generator from np.random.seed's."))
    return None


def _distance(got: list[np.ndarray], want: list[np.ndarray]) -> float:
    """Largest difference, relative to the size of the expected parameters."""
    scale = max(float(np.abs(w).max()) for w in want) or 1.0
    return max(float(np.abs(g - w).max()) for g, w in zip(got, want)) / scale


def diagnose_run(spec: engine.Spec, X, y, seed: int, iterations: int, got: list[np.ndarray],
                 default: int | None = None) -> Mistake | None:
    """The whole-run mistake behind the learner's parameters after `iterations` updates, or None.

    Candidates: one update too many or too few, the `default` count (the
    contract's; default: the spec's) whatever `iterations` says, seed 1 (or
    another literal) whatever `seed` says.
    """
    shapes = list(spec.param_shapes().values())
    got = [np.asarray(w, dtype=float) for w in got]
    if len(got) != len(shapes) or any(g.shape != s for g, s in zip(got, shapes)):
        return None
    if not all(np.isfinite(w).all() for w in got):
        return None
    # fewer, then right, then more: each goes on from the one before
    fewer = trained(spec, X, y, seed, iterations - 1) if iterations >= 1 else None
    right = trained(spec, X, y, seed, iterations)
    candidates = [(None, right), ("one-iteration-too-many", trained(spec, X, y, seed, iterations + 1))]
    if fewer is not None:
        candidates.append(("one-iteration-too-few", fewer))
    default = spec.iterations if default is None else default
    if iterations != default:
        candidates.append(("ignores-iterations", trained(spec, X, y, seed, default)))
    if seed != 1:
        candidates.append(("ignores-seed", trained(spec, X, y, 1, iterations)))
    ranked = sorted((_distance(got, w), i, mistake_id) for i, (mistake_id, w) in enumerate(candidates))
    best, _, mistake_id = ranked[0]
    if mistake_id is None or best > RTOL:
        return None
    if best > 0.1 * _distance(got, right):  # too close to call against the right run
        return None
    return get(mistake_id)
