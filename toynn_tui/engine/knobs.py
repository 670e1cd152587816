"""The playground's knobs: the data set (and its noise) and every option of a `Spec` a learner
may turn, as one value (pure: no drawing here; the dialog is screens/knobs.py).

`Knobs.spec(base, n_in, n_out)` is the net they stand for (the base net with the knobs applied
through `Spec.with_`), and `Knobs.split(base)` the data it trains on. A change either keeps the
parameters' shapes and the data set (alpha, L2, clipping, momentum, dropout, batch size,
noise): training continues with the current weights; or it changes them (hidden sizes, bias
units, batch norm, data set): training restarts.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from toynn_tui.engine import data
from toynn_tui.engine.spec import Spec
from toynn_tui.i18n import N_, _

OWN = "own"  # the data set: the net's own (Spec.data), not one of the playground's
PLAYGROUND_NAME, PLAYGROUND_TITLE = "playground", N_("the playground")

# The values each knob steps through (None: the option is off; a net's own value is added in).
CHOICES: dict[str, tuple] = {
    "dataset": (OWN,) + data.PLAYGROUND,
    "noise": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5),
    "hidden_layers": (0, 1, 2, 3, 4),
    "hidden": (1, 2, 3, 4, 5, 6, 8, 10, 12, 16),
    "bias": (False, True),
    # "none" sits where its value does (alpha 1, the full batch the largest): → always turns up.
    "alpha": (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, None, 2.0, 3.0, 10.0),
    "batch_size": (1, 2, 4, 8, 16, 32, 64, None),
    "clip": (None, 0.01, 0.05, 0.1, 0.5, 1.0),
    "lam": (None, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03),
    "dropout": (None, 0.1, 0.2, 0.3, 0.5),
    "momentum": (None, 0.5, 0.9, 0.99),
    "batchnorm": (False, True),
}
# Marked for the catalogue; `_()` where they are shown (screens/knobs.py, screens/session.py).
LABELS = {"dataset": N_("data set"), "noise": N_("noise"), "hidden_layers": N_("hidden layers"),
          "hidden": N_("hidden width"), "bias": N_("bias units"), "alpha": "alpha", "batch_size": N_("batch size"),
          "clip": N_("delta trimming"), "lam": N_("L2 (lam)"), "dropout": N_("dropout p"),
          "momentum": N_("momentum"), "batchnorm": N_("batch norm")}
ORDER = tuple(CHOICES)
# What "none" stands for, where it is not "off" (the smallest): for ordering the choices.
NONE_MEANS = {"alpha": 1.0, "batch_size": float("inf")}
# Changing one of these changes the parameters' shapes or the data: training restarts.
RESTARTS = ("dataset", "hidden_layers", "hidden", "bias", "batchnorm")
SPEC_FIELDS = ("bias", "alpha", "batch_size", "clip", "lam", "dropout", "momentum", "batchnorm")


@dataclass(frozen=True)
class Knobs:
    dataset: str = OWN
    noise: float = data.NOISE
    sizes: tuple[int, ...] = (4,)        # the hidden layers' widths
    width: int = 4                       # the width of a hidden layer added (and with none: kept)
    bias: bool = False
    alpha: float | None = None
    batch_size: int | None = None
    clip: float | None = None
    lam: float | None = None
    dropout: float | None = None
    momentum: float | None = None
    batchnorm: bool = False
    seed: int = data.SEED                # the data set's seed

    @classmethod
    def from_spec(cls, spec: Spec, dataset: str = OWN, noise: float = data.NOISE) -> "Knobs":
        hidden = tuple(spec.sizes[1:-1])
        return cls(dataset=dataset, noise=noise, sizes=hidden, width=hidden[-1] if hidden else 4,
                   **{f: getattr(spec, f) for f in SPEC_FIELDS})

    def with_(self, **changes) -> "Knobs":
        """Knobs with some changed; `hidden` (every hidden layer's width) and `hidden_layers` (how many)
        are set through `sizes`."""
        if "hidden_layers" in changes:
            n = int(changes.pop("hidden_layers"))
            width = self.sizes[-1] if self.sizes else self.width
            changes["sizes"] = (self.sizes + (width,) * n)[:n]
        if "hidden" in changes:
            w = changes["width"] = int(changes.pop("hidden"))
            changes["sizes"] = (w,) * len(changes.get("sizes", self.sizes))
        return dataclasses.replace(self, **changes)

    def get(self, knob: str):
        if knob == "hidden_layers":
            return len(self.sizes)
        if knob == "hidden":
            return self.sizes[-1] if self.sizes else self.width
        return getattr(self, knob)

    # -- what they stand for ---------------------------------------------
    def split(self, base: Spec) -> data.Split:
        """The data: the net's own (no test set), or a playground set (a column of ones when the
        net has no bias units, as the article's X)."""
        if self.dataset == OWN:
            X, y = data.load(base.data)
            return data.Split(X, y, X[:0], y[:0])
        return data.make(self.dataset, noise=self.noise, seed=self.seed, ones=not self.bias)

    def spec(self, base: Spec, n_in: int, n_out: int = 1) -> Spec:
        """The base net with these knobs: the base itself when nothing differs from it."""
        spec = base.with_(sizes=(n_in, *self.sizes, n_out), **{f: getattr(self, f) for f in SPEC_FIELDS})
        if self.dataset == OWN and spec == base:
            return base
        return spec.with_(name=PLAYGROUND_NAME, title=PLAYGROUND_TITLE)

    def changed(self, other: "Knobs") -> list[str]:
        return [k for k in ORDER if self.get(k) != other.get(k)]


def choices(knobs: Knobs, knob: str) -> list:
    """The values `knob` steps through: its list, with the current value in its place if it is not one."""
    values = list(CHOICES[knob])
    now = knobs.get(knob)
    if now not in values:
        values.append(now)
        none = NONE_MEANS.get(knob, -1.0)   # elsewhere "off": before every value
        values.sort(key=lambda v: none if v is None else float(v))
    return values


def turned(knobs: Knobs, knob: str, step: int) -> Knobs:
    """The knobs with `knob` one step up (+1) or down (-1), stopping at the ends."""
    values = choices(knobs, knob)
    i = values.index(knobs.get(knob))
    j = min(max(i + step, 0), len(values) - 1)
    if j == i:
        return knobs
    return knobs.with_(**{knob: values[j]})


def show(knob: str, value, base: Spec | None = None) -> str:
    if knob == "dataset":
        return _("own ({data})").format(data=base.data) if value == OWN and base is not None else str(value)
    if isinstance(value, bool):
        return _("on") if value else _("off")
    if value is None:
        if knob == "batch_size":
            return _("full batch")
        if knob == "alpha":
            return _("none (=1)")
        return _("off")
    return f"{value:g}" if isinstance(value, float) else str(value)


def knob_note(knobs: Knobs, knob: str) -> str:
    """Why a knob does nothing now, or what it stands for; "" when there is nothing to say."""
    if knob == "noise" and knobs.dataset in (OWN, "article"):
        return _("(no effect on this data set)")
    if knob == "hidden" and not knobs.sizes:
        return _("(no effect: no hidden layer)")
    if knob == "hidden_layers" and knobs.sizes and len(set(knobs.sizes)) > 1:
        return _("(widths {widths})").format(widths="-".join(map(str, knobs.sizes)))
    return ""


def is_2d(X: np.ndarray) -> bool:
    """Data the boundary can be drawn for: two inputs, or two and a column of ones (the article's X)."""
    X = np.asarray(X)
    if X.ndim != 2:
        return False
    return X.shape[1] == 2 or (X.shape[1] == 3 and len(X) > 0 and bool(np.all(X[:, 2] == 1)))
