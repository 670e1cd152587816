"""Plain mode's narrator: the training screen's key actions on a session, told as lines of text.

`Narrator` is the training screen without a screen: it holds the same `TrainingSession`
(screens/session.py) and runs the very same key actions (`TrainingKeys`), but where the
screen redraws its panels, the narrator compares what it last told with the session now and
tells only what changed, once: the net and seed, play and pause, the speed, each iteration
stepped, each line run, and while playing every `every` iterations, for example
    iteration 1000: error 0.4964 → 0.0086; output for [1 0 1] is 0.993, target 1
The error is the article's (mean |y - output| of the iteration's forward pass) and the
example is the one whose output is furthest from its target, all read from the engine's net.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from toynn_tui.engine import Spec, is_article
from toynn_tui.i18n import _, ngettext
from toynn_tui.messages import LineRan, NetReplaced
from toynn_tui.screens.session import Settings, TrainingSession
from toynn_tui.screens.training_keys import TrainingKeys
from toynn_tui.widgets._rows import shown_rows
from toynn_tui.widgets.error_panel import ErrorHistory


def narration_every(total: int) -> int:
    """While playing, an iteration is told every this many: a power of ten, about a
    hundredth of the run (1000 for the article's nets), 1 for runs under 100."""
    return 10 ** max(int(math.log10(max(total, 1) / 10)), 0)


def net_name(spec: Spec) -> str:
    if is_article(spec):
        return _("the {layers}-layer net").format(layers=spec.layers)
    return _("the {name} net ({what})").format(name=spec.name, what=spec.describe())


def speed_name(speed: int | None) -> str:
    if speed is None:
        return _("as fast as it goes")
    return ngettext("{count} iteration a frame", "{count} iterations a frame", speed).format(count=speed)


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def iteration_line(net, before: float | None) -> str | None:
    """What one iteration did: its error (since `before`, the error last told) and the output
    of the example furthest from its target. None before the first forward pass."""
    if net.error is None:
        return None
    error = f"{net.error:.4f}" if before is None else f"{before:.4f} → {net.error:.4f}"
    rows = shown_rows(net)
    out = rows.value(net.out_name)
    if out is None or rows.y is None or not np.all(np.isfinite(out)):
        return _("iteration {iteration}: error {error}").format(iteration=net.iteration, error=error)
    i = int(np.argmax(np.abs(rows.y[:, 0] - out[:, 0])))
    inputs = "[" + " ".join(_number(v) for v in rows.X[i]) + "]"
    return _("iteration {iteration}: error {error}; output for {inputs} is {output}, target {target}").format(
        iteration=net.iteration, error=error, inputs=inputs, output=f"{out[i, 0]:.3f}",
        target=_number(rows.y[i, 0]))


@dataclass
class _Told:
    """What the narrator last said about the session."""

    iteration: int
    playing: bool
    speed: int | None
    error: float | None = None


class _CodeState:
    """What the key actions set on the code panel (line mode, the line just run): nothing to draw."""

    line_mode = False
    ran = None


class Narrator(TrainingKeys):
    """The training screen's keys and session, told line by line through `write`."""

    # The key actions re-fit the panels to the terminal; there are none here.
    app = SimpleNamespace(size=SimpleNamespace(width=80, height=24))

    def __init__(self, settings: Settings, write) -> None:
        self.session = TrainingSession(settings, ErrorHistory())
        self.session.playing = not settings.paused
        self.marks: frozenset[str] = frozenset()
        self.write = write
        self._code = _CodeState()
        self._replacing = False
        self._halted_by_line: str | None = None
        self.every = narration_every(self.session.net.total)
        self._told = self._now()

    def _now(self, error: float | None = None) -> _Told:
        s = self.session
        return _Told(s.net.iteration, s.playing, s.speed, error)

    # -- what is told ------------------------------------------------------------
    def intro(self, keys: str) -> None:
        net = self.session.net
        self.write(_("toynn, told as text: {net}, seed {seed}, {total} iterations.").format(
            net=net_name(net.spec), seed=net.seed, total=net.total))
        self.write(ngettext("While it plays, every iteration is told.",
                            "While it plays, one iteration in {every} is told.", self.every).format(every=self.every))
        self.write(_("Keys: {keys}.").format(keys=keys))
        self.write(self._state_line())

    def _state_line(self) -> str:
        s = self.session
        if s.playing:
            return _("playing, {speed}.").format(speed=speed_name(s.speed))
        return _("paused at iteration {iteration}.").format(iteration=s.net.iteration)

    def _tell_changes(self) -> None:
        """Tell what changed since the last time, once each."""
        if self._replacing:   # the new net is told as a whole (post_message: NetReplaced)
            return
        s, told = self.session, self._told
        net = s.net
        if net.iteration > told.iteration and (not s.playing or net.done or net.iteration % self.every == 0):
            line = iteration_line(net, told.error)
            if line is not None:
                self.write(line)
                told.error = net.error
        told.iteration = net.iteration
        if s.speed != told.speed:
            self.write(_("speed: {speed}.").format(speed=speed_name(s.speed)))
            told.speed = s.speed
        if s.playing != told.playing:
            told.playing = s.playing
            if not s.halted:   # (stopping by itself is told by the reason)
                self.write(self._state_line())

    def _tell_halted(self, reason: str) -> None:
        net = self.session.net
        if reason == "finished":
            self.write(_("finished at iteration {iteration}: error {error}. r starts again.").format(
                iteration=net.iteration, error="–" if net.error is None else f"{net.error:.4f}"))
        else:
            self.write(_("The weights overflowed (NaN or inf), so training stopped. r resets."))

    # -- what the key actions call on the screen ------------------------------------
    def query_one(self, _what):
        return self._code

    def notify(self, message: str, **_how) -> None:
        self.write(str(message))

    def post_message(self, message) -> None:
        if isinstance(message, NetReplaced):
            net = self.session.net
            self.write(_("{net}, seed {seed}: back to iteration 0, paused.").format(
                net=net_name(net.spec), seed=net.seed))
            self._told = self._now()
        elif isinstance(message, LineRan):
            loop = self.session.net.loop
            number = (self._code.ran or 0) + 1   # the key action set it to the line it ran
            self.write(_("line {number} of {count}: {code} (wrote {names})").format(
                number=number, count=len(loop), code=message.text.strip(), names=", ".join(message.writes)))
            self._tell_changes()   # then the iteration the last line completed, if it did
            if self._halted_by_line:
                self._tell_halted(self._halted_by_line)
                self._halted_by_line = None

    def _replace(self, spec: Spec, seed: int) -> None:
        self._replacing = True
        try:
            super()._replace(spec, seed)
        finally:
            self._replacing = False

    def _advanced(self, line_step: bool = False) -> None:
        if not line_step:
            self.marks = frozenset()
        halted = self.session.advanced()
        if halted:
            self._told.playing = False
        if line_step:   # a line's changes are told after the line itself (post_message: LineRan)
            self._halted_by_line = halted
            return
        self._tell_changes()
        if halted:
            self._tell_halted(halted)

    def _redraw(self, layout: bool = False) -> None:
        self._tell_changes()

    def _show_status(self) -> None:
        self._tell_changes()

    def _fit(self, width: int, height: int) -> None:
        pass

    def _show_playground(self) -> bool:
        return False

    def action_knobs(self) -> None:
        self.write(_("The knobs are not in plain mode: set them with the command line's options "
                     "(--alpha, --hidden, --dataset, ...)."))

    def action_exercises(self) -> None:
        self.write(_("The exercises are not in plain mode: `toynn list`, `toynn check` and "
                     "`toynn watch` tell them as text."))

    # -- playing ------------------------------------------------------------------
    def play_frame(self) -> None:
        """One frame of play: the speed's iterations (at "max": all up to the next one told),
        never past the next iteration that is told, nor past the end."""
        s = self.session
        net = s.net
        to_next = self.every - net.iteration % self.every
        k = to_next if s.speed is None else min(s.frame_size(), to_next)
        s.run(max(min(k, net.total - net.iteration), 0))
        self._advanced()
