"""The part of a network check's plan that is drawn anew, in secret, for every run.

A plan that is the same every time can be answered without a network: a file
holding a table from (iterations, seed, target) to the right weights, computed
offline, would pass. So the trusted side draws, per check and from the
operating system's entropy, everything a correct `train` must handle but a
table cannot know in advance: the other seed, the seeds and the target of the
other settings' calls, the short runs' length, and the other settings' rates.
The learner's child sees only the calls themselves (their arguments), and only
once it runs; the report's test_code shows what this run used, and the next
run uses other values.

Every draw stays inside ranges where the contract holds and its clauses still
bind (tests/ladder/test_clauses.py runs them at the ranges' corners and between):
seeds are any seeds; a short run keeps at least MIN_RUN updates (long enough
for a clip to bind once a large alpha has grown syn1); a rate moves by at most
RATE_SPREAD of the ladder's value, and only the way that makes its clauses bind
no less (a larger step, momentum or dropout chance grows the weights; a smaller
clip trims more, a smaller L2 pull lets them grow), keeping its own range (a
chance stays a chance). Sizes,
widths and batch sizes stay the ladder's: they are chosen for what they show
(another depth, a partial last batch), and a seed already makes them new.
The contract's own call (the defaults, seed 1) and the article's printed run
stay fixed: they are the article's numbers.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

MIN_RUN, MAX_RUN = 180, 260    # updates of a short call
RATE_SPREAD = 0.15             # a rate moves by at most this fraction of the ladder's value
SEEDS = (10, 2**31 - 2)        # other seeds: never the contract's 1 (nor a small seed a table tries first)
# train()'s keywords that are rates, not sizes, and the way each may move (+1 up, -1 down)
RATES = {"alpha": 1, "clip": -1, "lam": -1, "p": 1, "momentum": 1}
BELOW_ONE = ("p", "momentum")  # a chance and a decay factor stay below 1


@dataclass(frozen=True)
class Draw:
    """One run's secret values: the other seed, per set of other settings its seed and factors,
    the other target's seed, and the short runs' length."""

    other_seed: int
    set_seeds: tuple[int, ...]
    factors: tuple[tuple[float, ...], ...]   # per set: one factor per rate, in RATES order (`factor`)
    target_seed: int
    short_run: int

    @classmethod
    def secret(cls, sets: int) -> "Draw":
        """A fresh draw from the system's entropy (random.SystemRandom: nothing a file can replay)."""
        return cls.from_random(random.SystemRandom(), sets)

    @classmethod
    def seeded(cls, seed: int, sets: int) -> "Draw":
        """A reproducible draw, for tests and benchmarks (never for a learner's check)."""
        return cls.from_random(random.Random(seed), sets)

    @classmethod
    def from_random(cls, rng: random.Random, sets: int) -> "Draw":
        seed = lambda: rng.randint(*SEEDS)   # noqa: E731
        return cls(other_seed=seed(), set_seeds=tuple(seed() for _ in range(sets)),
                   factors=tuple(tuple(factor(name, rng.random()) for name in RATES) for _ in range(sets)),
                   target_seed=seed(), short_run=rng.randint(MIN_RUN, MAX_RUN))

    def settings(self, k: int, kwargs: dict, defaults: dict) -> dict:
        """Set k's keywords with each rate moved by its factor (3 significant digits, shown as typed).
        A rate never lands on the defaults' value where the ladder's set differs from it: a file
        that ignores the argument and uses the default would pass that call."""
        out = dict(kwargs)
        for name, f in zip(RATES, self.factors[k]):
            value = out.get(name)
            if isinstance(value, float) and not isinstance(value, bool):
                moved = float(f"{value * f:.3g}")
                moved = min(moved, 0.95) if name in BELOW_ONE else moved
                out[name] = value if moved == defaults.get(name) != value else moved
        return out

    def target(self, y: np.ndarray) -> tuple[int, np.ndarray]:
        """The other target and the seed that makes it: a 0/1 array of y's shape, with both classes
        in every column and not y itself (the first such seed from target_seed on)."""
        seed = self.target_seed
        while True:
            t = target_of(seed, y.shape)
            if t.min(axis=0).max() == 0 and t.max(axis=0).min() == 1 and not np.array_equal(t, y):
                return seed, t
            seed = (seed + 1) % 2**32


def factor(rate: str, u: float) -> float:
    """The factor of `rate` at u in [0, 1] of its range: 1 (the ladder's value) to 1 +- RATE_SPREAD."""
    return round(1 + RATES[rate] * u * RATE_SPREAD, 3)


def target_of(seed: int, shape: tuple) -> np.ndarray:
    """The 0/1 target seed `seed` gives; TARGET_CODE writes the same expression for test_code."""
    return (np.random.RandomState(seed).random_sample(shape) < 0.5).astype(float)


TARGET_CODE = "(np.random.RandomState({seed}).random_sample(y.shape) < 0.5).astype(float)"
