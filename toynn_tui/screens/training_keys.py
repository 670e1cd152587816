"""The training screen's keys: play, step, line, speed, reset, seed, net (and k: the knobs).

A mixin of `TrainingScreen` (kept apart so the screen's module stays about the frame loop
and drawing): each action changes the screen's `session` (session.py) and redraws. Each is
also offered in the command palette (`ToynnApp.get_system_commands`).
"""
from __future__ import annotations

from toynn_tui.engine import SPECS, Spec, article, is_article
from toynn_tui.engine.knobs import OWN
from toynn_tui.i18n import _
from toynn_tui.messages import LineRan, NetReplaced
from toynn_tui.screens.session import TrainingSession
from toynn_tui.widgets.code import CodePanel

LADDER = tuple(name for name in SPECS if not is_article(name))


def next_spec(spec: Spec) -> Spec:
    """What `t` switches to: the article's other net, or the ladder's next net (after the last,
    the first again: `t` never leaves the ladder's nets for the article's)."""
    if is_article(spec):
        return article(5 - spec.layers)
    i = LADDER.index(spec.name) if spec.name in LADDER else -1
    return SPECS[LADDER[(i + 1) % len(LADDER)]]


class TrainingKeys:
    """The key actions, on the screen's session; the screen provides the redraws."""

    session: TrainingSession
    marks: frozenset[str]

    def _refuse_if_halted(self) -> bool:
        if self.session.halted:
            self.notify(_("Training has stopped; press r to reset."), severity="warning")
            self._redraw()
            return True
        return False

    def action_toggle_play(self) -> None:
        if self._refuse_if_halted():
            return
        session = self.session
        session.playing = not session.playing
        if session.playing:
            self._leave_line_mode()
        session.rate_window.clear()
        self._redraw()

    def action_step(self) -> None:
        """Run one whole iteration (or finish the one that line mode started)."""
        if self._refuse_if_halted():
            return
        self.session.playing = False
        self.session.net.step()
        self.query_one(CodePanel).ran = None
        self._advanced()

    def action_step_line(self) -> None:
        """Run the next line of the loop and mark what it wrote."""
        if self._refuse_if_halted():
            return
        self.session.playing = False
        net = self.session.net
        code = self.query_one(CodePanel)
        code.line_mode = True
        code.ran = net.line
        line = net.step_line()
        self.marks = frozenset(line.writes)
        self._advanced(line_step=True)
        self.post_message(LineRan(line.text, line.writes))

    def action_faster(self) -> None:
        session = self.session
        if session.warming_up():  # the first `+` skips the warm-up: the chosen speed applies now
            session.warmup = False
            session.rate_window.clear()
            self._show_status()
            return
        session.set_speed(+1)
        self._show_status()

    def action_slower(self) -> None:
        self.session.set_speed(-1)
        self._show_status()

    def action_reset(self) -> None:
        """Back to iteration 0 with the same seed's starting weights."""
        self._replace(self.session.net.spec, self.session.net.seed)

    def action_new_seed(self) -> None:
        self._replace(self.session.net.spec, self.session.net.seed + 1)

    def action_switch_net(self) -> None:
        """The article's nets: 2-layer (Part 1 data) <-> 3-layer (Part 2, XOR data). Any other
        net: the next of the ladder's nets (engine.SPECS in order, around). Same seed, paused."""
        self._rebase(next_spec(self.session.base), self.session.knobs.dataset)

    def show_net(self, spec: Spec) -> None:
        """Another net, from seed 1, paused (the exercises screen's `w`): on its own data."""
        self._rebase(spec, OWN, seed=1)

    def _rebase(self, base: Spec, dataset: str, seed: int | None = None) -> None:
        """Another net under the knobs: the knobs become its own options (the data set kept)."""
        session = self.session
        session.rebase(base, dataset)
        self._replace(session.spec_now(), session.net.seed if seed is None else seed)
        if self._show_playground():
            self._fit(self.app.size.width, self.app.size.height)
            self._redraw(layout=True)

    def _replace(self, spec: Spec, seed: int) -> None:
        if self.session.replace(spec, seed):
            self._fit(self.app.size.width, self.app.size.height)  # the new net's row budgets
        self._leave_line_mode()
        self._redraw(layout=True)
        self.post_message(NetReplaced(spec.layers, seed, spec.name))

    def _leave_line_mode(self) -> None:
        code = self.query_one(CodePanel)
        code.line_mode, code.ran = False, None
        self.marks = frozenset()
