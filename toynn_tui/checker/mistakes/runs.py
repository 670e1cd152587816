"""Naming wrong starting weights and wrong whole runs.

Starting weights: each known mistake is a different way of drawing (or
reshaping) the numbers np.random.seed(seed) gives; we redraw them that way with
a private RandomState (the global random state is never touched) and compare.

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
from toynn_tui.checker.mistakes.catalogue import Mistake, get, with_detail
from toynn_tui.checker.runs import trained

from toynn_tui.checker.compare import RTOL, close, same  # noqa: E402
# Seeds a learner may have written in place of the argument.
LITERAL_SEEDS = (1, 0, 42, 2, 7, 123, 1234)


def _draws(seed: int, shapes, scale=True) -> list[np.ndarray]:
    """The arrays np.random.seed(seed) then np.random.random(shape) for each shape give, in order."""
    rng = np.random.RandomState(seed)
    return [2 * rng.random_sample(s) - 1 if scale else rng.random_sample(s) for s in shapes]


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


def diagnose_init(layers: int, seed: int, got: list[np.ndarray], X=None, y=None) -> Mistake | None:
    """The mistake behind the learner's iterations=0 weights `got`, or None.

    X and y (default: the exercise's data for `layers`) let whole-run mistakes be
    named too: a train that ignores iterations=0, or runs one update too many.
    Arrays of the wrong shape or count that no known rearrangement explains are
    "wrong-shape" (swapped syn0 and syn1 say so).
    """
    shapes = engine.SHAPES[layers]
    got = [np.asarray(w, dtype=float) for w in got]
    if len(got) != len(shapes):
        return get("wrong-shape")
    if not all(np.isfinite(w).all() for w in got):
        return None
    want = engine.init_weights(seed, layers)
    if same(want, got):
        return None
    if layers == 3 and same(_draws(seed, shapes[::-1])[::-1], got):
        return get("draw-order-reversed")
    rearranged = [None if close(w, g) else _array_mistake(g, w) for g, w in zip(got, want)]
    if any(rearranged) and all(r is not None or close(w, g) for r, g, w in zip(rearranged, got, want)):
        return get("transposed" if "transposed" in rearranged else "flattened")
    if any(g.shape != s for g, s in zip(got, shapes)):
        if layers == 3 and same(want, got[::-1]):
            return with_detail(get("wrong-shape"), "Measured: you return syn1 first and syn0 second; "
                                                   "the contract is syn0, syn1.")
        return get("wrong-shape")
    if same(_draws(seed, shapes, scale=False), got):
        return get("wrong-range")
    rng = np.random.RandomState(seed)
    if same([rng.standard_normal(s) for s in shapes], got):
        return with_detail(get("wrong-range"), "They look like np.random.randn's bell curve.")
    if layers == 3 and same([_draws(seed, (s,))[0] for s in shapes], got):
        return get("seeded-twice")
    for literal in LITERAL_SEEDS:
        if literal != seed and same(engine.init_weights(literal, layers), got):
            return with_detail(get("ignores-seed"), f"Measured: these are seed {literal}'s weights.")
    if X is None:
        X, y = engine.X, (engine.Y_PART1 if layers == 2 else engine.Y_PART2)
    run = diagnose_run(layers, X, y, seed, 0, got)
    if run is not None:
        return run
    if all(g.shape == s for g, s in zip(got, shapes)) and all(((g >= -1) & (g < 1)).all() for g in got):
        generator = np.random.default_rng(seed)
        if same([2 * generator.random(s) - 1 for s in shapes], got):
            return with_detail(get("not-seeded"), "They are np.random.default_rng(seed)'s numbers, "
                                                  "a different generator from np.random.seed's.")
        return get("not-seeded")
    return None


def _distance(got: list[np.ndarray], want: list[np.ndarray]) -> float:
    """Largest difference, relative to the size of the expected weights."""
    scale = max(float(np.abs(w).max()) for w in want) or 1.0
    return max(float(np.abs(g - w).max()) for g, w in zip(got, want)) / scale


def diagnose_run(layers: int, X, y, seed: int, iterations: int, got: list[np.ndarray]) -> Mistake | None:
    """The whole-run mistake behind the learner's weights after `iterations`, or None.

    Candidates: one update too many or too few, the default count whatever
    `iterations` says, seed 1 (or another literal) whatever `seed` says.
    """
    shapes = engine.SHAPES[layers]
    got = [np.asarray(w, dtype=float) for w in got]
    if len(got) != len(shapes) or any(g.shape != s for g, s in zip(got, shapes)):
        return None
    if not all(np.isfinite(w).all() for w in got):
        return None
    # fewer, then right, then more: each goes on from the one before
    fewer = trained(layers, X, y, seed, iterations - 1) if iterations >= 1 else None
    right = trained(layers, X, y, seed, iterations)
    more = trained(layers, X, y, seed, iterations + 1)
    candidates = [(None, right), ("one-iteration-too-many", more)]
    if fewer is not None:
        candidates.append(("one-iteration-too-few", fewer))
    default = engine.DEFAULT_ITERATIONS[layers]
    if iterations != default:
        candidates.append(("ignores-iterations", trained(layers, X, y, seed, default)))
    if seed != 1:
        candidates.append(("ignores-seed", trained(layers, X, y, 1, iterations)))
    ranked = sorted((_distance(got, w), i, mistake_id) for i, (mistake_id, w) in enumerate(candidates))
    best, _, mistake_id = ranked[0]
    if mistake_id is None or best > RTOL:
        return None
    if best > 0.1 * _distance(got, right):  # too close to call against the right run
        return None
    return get(mistake_id)
