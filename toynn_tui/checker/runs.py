"""The engine's training runs the checker compares against, remembered per process.

Both the checks (the reference answers) and the diagnosis (candidate runs:
one update too many, seed 1 whatever the seed says...) ask for
`engine.train(X, y, layers, iterations, seed)` many times over with the same
arguments; one table serves both, so a failing check does not train the
60 000-iteration run again to name the mistake. A long run is also kept on
disk (checker.refcache), so the next check does not compute it at all.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import refcache

_TRAINED: dict[tuple, list[np.ndarray]] = {}
_TRAINED_MAX = 64   # entries: a check needs about a dozen; past this the table starts afresh


def trained(net: int | engine.Spec, X: np.ndarray, y: np.ndarray, seed: int, iterations: int) -> list[np.ndarray]:
    """The parameters after `iterations` updates of `net` (the article's 2- or 3-layer net, or a
    spec) from seed `seed`'s start, remembered; a longer run goes on from a shorter one when it can.

    Going on from remembered weights gives the very same numbers as one run when an update
    reads nothing but the weights; a net with its own state across updates (the shuffle's and
    the dropout's random stream, momentum's velocities) is always run from the start. X and y
    are taken as floats (the same bits as integer data give), so every caller shares one key.
    Returns copies.
    """
    spec = engine.article(net) if isinstance(net, int) else net.with_(iterations=0)   # the count is ours
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    key = (spec, seed, (X.shape, X.tobytes(), y.shape, y.tobytes()), iterations)

    def run() -> list[np.ndarray]:
        stateless = spec.batch_size is None and spec.dropout is None and spec.momentum is None
        done = max((k[3] for k in list(_TRAINED) if k[:3] == key[:3] and k[3] <= iterations),
                   default=None) if stateless else None
        start = _TRAINED.get(key[:3] + (done,)) if done is not None else None
        if start is not None:
            net = engine.Net(spec=spec, X=X, y=y, weights=start)
            net.run(iterations - done)
        else:
            net = engine.Net(spec=spec, seed=seed, X=X, y=y)
            net.run(iterations)
        return [w.copy() for w in net.weights]
    return [w.copy() for w in _remembered(key, len(spec.param_names), run)]


def _remembered(key: tuple, count: int, compute) -> list[np.ndarray]:
    """The arrays kept under `key` in this process's table, else on disk (refcache), else `compute()`d
    (with the table started afresh when full) and kept in both."""
    found = _TRAINED.get(key)
    if found is None:
        found = refcache.load(key, count)
        if found is None:
            if len(_TRAINED) >= _TRAINED_MAX:
                _TRAINED.clear()
            found = compute()
            refcache.store(key, found)
        _TRAINED[key] = found
    return found


SPREAD_ULP = 4      # numpy's own bound between SIMD code paths (numpy#23523)
# starts nudged, each with its own deterministic signs. A chaotic run can end in one of two outcomes
# (batch norm at some seeds splits ~150 updates in): 3 starts missed the rarer one for 1 honest file
# in ~150 calls, 8 for none in 350 (bench/bench_spread.py: the largest then 2.8x the spread)
SPREAD_SAMPLES = 8


def spread(spec: engine.Spec, X: np.ndarray, y: np.ndarray, seed: int, iterations: int) -> list[float]:
    """Per parameter, how far the reference's own run moves when its start is nudged by SPREAD_ULP
    ULP: the largest |difference| over SPREAD_SAMPLES nudged starts, remembered like `trained`.

    Most nets forget such a nudge (a few ULP after 60 000 updates); a chaotic one (batch norm, whose
    gamma and beta steps sum over the examples) amplifies it a million-fold, and so amplifies the
    rounding of any equivalent order of operations a learner writes. The checker allows that much."""
    spec = spec.with_(iterations=0)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    key = (spec, ("spread", SPREAD_ULP, SPREAD_SAMPLES, seed), (X.shape, X.tobytes(), y.shape, y.tobytes()),
           iterations)

    def nudged_runs() -> list[np.ndarray]:
        reference = trained(spec, X, y, seed, iterations)
        start = engine.init_weights(seed, spec=spec)
        found = [np.zeros(1) for _ in start]   # kept as arrays, as the table and refcache keep weights
        for k in range(SPREAD_SAMPLES):
            signs = np.random.RandomState(k)
            nudged = [w + signs.choice([-SPREAD_ULP, SPREAD_ULP], w.shape) * np.spacing(w) for w in start]
            net = engine.Net(spec=spec, seed=seed, X=X, y=y, weights=nudged)   # the seed's own random stream
            net.run(iterations)
            for f, w, r in zip(found, net.weights, reference):
                f[0] = max(f[0], float(np.max(np.abs(np.asarray(w) - r), initial=0.0)))
        return found
    return [float(f[0]) for f in _remembered(key, len(spec.param_names), nudged_runs)]
