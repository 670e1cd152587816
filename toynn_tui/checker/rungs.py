"""Every network exercise as its checks see it (the article's two nets, rungs 4-13), from its net spec.

A rung is a spec (`engine.SPECS[net]`) plus the keyword arguments of its
train() (`defaults` in ladder.toml) and the sets of other values the checks try
(`others`: one short call each, "other1", "other2", ..., chosen so that every
option of the contract binds in some call). The other seed, the other calls'
seeds, target, length and rates are this run's secret `Draw` (checker.secret):
a table of answers cannot know them. The plan and every expected value
come from the spec through the engine; nothing here is written per rung. The
checks' order: starting weights, ONE update from the
learner's own start, the run with the defaults, another seed and other
settings, it learns, inputs unchanged. One set of constants serves every net.
A wrong update or run is diagnosed by replaying the mistakes of
`mistakes.edits` (edits of the spec's line table) with the engine's own Net.
"""
from __future__ import annotations

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare
from toynn_tui.checker.runs import spread, trained
from toynn_tui.checker.sandbox import Call
from toynn_tui.checker.secret import TARGET_CODE, Draw

SEED = 1   # the contract's own seed: the start, the first update and the run with the defaults
PINNED = ("seed", "target")   # what a set of other settings may fix instead of drawing it
FLIPPED = "y_flipped"          # the input a set's pinned target "1 - y" is
PREDICT_CHECK = "predict uses every unit (no dropout)"
def configure(base: engine.Spec, kwargs: dict, X: np.ndarray, y: np.ndarray) -> engine.Spec:
    """The spec train(X, y, **kwargs) stands for (engine.Spec.configure with X's and y's widths)."""
    return base.configure(kwargs, X.shape[1], y.shape[1])


class Rung:
    """One network rung as the checks see it: its spec, keywords, inputs and calls."""

    def __init__(self, exercise, draw: Draw | int | None = None) -> None:
        """`draw`: this run's secret values (None: a fresh secret draw; an int: a reproducible draw
        from that seed, for tests and benchmarks)."""
        self.exercise = exercise
        self.base = engine.get_spec(exercise.net)
        self.defaults = dict(exercise.defaults)
        sets = [{**self.defaults, **o} for o in (exercise.others or (exercise.other,))]
        if not isinstance(draw, Draw):
            draw = Draw.secret(len(sets)) if draw is None else Draw.seeded(draw, len(sets))
        self.draw = draw
        # a set may pin its seed and its target (`seed`, `target = "1 - y"` in ladder.toml) where a
        # clause binds only from such a start (a clip on l1_delta needs syn1 grown past 4)
        pins = [{k: kw.pop(k) for k in PINNED if k in kw} for kw in sets]
        # every set of other settings, the defaults filled in and its rates drawn; `other` is the first
        self.others = [draw.settings(k, kw, self.defaults) for k, kw in enumerate(sets)]
        self.other = self.others[0]
        X, y = engine.data.load(self.base.data)
        target_seed, y_other = draw.target(y)
        self.inputs = {"X": X, "y": y, "y_other": y_other}
        self.setup = {"y_other": TARGET_CODE.format(seed=target_seed)}   # how test_code makes them
        if any("target" in p for p in pins):
            self.inputs[FLIPPED] = 1 - y
            self.setup[FLIPPED] = "1 - y"
        self.spec = configure(self.base, self.defaults, X, y)
        self.calls = {   # name -> (target input, seed, iterations or None for the defaults, keywords)
            "start": ("y", SEED, 0, self.defaults),
            "step": ("y", SEED, 1, self.defaults),
            "seed": ("y", draw.other_seed, draw.short_run, self.defaults),
            **{name: (FLIPPED if "target" in pin else "y_other", pin.get("seed", draw.set_seeds[k]),
                      draw.short_run, kwargs)
               for k, (name, kwargs, pin) in enumerate(zip(self.other_names, self.others, pins))},
            "full": ("y", SEED, None, {}),
        }
        # predict() must use every unit: called on the starting weights of the other seed, for the rungs
        # whose ladder entry lists the check (dropout's: a prediction is where dropout must be off)
        self.predicts = PREDICT_CHECK in exercise.checks
        if self.predicts:
            weights = engine.init_weights(draw.other_seed, spec=self.spec)
            self.inputs.update({f"w{i}": w for i, w in enumerate(weights)})
            self.setup.update({f"w{i}": f"train(X, y, iterations=0, seed={draw.other_seed})[{i}]"
                               for i in range(len(weights))})

    @property
    def other_names(self) -> list[str]:
        """The calls of the other settings, one per set: other1, other2, ..."""
        return [f"other{k}" for k in range(1, len(self.others) + 1)]

    def spec_of(self, name: str) -> engine.Spec:
        target, _, iterations, kwargs = self.calls[name]
        spec = configure(self.base, kwargs, self.inputs["X"], self.inputs[target])
        return spec if iterations is None else spec.with_(iterations=iterations)

    def plan(self) -> tuple[dict, list[str], list[Call]]:
        names, calls = [], []
        for name, (target, seed, iterations, kwargs) in self.calls.items():
            kw = {} if iterations is None else {**kwargs, "iterations": iterations, "seed": seed}
            names.append(name)
            calls.append(Call("train", ("X", target), kw, len(self.spec_of(name).param_names)))
        if self.predicts:
            names.append("predict")
            calls.append(Call("predict", ("X",) + tuple(f"w{i}" for i in range(len(self.spec.param_names)))))
        return dict(self.inputs), names, calls

    def reference(self, name: str, weights: list[np.ndarray] | None = None, lines=None) -> list[np.ndarray]:
        """The engine's answer to call `name` (from `weights` when given: the learner's own start)."""
        target, seed, _, _ = self.calls[name]
        spec = self.spec_of(name)
        if weights is None and lines is None:   # the reference itself: remembered (checker.runs)
            return trained(spec, self.inputs["X"], self.inputs[target], seed, spec.iterations)
        net = engine.Net(spec=spec, seed=seed, X=self.inputs["X"], y=self.inputs[target], weights=weights,
                         lines=lines)
        net.run(net.total)
        return [np.array(w) for w in net.weights]

    def matches(self, name: str, actual: list[np.ndarray]) -> bool:
        """The learner's parameters from call `name` are the reference's: `compare.same`, or, for a net
        that amplifies rounding, within the reference's own spread (the only one computed when asked)."""
        expected = self.reference(name)
        if compare.same(expected, actual):
            return True
        if len(expected) != len(actual) or any(e.shape != a.shape for e, a in zip(expected, actual)):
            return False
        target, seed, _, _ = self.calls[name]
        spec = self.spec_of(name)
        return compare.within(expected, actual, spread(spec, self.inputs["X"], self.inputs[target], seed,
                                                       spec.iterations))

    def warm(self) -> None:
        for name in self.calls:
            self.reference(name)
