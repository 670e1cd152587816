"""The training screen: one Net from the engine, animated.

A 30 Hz timer drives the fixed speeds: while playing, each tick runs `speed`
iterations with `Net.run(k)` and then redraws the panels once; a run starts
with a warm-up (fewer iterations a frame, growing with the iteration count:
see pacing.warmup_frame) so the error's early fall is seen. At "max" the
engine trains in a worker process (background.py) and the screen draws its
snapshots, or, without a worker, computes for what the pacer (pacing.py)
allows (the frame loop is in frames.py). Every number on screen is read from
the engine's `Net`.

The net is any spec of the engine (`engine.SPECS`), with the playground's knobs
on top (playground.py): the article's two nets are drawn as they always were; a
bigger net gets row budgets from `_fit` so that every panel shows what fits and
says what it left out.
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from toynn_tui.engine import SPECS, Net, Spec, article
from toynn_tui.engine import data as engine_data
from toynn_tui.messages import Halted, LineRan
from toynn_tui.screens.background import BackgroundPlay
from toynn_tui.screens.frames import FrameLoop
from toynn_tui.screens.pacing import Pacer
from toynn_tui.screens import layout
from toynn_tui.screens.playground import Playground
from toynn_tui.screens.training_keys import SPEEDS, TrainingKeys  # noqa: F401 - SPEEDS: the app reads it here
from toynn_tui.widgets._rows import is_article
from toynn_tui.widgets._panel import retitle as _retitle
from toynn_tui.widgets.boundary import LEGEND, BoundaryPanel
from toynn_tui.widgets.code import CodePanel
from toynn_tui.widgets.deltas import DeltasPanel
from toynn_tui.widgets.diagram import DiagramPanel
from toynn_tui.widgets.error_panel import ErrorPanel
from toynn_tui.widgets.examples import ExamplesPanel
from toynn_tui.engine.knobs import OWN, SPEC_FIELDS, Knobs
from toynn_tui.widgets.status import StatusBar
from toynn_tui.widgets.too_small import TooSmall
from toynn_tui.widgets.weights import WeightsPanel


FPS = 30


def speed_label(speed: int | None) -> str:
    return "max" if speed is None else f"{speed}/frame"


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


class TrainingScreen(Playground, FrameLoop, BackgroundPlay, TrainingKeys, Screen):
    """Weights, examples, error, progress and the loop's code, live."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (layout.WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (layout.TALL, "-tall")]

    BINDINGS = [
        Binding("space", "toggle_play", "play"),
        Binding("s", "step", "step"),
        Binding("l", "step_line", "line"),
        # one footer entry for both speed keys, so every control fits in 80 columns
        Binding("plus,equals_sign", "faster", "speed", key_display="+/-", tooltip="+ faster, - slower"),
        Binding("minus,underscore", "slower", "slower", show=False),
        Binding("r", "reset", "reset"),
        Binding("n", "new_seed", "seed"),
        Binding("t", "switch_net", "net"),
        # not in the footer (full at 80 columns): help, the palette and the playground panels name it
        Binding("k", "knobs", "knobs", show=False),
    ]

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self._settings = settings
        self.net: Net | None = None
        self.speed: int | None = 100
        self.playing = False            # (a property: stopping takes the background worker's numbers)
        self.halted: str | None = None  # "finished" / "overflow" once training stopped by itself
        self.marks: frozenset[str] = frozenset()
        self._rate_window: deque[tuple[float, int]] = deque()
        self._max_last = 0.0  # when the "max" chain last ran a frame
        self._bg_last = 0.0   # when the chain of background frames last started one (0: not running)
        self._frames = 0      # redraws so far (at "max" in the background: the number panels every other)
        self._pacer = Pacer()
        self.base: Spec | None = None      # the net the knobs are applied to
        self.knobs: Knobs | None = None
        self.split: engine_data.Split | None = None   # the data: training set, test set
        self.playground = False            # show the boundary and the diagram (once a knob is set)
        self.last_change = ""              # what the last knob change did (continued / restarted)
        self._continued = False            # the net was rebuilt from another's weights (a knob)

    # -- set-up --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ExamplesPanel(id="examples")
                yield CodePanel(id="code")
                yield DeltasPanel(id="deltas")
                yield DiagramPanel(id="diagram")
            with Vertical(id="right"):
                yield BoundaryPanel(id="boundary")
                yield WeightsPanel(id="weights")
                yield ErrorPanel(id="error")
        yield TooSmall(id="too-small")
        # The palette (ctrl+p) is listed in help: its footer entry would cover keys at 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        s = self._settings or getattr(self.app, "settings", None) or Settings()
        self._settings = s
        self.speed = s.speed if s.speed in SPEEDS else 100
        self.warmup = s.warmup
        self.base = s.start_spec()
        self.knobs = s.start_knobs(self.base)
        self.playground = bool(s.knobs)
        self.split = self.knobs.split(self.base)
        self.net = self._new_net(self.spec_now(), s.seed)
        self._show_playground()
        self.playing = not s.paused
        self.query_one("#weights").border_title = "weights"
        self.query_one("#deltas").border_title = "deltas: each weight's push, per example"
        self.query_one("#error").border_title = "error: mean |y - output|"
        self.query_one("#diagram").border_title = "network"
        self._fit(self.app.size.width, self.app.size.height)
        self._redraw(layout=True)
        self.set_interval(1 / FPS, self._tick)

    def _new_net(self, spec: Spec, seed: int) -> Net:
        s = self._settings
        weights = s.weights
        if weights is not None and [np.shape(w) for w in weights] != list(spec.param_shapes().values()):
            weights = None  # given for the other net (t switched)
        self._continued = False
        split = self.split
        return Net(spec=spec, seed=seed, iterations=s.iterations, weights=weights, X=split.X, y=split.y)

    # -- the playground: knobs, boundary, diagram -------------------------------

    # -- the frame loop ------------------------------------------------------

    def _advanced(self, line_step: bool = False) -> None:
        """After the net moved: record the error, stop if needed, redraw."""
        net = self.net
        if not line_step:
            self.marks = frozenset()
        err = net.error
        if err is not None:
            self.query_one(ErrorPanel).history.add(self._measured_at(), err)
        now = time.perf_counter()
        self._rate_window.append((now, net.iteration))
        while len(self._rate_window) > 2 and now - self._rate_window[0][0] > 1.0:
            self._rate_window.popleft()
        if not net.finite:
            self._halt("overflow")
        elif net.done and net.line == 0:
            self._halt("finished")
        self._redraw()

    def _measured_at(self) -> int:
        """The 1-based iteration whose forward pass produced `net.error`."""
        net = self.net
        err_name = net.out_name + "_error"
        err_line = next(i for i, ln in enumerate(net.loop) if err_name in ln.writes)
        return net.iteration + (1 if net.line > err_line else 0)

    def _halt(self, reason: str) -> None:
        if self.halted == reason:
            return
        self.playing = False
        self.halted = reason
        self.post_message(Halted(reason, self.net.iteration))

    def rate(self) -> float | None:
        """Iterations per second over the last second of play (None when paused)."""
        w = self._rate_window
        if not self.playing or len(w) < 2 or w[-1][0] <= w[0][0]:
            return None
        return (w[-1][1] - w[0][1]) / (w[-1][0] - w[0][0])

    def _redraw(self, layout: bool = False) -> None:
        net = self.net
        code = self.query_one(CodePanel)
        _retitle(code, code.title_for(net))
        _retitle(self.query_one(ExamplesPanel), ExamplesPanel.title_for(net))
        # At "max" with the engine in its own process, the panels of numbers (unreadable at 30
        # changes a second anyway) are drawn every third frame, the diagram every other: the
        # boundary, the error and the status every frame. Drawing shares the machine with the
        # worker (two cores may be one core's two threads): less of it, more iterations.
        self._frames += 1
        busy = self._session is not None and not layout
        skip_numbers = busy and self._frames % 3
        for panel in (self.query_one(ExamplesPanel), code, self.query_one(DeltasPanel),
                      self.query_one(WeightsPanel)):
            if panel.display and not (skip_numbers and panel is not code):  # (the playground hides some)
                panel.draw(net, self.marks, layout=layout)
        if self.has_class("-playground"):
            self._draw_playground(layout, draw_diagram=not (busy and self._frames % 2))
        self.query_one(ErrorPanel).show()
        self._show_status()

    def _show_status(self) -> None:
        state = self.halted or ("playing" if self.playing else "paused")
        note = {"finished": "r: reset", "overflow": "NaN/inf weights! r: reset"}.get(self.halted or "", "")
        speed = speed_label(self.speed)
        if self.warming_up():
            speed = f"warm-up {self.frame_size()}→{speed}"
        # Mid-iteration (line mode) the iteration in progress, the one the error panel's
        # "now ... at iteration n" was measured in, not the count of finished ones.
        iteration = self.net.iteration + (1 if self.net.line else 0)
        self.query_one(StatusBar).show(state=state, iteration=iteration, total=self.net.total,
                                       rate=self.rate(), speed=speed, seed=self.net.seed,
                                       layers=self.net.layers, note=note, net=self.net_label())

    def net_label(self) -> str | None:
        """The status bar's name of the net: None for the article's (the bar names them by layers)."""
        spec = self.net.spec
        if is_article(self.net):
            return None
        data = "" if self.knobs is None or self.knobs.dataset == OWN else f" {self.knobs.dataset}"
        return f"{spec.name}: {spec.describe()}{data}"

    # -- sizes ---------------------------------------------------------------
    def error_history(self):
        return self.query_one(ErrorPanel).history

    def on_unmount(self) -> None:
        self.close_background()

    def on_screen_suspend(self) -> None:
        # Left for another mode (not a dialog on top, like help): stop, rather than train unseen.
        if self.playing and not isinstance(self.app.screen, ModalScreen):
            self.playing = False
            self._show_status()

    def on_screen_resume(self) -> None:
        # Back from help (or another mode): the size may have changed meanwhile.
        if self.net is not None:
            self._fit(self.app.size.width, self.app.size.height)
            self._redraw(layout=True)

    def on_resize(self, event) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Below the minimum size, swap the panels for a notice (never draw garbage); above it,
        give each panel of a bigger net its row budget."""
        self.query_one(TooSmall).fit(width, height)
        if self.net is not None:
            self._budget(height)

    def _budget(self, height: int) -> None:
        """Give each panel the lines screens/layout.py's budget allows it (and the playground's
        panels their heights)."""
        net = self.net
        rows = len(net.X) if net.spec.batch_size is None else min(net.spec.batch_size, len(net.X))
        shown = layout.Shown(loop_lines=len(net.loop), example_rows=rows, article=is_article(net),
                             playground=self.has_class("-playground"), deepest=max(net.spec.sizes),
                             legend=LEGEND)
        got = layout.budget(self.app.size.width, height, shown)
        if got.boundary is not None:
            self.query_one(BoundaryPanel).styles.height = got.boundary
            self.query_one(DiagramPanel).styles.min_height = got.diagram  # and what is left (1fr)
        self.set_class(got.packed, "-packed")  # its CSS drops the blank rows of -tall: every row counts
        changed = False
        for panel, lines in ((self.query_one(ExamplesPanel), got.examples), (self.query_one(CodePanel), got.code),
                             (self.query_one(DeltasPanel), got.deltas), (self.query_one(WeightsPanel), got.weights)):
            if panel.max_lines != lines:
                panel.max_lines = lines
                changed = True
        if changed:
            self._redraw(layout=True)

    # -- messages ------------------------------------------------------------
    def on_halted(self, message: Halted) -> None:
        if message.reason == "finished":
            self.notify(f"Training finished at iteration {message.iteration:,}. r starts again.",
                        title="Done")
        else:
            self.notify("The weights overflowed (NaN or inf), so training stopped. r resets.",
                        title="Overflow", severity="error")

    def on_line_ran(self, message: LineRan) -> None:
        code = self.query_one(CodePanel)
        code.border_title = f"{code.title_for(self.net)} · wrote {', '.join(message.writes)}"
