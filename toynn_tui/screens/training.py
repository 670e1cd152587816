"""The training screen: one net from the engine, animated.

The screen holds a `TrainingSession` (session.py: the net, the knobs and data, the speed,
the pacer, the background trainer; no drawing) and draws it. A 30 Hz timer drives the fixed
speeds: while playing, each tick runs `speed` iterations with `Net.run(k)` and then redraws
the panels once; a run starts with a warm-up (fewer iterations a frame, growing with the
iteration count: see pacing.warmup_frame) so the error's early fall is seen. At "max" the
engine trains in a worker process (background.py) and the screen draws its snapshots, or,
without a worker, computes for what the pacer (pacing.py) allows (the frame loop is in
frames.py, the keys in training_keys.py, the playground's knobs, boundary and diagram in
playground.py). Every number on screen is read from the engine's `Net`.

The net is any spec of the engine (`engine.SPECS`), with the playground's knobs on top: the
article's two nets are drawn as they always were; a bigger net gets row budgets
(layout.py) so that every panel shows what fits and says what it left out.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from toynn_tui.engine import is_article
from toynn_tui.engine.knobs import OWN
from toynn_tui.i18n import _
from toynn_tui.messages import Halted, LineRan
from toynn_tui.screens import layout
from toynn_tui.screens.frames import FrameLoop
from toynn_tui.screens.playground import Playground
from toynn_tui.screens.session import Settings, TrainingSession
from toynn_tui.screens.training_keys import TrainingKeys
from toynn_tui.widgets._panel import retitle as _retitle
from toynn_tui.widgets.boundary import LEGEND, BoundaryPanel
from toynn_tui.widgets.code import CodePanel
from toynn_tui.widgets.deltas import DeltasPanel
from toynn_tui.widgets.diagram import DiagramPanel
from toynn_tui.widgets.error_panel import ErrorPanel
from toynn_tui.widgets.examples import ExamplesPanel
from toynn_tui.widgets.status import StatusBar
from toynn_tui.widgets.too_small import TooSmall
from toynn_tui.widgets.weights import WeightsPanel

FPS = 30


def speed_label(speed: int | None) -> str:
    return _("max") if speed is None else _("{speed}/frame").format(speed=speed)


class TrainingScreen(Playground, FrameLoop, TrainingKeys, Screen):
    """Weights, examples, error, progress and the loop's code, live."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (layout.WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (layout.TALL, "-tall")]

    BINDINGS = [
        Binding("space", "toggle_play", _("play")),
        Binding("s", "step", _("step")),
        Binding("l", "step_line", _("line")),
        # one footer entry for both speed keys, so every control fits in 80 columns
        Binding("plus,equals_sign", "faster", _("speed"), key_display="+/-", tooltip=_("+ faster, - slower")),
        Binding("minus,underscore", "slower", _("slower"), show=False),
        Binding("r", "reset", _("reset")),
        Binding("n", "new_seed", _("seed")),
        Binding("t", "switch_net", _("net")),
        # not in the footer (full at 80 columns): help, the palette and the playground panels name it
        Binding("k", "knobs", _("knobs"), show=False),
    ]

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self._settings = settings
        self.session: TrainingSession | None = None   # made on mount (it needs the app's settings)
        self.marks: frozenset[str] = frozenset()      # what the last line of line mode wrote
        self._frames = 0      # redraws so far (at "max" in the background: the number panels every other)

    # What the keys, the palette and the tests read of the session, by their old names.
    net = property(lambda self: None if self.session is None else self.session.net)
    speed = property(lambda self: self.session.speed)
    halted = property(lambda self: self.session.halted)
    knobs = property(lambda self: self.session.knobs)
    split = property(lambda self: self.session.split)
    last_change = property(lambda self: self.session.last_change)
    _session = property(lambda self: self.session.stretch)   # the worker's stretch of play at "max"
    _trainer = property(lambda self: self.session.trainer)

    @property
    def playing(self) -> bool:
        return self.session is not None and self.session.playing

    @playing.setter
    def playing(self, value: bool) -> None:   # stopping takes the background worker's numbers
        self.session.playing = value

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
        self.session = TrainingSession(s, self.query_one(ErrorPanel).history)
        self._show_playground()
        self.playing = not s.paused
        self.query_one("#weights").border_title = _("weights")
        self.query_one("#deltas").border_title = _("deltas: each weight's push, per example")
        self.query_one("#error").border_title = _("error: mean |y - output|")
        self.query_one("#diagram").border_title = _("network")
        self._fit(self.app.size.width, self.app.size.height)
        self._redraw(layout=True)
        self.set_interval(1 / FPS, self._tick)

    def _advanced(self, line_step: bool = False) -> None:
        """After the net moved: record the error, stop if needed, redraw."""
        if not line_step:
            self.marks = frozenset()
        halted = self.session.advanced()
        if halted:
            self.post_message(Halted(halted, self.net.iteration))
        self._redraw()

    def rate(self) -> float | None:
        """Iterations per second over the last second of play (None when paused)."""
        return self.session.rate()

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
        busy = self.session.stretch is not None and not layout
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
        note = {"finished": _("r: reset"), "overflow": _("NaN/inf weights! r: reset")}.get(self.halted or "", "")
        speed = short_speed = speed_label(self.speed)
        if self.session.warming_up():
            short_speed = "{size}→{speed}".format(size=self.session.frame_size(), speed=speed)
            speed = _("warm-up {size}→{speed}").format(size=self.session.frame_size(), speed=speed)
        # Mid-iteration (line mode) the iteration in progress, the one the error panel's
        # "now ... at iteration n" was measured in, not the count of finished ones.
        iteration = self.net.iteration + (1 if self.net.line else 0)
        self.query_one(StatusBar).show(state=state, iteration=iteration, total=self.net.total,
                                       rate=self.rate(), speed=speed, speed_short=short_speed, seed=self.net.seed,
                                       layers=self.net.layers, note=note, net=self.net_label(),
                                       backend=self.net.backend.name)

    def net_label(self) -> str | None:
        """The status bar's name of the net: None for the article's (the bar names them by layers)."""
        spec = self.net.spec
        if is_article(self.net.spec):
            return None
        data = "" if self.knobs.dataset == OWN else f" {self.knobs.dataset}"
        return f"{spec.name}: {spec.describe()}{data}"

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()

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

    # -- sizes ---------------------------------------------------------------
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
        shown = layout.Shown(loop_lines=len(net.loop), example_rows=rows, article=is_article(net.spec),
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
            self.notify(_("Training finished at iteration {iteration:,}. r starts again.").format(
                iteration=message.iteration), title=_("Done"))
        else:
            self.notify(_("The weights overflowed (NaN or inf), so training stopped. r resets."),
                        title=_("Overflow"), severity="error")

    def on_line_ran(self, message: LineRan) -> None:
        code = self.query_one(CodePanel)
        code.border_title = _("{title} · wrote {names}").format(title=code.title_for(self.net),
                                                               names=", ".join(message.writes))
