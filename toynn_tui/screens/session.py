"""The training screen's session: the net it trains and everything that decides its numbers,
without drawing any of it (no Textual here).

A `TrainingSession` holds the net, the base net and the knobs on it, the data split, the
speed and warm-up, whether it plays or has stopped by itself, the pacer of the frames at
"max" and the background trainer (background.py). The screen holds one session, and its
keys, frames and playground (training_keys.py, frames.py, playground.py) change the session
and then draw it. The error history is the error panel's, handed in, so both see one record.
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from toynn_tui.engine import SPECS, Net, Spec, article
from toynn_tui.engine import data as engine_data
from toynn_tui.engine.knobs import LABELS, OWN, SPEC_FIELDS, Knobs, is_2d, show
from toynn_tui.i18n import _
from toynn_tui.screens.background import Session as Stretch
from toynn_tui.screens.background import Trainer
from toynn_tui.screens.pacing import Pacer, warmup_frame

# Iterations per frame, slowest first; None is "max": compute for what the
# pacer allows (a frame of ~48 ms minus the drawing), draw, repeat.
SPEEDS: tuple[int | None, ...] = (1, 10, 100, 1000, None)


@dataclass
class Settings:
    """How the app starts (from the command line, or from a test)."""

    layers: int = 3
    spec: str | Spec | None = None  # a net of engine.SPECS (by name); None: the article's `layers`-layer net
    seed: int = 1
    speed: int | None = 100
    paused: bool = False
    iterations: int | None = None  # None: the net's own count (the article's: 10 000 or 60 000)
    warmup: bool = True  # start each run slowly (pacing.warmup_frame); `+` while it shows ends it
    weights: list[np.ndarray] | None = field(default=None, repr=False)  # tests: start from these
    # The playground's knobs set from the start (--dataset, --hidden, --alpha, ...): dataset, noise,
    # hidden, hidden_layers, and Spec fields (alpha, bias, batch_size, clip, lam, dropout, momentum,
    # batchnorm). Any of them: the playground's panels show from the start.
    knobs: dict = field(default_factory=dict)
    backend: str = "numpy"   # where the nets train (engine/backend.py); the code panel shows NumPy's text

    def start_spec(self) -> Spec:
        if self.spec is None:
            return article(self.layers)
        return self.spec if isinstance(self.spec, Spec) else SPECS[self.spec]

    def start_knobs(self, base: Spec) -> Knobs:
        """The knobs the app starts with: the base net's, with the ones given set."""
        k = dict(self.knobs)
        knobs = Knobs.from_spec(base, dataset=k.pop("dataset", None) or OWN,
                                noise=k.pop("noise", engine_data.NOISE))
        changes = {key: k[key] for key in ("hidden_layers", "hidden") if k.get(key) is not None}
        changes.update({f: k[f] for f in SPEC_FIELDS if f in k})
        if changes.get("hidden_layers") == 0:
            changes.pop("hidden", None)
        elif "hidden" in changes and not knobs.sizes and "hidden_layers" not in changes:
            changes["hidden_layers"] = 1   # --hidden N on the 2-layer net: one hidden layer
        return knobs.with_(**{key: changes[key] for key in ("hidden_layers",) if key in changes}).with_(
            **{key: v for key, v in changes.items() if key != "hidden_layers"})


