"""The training screen: one Net from the engine, animated.

A 30 Hz timer drives the fixed speeds: while playing, each tick runs `speed`
iterations with `Net.run(k)` and then redraws the panels once; a run starts
with a warm-up (fewer iterations a frame, growing with the iteration count:
see pacing.warmup_frame) so the error's early fall is seen. At "max" the
screen computes for what the pacer (pacing.py) allows, redraws, and starts the
next frame right after the refresh. There is no thread and no math here: every number on
screen is read from the engine's `Net`.

The net is any spec of the engine (`engine.SPECS`): the article's two nets are
drawn as they always were; a bigger net (a longer loop, 30 examples) gets row
budgets from `_fit` so that every panel shows what fits and says what it left out.
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
from toynn_tui.screens.pacing import Pacer, warmup_frame
from toynn_tui.screens.training_keys import SPEEDS, TrainingKeys  # noqa: F401 - SPEEDS: the app reads it here
from toynn_tui.widgets._rows import is_article
from toynn_tui.widgets.boundary import LEGEND, BoundaryPanel
from toynn_tui.widgets.code import CodePanel
from toynn_tui.widgets.deltas import DeltasPanel
from toynn_tui.widgets.diagram import DiagramPanel
from toynn_tui.widgets.error_panel import ErrorPanel
from toynn_tui.widgets.examples import ExamplesPanel
from toynn_tui.widgets.knobs import LABELS, OWN, SPEC_FIELDS, Knobs, KnobsScreen, is_2d, show
from toynn_tui.widgets.status import StatusBar
from toynn_tui.widgets.too_small import TooSmall
from toynn_tui.widgets.weights import WeightsPanel

FPS = 30
BG_FPS = 40   # frames a second aimed at, at "max" while the engine trains in its own process
CHUNK = 200  # iterations between clock checks at "max"
ERROR_MIN = 6  # rows the error panel keeps under a tall weights panel (title, 3 labels, 2 of sparkline)


def _retitle(widget, title: str) -> None:
    # Setting border_title repaints the whole widget even when the title is the same:
    # at full speed that was a needless redraw of the code panel every frame.
    if widget.border_title != title:
        widget.border_title = title


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


class TrainingScreen(BackgroundPlay, TrainingKeys, Screen):
    """Weights, examples, error, progress and the loop's code, live."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

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
    def spec_now(self) -> Spec:
        """The net the knobs stand for, on the current data."""
        return self.knobs.spec(self.base, self.split.X.shape[1], self.split.y.shape[1])

    def _show_playground(self) -> bool:
        on = self.playground and is_2d(self.net.X)
        if self.has_class("-playground") != on:
            self.set_class(on, "-playground")
            return True
        return False

    def action_knobs(self) -> None:
        """The knobs dialog: every option of the engine, applied as it is turned."""
        if not isinstance(self.app.screen, ModalScreen):
            self.app.push_screen(KnobsScreen(self.knobs, self.apply_knobs, self.base))

    def apply_knobs(self, knobs: Knobs, knob: str = "") -> str:
        """Run on the knobs `knobs` from now on. Same parameter shapes and data set: the training
        continues with the current weights (and iteration count); else it restarts at 0.
        Returns (and notifies) what happened."""
        self.sync()   # the worker's numbers first, if it was training at "max"
        old, old_knobs = self.net, self.knobs
        self.knobs = knobs
        if (knobs.dataset, knobs.noise, knobs.bias) != (old_knobs.dataset, old_knobs.noise, old_knobs.bias):
            self.split = knobs.split(self.base)
        spec = self.spec_now()
        what = f"{LABELS.get(knob, knob)} {show(knob, knobs.get(knob), self.base)}" if knob else "knobs"
        same = (spec.param_shapes() == old.spec.param_shapes() and knobs.dataset == old_knobs.dataset
                and self.split.X.shape == old.X.shape)
        self._leave_line_mode()
        if same:
            if old.line:                 # finish the update in progress (line mode) first
                old.run(1)
            net = Net(spec=spec, seed=old.seed, iterations=old.total, weights=old.weights,
                      X=self.split.X, y=self.split.y)
            net.iteration = old.iteration
            net.s.np = old.s.np          # the same random stream goes on (shuffles, dropout masks)
            if spec.momentum is not None and old.spec.momentum is not None:
                for j in range(spec.depth):
                    setattr(net.s, f"v{j}", getattr(old.s, f"v{j}"))
            self.net, self._continued = net, True
            if self.halted == "overflow" or (self.halted == "finished" and not net.done):
                self.halted = None
            message = f"{what}: continued at iteration {net.iteration:,} with the same weights"
        else:
            self.net = self._new_net(spec, old.seed)
            self.halted = None
            self.query_one(ErrorPanel).history.clear()
            message = f"{what}: new shapes, restarted at iteration 0 ({spec.describe()})"
            if knobs.dataset != old_knobs.dataset:
                message = f"{what}: new data, restarted at iteration 0"
        self.playground = True
        self.last_change = message
        self._rate_window.clear()
        self._show_playground()
        self._fit(self.app.size.width, self.app.size.height)
        self._redraw(layout=True)
        self.app.clear_notifications()  # one note at a time, however fast the knob turns
        self.notify(message, title="continued" if same else "restarted", timeout=3)
        return message

    # -- the frame loop ------------------------------------------------------
    def _tick(self) -> None:
        """One frame at a fixed speed: run `speed` iterations, then redraw."""
        if not self.playing or self.net is None:
            return
        if self.speed is None:
            if self._bg_last and time.perf_counter() - self._bg_last < 0.25:
                return   # the background frames chain themselves (below)
            if self.background_frame():   # the engine trains in its own process: draw its numbers
                self._bg_frame_done()
                return
            # "max" paces itself (below); the timer only (re)starts it, e.g. if a refresh was lost.
            if time.perf_counter() - self._max_last > 0.25:
                self._max_frame()
            return
        self.sync()
        self._run(min(self.frame_size(), self.net.total - self.net.iteration))
        self._advanced()

    def _bg_frame_done(self) -> None:
        """After a frame drawn from the worker's numbers: the next one 1/BG_FPS s after this one
        started (the 30 Hz timer alone gave 27-29 a second: its slots drift past a slow frame)."""
        started = time.perf_counter()
        self._advanced()
        if self.playing and self.speed is None and self._session is not None:
            self._bg_last = started
            delay = max(0.001, 1 / BG_FPS - (time.perf_counter() - started))
            self.call_after_refresh(self.set_timer, delay, self._bg_next)
        else:
            self._bg_last = 0.0

    def _bg_next(self) -> None:
        if self.playing and self.speed is None and self.background_frame():
            self._bg_frame_done()
        else:
            self._bg_last = 0.0

    def frame_size(self) -> int:
        """Iterations the next frame runs at a fixed speed: the speed, or less while warming up."""
        if not self.warmup:
            return self.speed
        return min(self.speed, warmup_frame(self.net.iteration))

    def warming_up(self) -> bool:
        """Is the warm-up holding the frames below the chosen speed right now?"""
        return self.playing and self.speed is not None and self.frame_size() < self.speed

    def _max_frame(self) -> None:
        """One frame at "max": compute for the pacer's budget, redraw, go again after the refresh.

        Chaining on the refresh (instead of a fixed-rate timer) means no frame is
        lost waiting for the next timer slot: the screen gets every frame drawn,
        the engine gets nearly all the rest of the time.
        """
        now = self._max_last = time.perf_counter()
        if not self.playing or self.speed is not None or self.net is None or self._session is not None:
            self._pacer.forget()
            return
        net, pacer = self.net, self._pacer
        left = net.total - net.iteration
        deadline = pacer.start(now)
        while left > 0:  # at least one chunk a frame, however slow the drawing
            k = min(CHUNK, left)
            self._run(k)
            left -= k
            then, now = now, time.perf_counter()
            pacer.chunk_ran(now - then)
            if not pacer.another(now, deadline):
                break
        pacer.computed(now)
        self._advanced()
        if self.playing:
            # After the refresh, via a (tiny) timer: chaining call_after_refresh directly
            # would keep the message queue busy and starve the event loop.
            self.call_after_refresh(self.set_timer, 0.001, self._max_frame)
        else:
            pacer.forget()

    def _run(self, k: int) -> None:
        """Run k iterations, sampling the error as often as the history keeps samples.

        The history's spacing starts at 1 iteration and doubles as it fills, so a
        fast frame still records the steep first iterations and the calls to
        `Net.run` per frame stay few.
        """
        net, history = self.net, self.query_one(ErrorPanel).history
        while k > 0:
            n = min(k, history.every)
            net.run(n)
            k -= n
            history.add(net.iteration, net.error)

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
        # changes a second anyway) are drawn every other frame: the boundary, the diagram, the
        # error and the status every frame. That keeps a wide playground at >= 30 frames a second.
        self._frames += 1
        skip_numbers = self._session is not None and not layout and self._frames % 2
        for panel in (self.query_one(ExamplesPanel), code, self.query_one(DeltasPanel),
                      self.query_one(WeightsPanel)):
            if panel.display and not (skip_numbers and panel is not code):  # (the playground hides some)
                panel.draw(net, self.marks, layout=layout)
        if self.has_class("-playground"):
            self._draw_playground(layout)
        self.query_one(ErrorPanel).show()
        self._show_status()

    def _draw_playground(self, layout: bool = False) -> None:
        net, split = self.net, self.split
        boundary, diagram = self.query_one(BoundaryPanel), self.query_one(DiagramPanel)
        boundary.draw(net, split.X_test, split.y_test, layout=layout)
        train, test = boundary.losses
        data = "the net's own data" if self.knobs.dataset == OWN else self.knobs.dataset
        if self.knobs.dataset not in (OWN, "article"):
            data += f" ({len(split.X)}+{len(split.X_test)}, noise {self.knobs.noise:g})"
        loss = "" if train is None else f" · train {train:.3f}" + ("" if test is None else f" test {test:.3f}")
        _retitle(boundary, f"boundary: {data}{loss}" if boundary.size.width >= 60 else f"boundary{loss}")
        diagram.draw(net, layout=layout)
        _retitle(diagram, f"network {'-'.join(map(str, net.spec.sizes))} (k: knobs)")

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
        """How many lines each panel may draw (None: all it wants, as for the article's nets).

        Left column: examples, code and deltas share the rows; when they do not all fit, the
        code gets what it needs up to all but 6 rows for the examples (title, heading, four
        rows, or three and "… N more") and 4 for the deltas (one row), and any rows left go
        half to the examples, half to the deltas.
        Right column: the weights may grow until the error panel has ERROR_MIN rows left.
        """
        net = self.net
        panels = (self.query_one(ExamplesPanel), self.query_one(CodePanel), self.query_one(DeltasPanel),
                  self.query_one(WeightsPanel))
        budgets: tuple[int | None, ...] = (None, None, None, None)
        packed = False
        left_used = right_used = 0        # rows the playground's panels take in each column
        if self.has_class("-playground"):
            left_used, right_used, narrow = self._playground_rows(height)
            if narrow:   # only the code on the left (with the diagram), nothing but the error on the right
                code = max(min(len(net.loop), height - 2 - left_used - 1), 3)
                budgets = (None, None if code >= len(net.loop) else code, None, None)
                left_used = -1
        if left_used >= 0 and (not is_article(net) or left_used):
            rows = len(net.X) if net.spec.batch_size is None else min(net.spec.batch_size, len(net.X))
            avail = height - 2 - left_used                # less the status line and the footer
            margins = 2 if height >= self.VERTICAL_BREAKPOINTS[1][0] else 0   # -tall: a blank row under two
            ex_need, code_need, de_need = 2 + rows, 1 + len(net.loop), 2 + rows
            packed = ex_need + code_need + de_need + margins > avail
            # (a panel's title row is not one of its lines; -tall leaves a blank row under the weights)
            weights = max(height - 2 - right_used - ERROR_MIN - 1 - (margins // 2 if not packed else 0), 3)
            if not packed:
                budgets = (None, None, None, weights)
            else:
                ex, de = min(ex_need, 6), min(de_need, 4)
                code = max(min(code_need, avail - ex - de), 4)
                rest = max(avail - code - ex - de, 0)
                ex += min(ex_need - ex, (rest + 1) // 2)
                de = max(avail - code - ex, 3)
                budgets = (ex - 1, code - 1, de - 1, weights)
        self.set_class(packed, "-packed")  # its CSS drops the blank rows of -tall: every row counts
        changed = False
        for panel, budget in zip(panels, budgets):
            if panel.max_lines != budget:
                panel.max_lines = budget
                changed = True
        if changed:
            self._redraw(layout=True)

    def _playground_rows(self, height: int) -> tuple[int, int, bool]:
        """Size the boundary and the diagram: (rows they take on the left, on the right, narrow?).

        Narrow (80 columns): the left column is the code and the diagram, the right one the
        boundary and the error. Wide: the diagram under the examples, code and deltas; the
        boundary above the weights."""
        width = self.app.size.width
        narrow = width < self.HORIZONTAL_BREAKPOINTS[1][0]
        avail = height - 2
        boundary, diagram = self.query_one(BoundaryPanel), self.query_one(DiagramPanel)
        right = (width - 45) if narrow else (width - 1) // 2 - 2     # the right column's content width
        if narrow:
            rows = max(min(right // 2, avail - ERROR_MIN - 1, 13), 3)
        else:
            rows = max(min((right - LEGEND - 1) // 2, avail // 2 - 1), 3)
        boundary.styles.height = rows + 1
        deepest = max(self.net.spec.sizes)
        if narrow:
            left = min(max(deepest, 6), max(avail // 2, 6)) + 1
        else:
            left = min(max(deepest + 1, 6), max(avail // 3, 6)) + 1
        diagram.styles.min_height = left   # and what the column has left (height: 1fr)
        return left, rows + 1, narrow

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
