"""The training screen's playground: the knobs (every option of the engine, live), the decision
boundary and the network diagram.

A mixin of TrainingScreen (which holds the net, the knobs and the data split); split out so
the screen's own module stays about the frame loop and the layout.
"""
from __future__ import annotations

from textual.screen import ModalScreen

from toynn_tui.engine import Net, Spec
from toynn_tui.widgets.boundary import LEGEND, BoundaryPanel
from toynn_tui.widgets.diagram import DiagramPanel
from toynn_tui.widgets.error_panel import ErrorPanel
from toynn_tui.widgets._panel import retitle as _retitle
from toynn_tui.widgets.knobs import LABELS, OWN, Knobs, KnobsScreen, is_2d, show


ERROR_MIN = 6  # rows the error panel keeps under a tall weights panel (title, 3 labels, 2 of sparkline)


class Playground:
    """Knobs, boundary and diagram, for TrainingScreen."""

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

    def _draw_playground(self, layout: bool = False, draw_diagram: bool = True) -> None:
        net, split = self.net, self.split
        boundary, diagram = self.query_one(BoundaryPanel), self.query_one(DiagramPanel)
        boundary.draw(net, split.X_test, split.y_test, layout=layout)
        train, test = boundary.losses
        data = "the net's own data" if self.knobs.dataset == OWN else self.knobs.dataset
        if self.knobs.dataset not in (OWN, "article"):
            data += f" ({len(split.X)}+{len(split.X_test)}, noise {self.knobs.noise:g})"
        loss = "" if train is None else f" · train {train:.3f}" + ("" if test is None else f" test {test:.3f}")
        _retitle(boundary, f"boundary: {data}{loss}" if boundary.size.width >= 60 else f"boundary{loss}")
        if not draw_diagram:
            return
        diagram.draw(net, layout=layout)
        _retitle(diagram, f"network {'-'.join(map(str, net.spec.sizes))} (k: knobs)")

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
            # a plane as wide as the legend leaves: at 80 columns a square one hid the legend
            rows = max(min((right - LEGEND - 1) // 2, avail - ERROR_MIN - 1, 13), 3)
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
