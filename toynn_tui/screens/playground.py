"""The training screen's playground: the knobs (every option of the engine, live), the decision
boundary and the network diagram.

A mixin of TrainingScreen: the knobs, the net and the data split are the screen's `session`
(session.py), which also decides whether a change continues or restarts the training; here
are the dialog, the notes and the two panels.
"""
from __future__ import annotations

from textual.screen import ModalScreen

from toynn_tui.engine.knobs import OWN, Knobs
from toynn_tui.i18n import _
from toynn_tui.screens.session import TrainingSession
from toynn_tui.widgets._panel import retitle as _retitle
from toynn_tui.widgets.boundary import BoundaryPanel
from toynn_tui.widgets.diagram import DiagramPanel


class Playground:
    """Knobs, boundary and diagram, for TrainingScreen."""

    session: TrainingSession

    def _show_playground(self) -> bool:
        on = self.session.shows_playground()
        if self.has_class("-playground") != on:
            self.set_class(on, "-playground")
            return True
        return False

    def action_knobs(self) -> None:
        """The knobs dialog: every option of the engine, applied as it is turned."""
        if not isinstance(self.app.screen, ModalScreen):
            from toynn_tui.screens.knobs import KnobsScreen  # not needed for the first frame

            self.app.push_screen(KnobsScreen(self.session.knobs, self.apply_knobs, self.session.base))

    def apply_knobs(self, knobs: Knobs, knob: str = "") -> str:
        """Run on the knobs `knobs` from now on (TrainingSession.apply_knobs). Returns (and
        notifies) what happened."""
        self._leave_line_mode()
        message, same = self.session.apply_knobs(knobs, knob)
        self._show_playground()
        self._fit(self.app.size.width, self.app.size.height)
        self._redraw(layout=True)
        self.app.clear_notifications()  # one note at a time, however fast the knob turns
        self.notify(message, title=_("continued") if same else _("restarted"), timeout=3)
        return message

    def _draw_playground(self, layout: bool = False, draw_diagram: bool = True) -> None:
        net, split, knobs = self.session.net, self.session.split, self.session.knobs
        boundary, diagram = self.query_one(BoundaryPanel), self.query_one(DiagramPanel)
        boundary.draw(net, split.X_test, split.y_test, layout=layout)
        train, test = boundary.losses
        data = _("the net's own data") if knobs.dataset == OWN else knobs.dataset
        if knobs.dataset not in (OWN, "article"):
            data += " " + _("({train}+{test}, noise {noise})").format(
                train=len(split.X), test=len(split.X_test), noise=f"{knobs.noise:g}")
        loss = "" if train is None else " · " + (
            _("train {train}").format(train=f"{train:.3f}") if test is None else
            _("train {train} test {test}").format(train=f"{train:.3f}", test=f"{test:.3f}"))
        _retitle(boundary, _("boundary: {data}{loss}").format(data=data, loss=loss) if boundary.size.width >= 60
                 else _("boundary{loss}").format(loss=loss))
        if not draw_diagram:
            return
        diagram.draw(net, layout=layout)
        _retitle(diagram, _("network {sizes} (k: knobs)").format(sizes="-".join(map(str, net.spec.sizes))))
