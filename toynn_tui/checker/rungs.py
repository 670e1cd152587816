"""Every network exercise as its checks see it (the article's two nets, rungs 4-13), from its net spec.

A rung is a spec (`engine.SPECS[net]`) plus the keyword arguments of its
train() (`defaults` in ladder.toml) and the sets of other values the checks try
(`others`: one short call each, "other1", "other2", ..., chosen so that every
option of the contract binds in some call). The plan and every expected value
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
from toynn_tui.checker.runs import trained
from toynn_tui.checker.sandbox import Call

SEED, OTHER_SEED, OTHER_TARGET_SEED, SHORT_RUN = 1, 7, 3, 200   # other set k (1, 2, ...) runs from seed 3 + k - 1
PREDICT_CHECK = "predict uses every unit (no dropout)"
def configure(base: engine.Spec, kwargs: dict, X: np.ndarray, y: np.ndarray) -> engine.Spec:
    """The spec train(X, y, **kwargs) stands for (engine.Spec.configure with X's and y's widths)."""
    return base.configure(kwargs, X.shape[1], y.shape[1])


class Rung:
    """One network rung as the checks see it: its spec, keywords, inputs and calls."""

    def __init__(self, exercise) -> None:
        self.exercise = exercise
        self.base = engine.get_spec(exercise.net)
        self.defaults = dict(exercise.defaults)
        # every set of other settings, the defaults filled in; `other` is the first
        self.others = [{**self.defaults, **o} for o in (exercise.others or (exercise.other,))]
        self.other = self.others[0]
        X, y = engine.data.load(self.base.data)
        self.inputs = {"X": X, "y": y, "y_other": 1 - y}
        self.spec = configure(self.base, self.defaults, X, y)
        self.calls = {   # name -> (target input, seed, iterations or None for the defaults, keywords)
            "start": ("y", SEED, 0, self.defaults),
            "step": ("y", SEED, 1, self.defaults),
            "seed": ("y", OTHER_SEED, SHORT_RUN, self.defaults),
            **{name: ("y_other", OTHER_TARGET_SEED + k, SHORT_RUN, kwargs)
               for k, (name, kwargs) in enumerate(zip(self.other_names, self.others))},
            "full": ("y", SEED, None, {}),
        }
        # predict() must use every unit: called on the starting weights, for the rungs whose ladder entry
        # lists the check (dropout's: a prediction is where dropout must be off)
        self.predicts = PREDICT_CHECK in exercise.checks
        if self.predicts:
            self.inputs.update({f"w{i}": w for i, w in enumerate(engine.init_weights(SEED, spec=self.spec))})

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

    def warm(self) -> None:
        for name in self.calls:
            self.reference(name)
