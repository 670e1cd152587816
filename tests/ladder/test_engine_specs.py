"""The engine's specs: every variant's generated lines, run line by line and compiled whole,
against a plain numpy loop written here by hand for each option (an independent reference)."""
from __future__ import annotations

import numpy as np
import pytest

from toynn_tui import engine

SPECS = list(engine.SPECS.values())


def plain(spec: engine.Spec, seed: int, n: int, X: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """One hidden layer (or more, for plain nets), every option written out by hand, global RNG."""
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    np.random.seed(seed)
    k = len(spec.sizes) - 1
    W = [2 * np.random.random((spec.sizes[j], spec.sizes[j + 1])) - 1 for j in range(k)]
    B = [np.zeros(spec.sizes[j + 1]) for j in range(k)]
    G = {j: np.ones(spec.sizes[j]) for j in range(1, k)}
    Be = {j: np.zeros(spec.sizes[j]) for j in range(1, k)}
    V = [np.zeros_like(w) for w in W]
    a = 1.0 if spec.alpha is None else spec.alpha
    nb = -(-len(X) // spec.batch_size) if spec.batch_size else 1
    clip = (lambda d: np.clip(d, -spec.clip, spec.clip)) if spec.clip is not None else (lambda d: d)
    for i in range(n):
        if spec.batch_size:
            if i % nb == 0:
                order = np.random.permutation(len(X))
            rows = order[i % nb * spec.batch_size:(i % nb + 1) * spec.batch_size]
            xs, ys = X[rows], y[rows]
        else:
            xs, ys = X, y
        acts, ins, masks, norm = [xs], [xs], {}, {}
        for j in range(1, k + 1):
            z = ins[-1] @ W[j - 1] + (B[j - 1] if spec.bias else 0)
            if spec.batchnorm and j < k:
                std = np.sqrt(z.var(axis=0) + spec.eps)
                zh = (z - z.mean(axis=0)) / std
                norm[j] = (zh, std)
                z = G[j] * zh + Be[j]
            h = sig(z)
            acts.append(h)
            if spec.dropout is not None and j < k:
                masks[j] = (np.random.random(h.shape) >= spec.dropout) / (1 - spec.dropout)
                h = h * masks[j]
            ins.append(h)
        deltas = {k: clip((ys - acts[k]) * acts[k] * (1 - acts[k]))}
        back = {k: deltas[k]}
        for j in range(k - 1, 0, -1):
            err = back[j + 1] @ W[j].T * (masks[j] if j in masks else 1)
            deltas[j] = clip(err * acts[j] * (1 - acts[j]))
            back[j] = deltas[j]
            if spec.batchnorm:
                zh, std = norm[j]
                g = deltas[j] * G[j]
                back[j] = (g - g.mean(axis=0) - zh * (g * zh).mean(axis=0)) / std
        for j in range(k, 0, -1):
            grad = ins[j - 1].T @ back[j] - (spec.lam * W[j - 1] if spec.lam is not None else 0)
            if spec.momentum is not None:
                V[j - 1] = spec.momentum * V[j - 1] + grad
                grad = V[j - 1]
            W[j - 1] += a * grad
            if spec.bias:
                B[j - 1] += a * back[j].sum(axis=0)
            if spec.batchnorm and j < k:
                G[j] += a * (deltas[j] * norm[j][0]).sum(axis=0)
                Be[j] += a * deltas[j].sum(axis=0)
    out = list(W) + (list(B) if spec.bias else [])
    for j in range(1, k):
        if spec.batchnorm:
            out += [G[j], Be[j]]
    return out


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_spec_matches_a_hand_written_loop(spec):
    X, y = engine.data.load(spec.data)
    net = engine.Net(spec=spec, seed=3, X=X, y=y)
    net.run(25)
    expected = plain(spec, 3, 25, X.astype(float), y.astype(float))
    assert [w.shape for w in net.weights] == [w.shape for w in expected]
    for got, want in zip(net.weights, expected):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_line_by_line_gives_the_same_bits_as_the_fast_path(spec):
    by_line = engine.Net(spec=spec, seed=2)
    for _ in range(3 * len(by_line.loop) + 2):   # three updates and two lines of the fourth
        by_line.step_line()
    by_line.run(5)                                 # finishes the fourth, then four more
    whole = engine.Net(spec=spec, seed=2)
    whole.run(8)
    assert by_line.iteration == whole.iteration == 8
    for a, b in zip(by_line.weights, whole.weights):
        assert np.array_equal(a, b)


def test_the_engine_leaves_the_global_random_state_alone():
    np.random.seed(123)
    expected = np.random.random(3)
    np.random.seed(123)
    engine.Net(spec=engine.SPECS["everything"]).run(20)
    assert np.array_equal(np.random.random(3), expected)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_code_panel_lines_name_every_option_that_is_on(spec):
    text = "\n".join(line.text for line in engine.loop(spec))
    for option, word in (("alpha", "alpha *"), ("clip", "np.clip"), ("lam", "lam *"), ("dropout", "np.random.random"),
                         ("momentum", "momentum *"), ("batch_size", "np.random.permutation")):
        assert (word in text) == (getattr(spec, option) is not None), option
    assert ("gamma1" in text) == spec.batchnorm
    assert (" + b0" in text) == spec.bias
