"""The plan's secret values: new on every run, inside the ranges where the contract's clauses bind."""
from __future__ import annotations

import numpy as np

from toynn_tui import engine, ladder
from toynn_tui.checker import secret
from toynn_tui.checker.rungs import Rung
from toynn_tui.checker.secret import Draw


def test_two_checks_draw_other_values():
    ex = ladder.get("exercise13")
    a, b = Rung(ex), Rung(ex)
    assert a.calls["seed"][1] != b.calls["seed"][1]
    assert a.calls["other1"] != b.calls["other1"]
    # the contract's own calls do not move: they are the article's and the contract's numbers
    assert [a.calls[n] for n in ("start", "step", "full")] == [b.calls[n] for n in ("start", "step", "full")]


def test_a_rate_never_lands_on_the_default():
    """Momentum 0.8 moved up by 12.5% is the default 0.9: a file that ignores the argument would pass."""
    draw = Draw(11, (12,), ((1.0, 1.0, 1.0, 1.0, 1.125),), 13, secret.MIN_RUN)
    assert draw.settings(0, {"momentum": 0.8, "alpha": 0.3}, {"momentum": 0.9, "alpha": 0.2})["momentum"] == 0.8
    moved = Draw(11, (12,), ((1.0, 1.0, 1.0, 1.0, 1.1),), 13, secret.MIN_RUN)
    assert moved.settings(0, {"momentum": 0.8}, {"momentum": 0.9})["momentum"] == 0.88


def test_rates_move_only_the_way_their_clauses_bind_and_keep_their_range():
    for k in range(50):
        draw = Draw.seeded(k, 1)
        got = draw.settings(0, {"alpha": 20.0, "clip": 0.02, "lam": 0.002, "p": 0.9, "momentum": 0.9, "hidden": 4}, {})
        assert 20.0 <= got["alpha"] <= 23.0 and 0.017 <= got["clip"] <= 0.02 and 0.0017 <= got["lam"] <= 0.002
        assert 0.9 <= got["p"] <= 0.95 and 0.9 <= got["momentum"] <= 0.95 and got["hidden"] == 4
        assert secret.MIN_RUN <= draw.short_run <= secret.MAX_RUN and draw.other_seed >= secret.SEEDS[0]


def test_the_other_target_is_what_test_code_shows():
    for name in ("xor", "circle2"):
        _, y = engine.data.load(name)
        for k in range(20):
            seed, target = Draw.seeded(k, 1).target(y)
            code = secret.TARGET_CODE.format(seed=seed)
            assert np.array_equal(eval(code, {"np": np, "y": y}), target)   # trusted test data
            assert not np.array_equal(target, y) and set(np.unique(target)) == {0.0, 1.0}