class TrainingSession:
    """One net in training, its data and knobs, and how it is played."""

    def __init__(self, settings: Settings, history) -> None:
        """`history`: the error panel's ErrorHistory (samples are added to it)."""
        self.settings = settings
        self.history = history
        self.speed: int | None = settings.speed if settings.speed in SPEEDS else 100
        self.warmup = settings.warmup
        self.base: Spec = settings.start_spec()        # the net the knobs are applied to
        self.knobs: Knobs = settings.start_knobs(self.base)
        self.split: engine_data.Split = self.knobs.split(self.base)   # training set, test set
        self.playground = bool(settings.knobs)   # show the boundary and the diagram (once a knob is set)
        self.last_change = ""                    # what the last knob change did (continued / restarted)
        self.continued = False                   # the net was rebuilt from another's weights (a knob)
        self.halted: str | None = None           # "finished" / "overflow" once training stopped by itself
        self.net: Net = self.new_net(self.spec_now(), settings.seed)
        self.rate_window: deque[tuple[float, int]] = deque()   # (time, iteration) over the last second
        self.pacer = Pacer()
        self.trainer: Trainer | None = None   # the worker process, started on first play at "max"
        self.stretch: Stretch | None = None   # the worker's current stretch of play, if any
        self._playing = False

    # -- the net ---------------------------------------------------------------
    def spec_now(self) -> Spec:
        """The net the knobs stand for, on the current data."""
        return self.knobs.spec(self.base, self.split.X.shape[1], self.split.y.shape[1])

    def new_net(self, spec: Spec, seed: int) -> Net:
        weights = self.settings.weights
        if weights is not None and [np.shape(w) for w in weights] != list(spec.param_shapes().values()):
            weights = None  # given for the other net (t switched)
        self.continued = False
        split = self.split
        return Net(spec=spec, seed=seed, iterations=self.settings.iterations, weights=weights,
                   X=split.X, y=split.y, backend=self.settings.backend)

    def shows_playground(self) -> bool:
        return self.playground and is_2d(self.net.X)

    def replace(self, spec: Spec, seed: int) -> bool:
        """Back to iteration 0 on `spec` from `seed`, paused; True when the net is a new one."""
        self.sync()
        new = not (spec == self.net.spec and not self.continued and self.net.X is self.split.X)
        if new:
            self.net = self.new_net(spec, seed)
        else:
            self.net.reset(seed)
        self.halted = None
        self.playing = False
        self.history.clear()
        self.rate_window.clear()
        return new

    def rebase(self, base: Spec, dataset: str) -> None:
        """Another net under the knobs: the knobs become its own options (the data set kept)."""
        self.base = base
        self.knobs = Knobs.from_spec(base, dataset=dataset, noise=self.knobs.noise)
        self.split = self.knobs.split(base)

    def apply_knobs(self, knobs: Knobs, knob: str = "") -> tuple[str, bool]:
        """Run on `knobs` from now on: (what happened, whether training continued). Same parameter
        shapes and data set: it continues with the current weights (and iteration count); else
        it restarts at 0."""
        self.sync()   # the worker's numbers first, if it was training at "max"
        old, old_knobs = self.net, self.knobs
        self.knobs = knobs
        if (knobs.dataset, knobs.noise, knobs.bias) != (old_knobs.dataset, old_knobs.noise, old_knobs.bias):
            self.split = knobs.split(self.base)
        spec = self.spec_now()
        what = (f"{_(LABELS[knob]) if knob in LABELS else knob} {show(knob, knobs.get(knob), self.base)}"
                if knob else _("knobs"))
        same = (spec.param_shapes() == old.spec.param_shapes() and knobs.dataset == old_knobs.dataset
                and self.split.X.shape == old.X.shape)
        if same:
            self.net = _continued(old, spec, self.split)
            self.continued = True
            if self.halted == "overflow" or (self.halted == "finished" and not self.net.done):
                self.halted = None
            message = _("{what}: continued at iteration {iteration:,} with the same weights").format(
                what=what, iteration=self.net.iteration)
        else:
            self.net = self.new_net(spec, old.seed)
            self.halted = None
            self.history.clear()
            message = _("{what}: new shapes, restarted at iteration 0 ({net})").format(
                what=what, net=spec.describe())
            if knobs.dataset != old_knobs.dataset:
                message = _("{what}: new data, restarted at iteration 0").format(what=what)
        self.playground = True
        self.last_change = message
        self.rate_window.clear()
        return message, same

    # -- running -----------------------------------------------------------------
    def frame_size(self) -> int:
        """Iterations the next frame runs at a fixed speed: the speed, or less while warming up."""
        if not self.warmup:
            return self.speed
        return min(self.speed, warmup_frame(self.net.iteration))

    def warming_up(self) -> bool:
        """Is the warm-up holding the frames below the chosen speed right now?"""
        return self.playing and self.speed is not None and self.frame_size() < self.speed

    def set_speed(self, direction: int) -> None:
        self.sync()   # leaving "max": the worker's numbers first
        i = min(max(SPEEDS.index(self.speed) + direction, 0), len(SPEEDS) - 1)
        self.speed = SPEEDS[i]
        self.rate_window.clear()

    def run(self, k: int) -> None:
        """Run k iterations, sampling the error as often as the history keeps samples.

        The history's spacing starts at 1 iteration and doubles as it fills, so a
        fast frame still records the steep first iterations and the calls to
        `Net.run` per frame stay few.
        """
        net, history = self.net, self.history
        while k > 0:
            n = min(k, history.every)
            net.run(n)
            k -= n
            history.add(net.iteration, net.error)

    def advanced(self) -> str | None:
        """After the net moved: record its error and the rate; the reason it stopped by itself
        just now ("overflow", "finished"), if it did."""
        net = self.net
        if net.error is not None:
            self.history.add(self.measured_at(), net.error)
        now = time.perf_counter()
        self.rate_window.append((now, net.iteration))
        while len(self.rate_window) > 2 and now - self.rate_window[0][0] > 1.0:
            self.rate_window.popleft()
        reason = "overflow" if not net.finite else "finished" if net.done and net.line == 0 else None
        if reason is None or self.halted == reason:
            return None
        self.playing = False
        self.halted = reason
        return reason

    def measured_at(self) -> int:
        """The 1-based iteration whose forward pass produced `net.error`."""
        net = self.net
        err_name = net.out_name + "_error"
        err_line = next(i for i, ln in enumerate(net.loop) if err_name in ln.writes)
        return net.iteration + (1 if net.line > err_line else 0)

    def rate(self) -> float | None:
        """Iterations per second over the last second of play (None when paused)."""
        w = self.rate_window
        if not self.playing or len(w) < 2 or w[-1][0] <= w[0][0]:
            return None
        return (w[-1][1] - w[0][1]) / (w[-1][0] - w[0][0])

    # -- "max" in the worker process ---------------------------------------------
    # Anything that stops play, changes speed or touches the net first calls `sync()`
    # (setting `playing` to False does), which takes the worker's exact final state.
    @property
    def playing(self) -> bool:
        return self._playing

    @playing.setter
    def playing(self, value: bool) -> None:
        if not value:
            self.sync()
        self._playing = value

    def sync(self) -> None:
        """End the background stretch, if any: the net then holds the worker's final numbers."""
        stretch, self.stretch = self.stretch, None
        if stretch is not None:
            self._add_samples(stretch.stop())

    def background_frame(self) -> bool:
        """One frame at "max" from the worker's snapshots; False when there is no worker to use
        (then the screen computes the frame itself)."""
        if self.trainer is None:
            self.trainer = Trainer()
        stretch = self.stretch
        if stretch is None or stretch.net is not self.net:
            self.sync()
            if self.net.line or not self.trainer.usable():
                return False
            stretch = self.stretch = Stretch(self.trainer, self.net)
        self._add_samples(stretch.drain())
        if stretch.done or self.trainer.broken:
            self.stretch = None
        return True

    def close(self) -> None:
        """The screen is going: stop the worker (nothing left to draw its last numbers on)."""
        stretch, self.stretch = self.stretch, None
        if stretch is not None:
            stretch.stop()
        if self.trainer is not None:
            self.trainer.close()
            self.trainer = None

    def _add_samples(self, samples: list) -> None:
        for iteration, error in samples:
            if error is not None:
                self.history.add(iteration, error)


def _continued(old: Net, spec: Spec, split: engine_data.Split) -> Net:
    """A net on `spec` that goes on from `old`: its weights, iteration and random stream."""
    if old.line:                 # finish the update in progress (line mode) first
        old.run(1)
    net = Net(spec=spec, seed=old.seed, iterations=old.total, weights=old.weights, X=split.X, y=split.y,
              backend=old.backend)
    net.iteration = old.iteration
    net.rng.set_state(old.rng.get_state())   # the same random stream goes on (shuffles, dropout masks)
    if spec.momentum is not None and old.spec.momentum is not None:
        for j in range(spec.depth):
            setattr(net.s, f"v{j}", getattr(old.s, f"v{j}"))
    return net
