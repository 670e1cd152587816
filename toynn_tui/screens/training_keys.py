"""The training screen's keys: play, step, line, speed, reset, seed, net.

A mixin of `TrainingScreen` (kept apart so the screen's module stays about
the frame loop and drawing). Each action is also offered in the command
palette (`ToynnApp.get_system_commands`).
"""
from __future__ import annotations

from toynn_tui.messages import LineRan, NetReplaced
from toynn_tui.widgets.code import CodePanel
from toynn_tui.widgets.error_panel import ErrorPanel

# Iterations per frame, slowest first; None is "max": compute for what the
# pacer allows (a frame of ~48 ms minus the drawing), draw, repeat.
SPEEDS: tuple[int | None, ...] = (1, 10, 100, 1000, None)


class TrainingKeys:
    """The key actions; the screen provides net, playing, halted, speed, warmup and the redraws."""

    def _refuse_if_halted(self) -> bool:
        if self.halted:
            self.notify("Training has stopped; press r to reset.", severity="warning")
            self._redraw()
            return True
        return False

    def action_toggle_play(self) -> None:
        if self._refuse_if_halted():
            return
        self.playing = not self.playing
        if self.playing:
            self._leave_line_mode()
        self._rate_window.clear()
        self._redraw()

    def action_step(self) -> None:
        """Run one whole iteration (or finish the one that line mode started)."""
        if self._refuse_if_halted():
            return
        self.playing = False
        self.net.step()
        self.query_one(CodePanel).ran = None
        self._advanced()

    def action_step_line(self) -> None:
        """Run the next line of the loop and mark what it wrote."""
        if self._refuse_if_halted():
            return
        self.playing = False
        code = self.query_one(CodePanel)
        code.line_mode = True
        code.ran = self.net.line
        line = self.net.step_line()
        self.marks = frozenset(line.writes)
        self._advanced(line_step=True)
        self.post_message(LineRan(line.text, line.writes))

    def action_faster(self) -> None:
        if self.warming_up():  # the first `+` skips the warm-up: the chosen speed applies now
            self.warmup = False
            self._rate_window.clear()
            self._show_status()
            return
        self._set_speed(+1)

    def action_slower(self) -> None:
        self._set_speed(-1)

    def _set_speed(self, direction: int) -> None:
        i = min(max(SPEEDS.index(self.speed) + direction, 0), len(SPEEDS) - 1)
        self.speed = SPEEDS[i]
        self._rate_window.clear()
        self._show_status()

    def action_reset(self) -> None:
        """Back to iteration 0 with the same seed's starting weights."""
        self._replace(self.net.layers, self.net.seed)

    def action_new_seed(self) -> None:
        self._replace(self.net.layers, self.net.seed + 1)

    def action_switch_net(self) -> None:
        """2-layer (Part 1 data) <-> 3-layer (Part 2, XOR data); same seed, paused."""
        self._replace(5 - self.net.layers, self.net.seed)

    def _replace(self, layers: int, seed: int) -> None:
        if layers == self.net.layers:
            self.net.reset(seed)
        else:
            self.net = self._new_net(layers, seed)
        self.halted = None
        self.playing = False
        self._leave_line_mode()
        self.query_one(ErrorPanel).history.clear()
        self._rate_window.clear()
        self._redraw(layout=True)
        self.post_message(NetReplaced(layers, seed))

    def _leave_line_mode(self) -> None:
        code = self.query_one(CodePanel)
        code.line_mode, code.ran = False, None
        self.marks = frozenset()
