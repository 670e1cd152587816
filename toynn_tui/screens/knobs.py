"""The knobs dialog (key `k`): every option of the engine, changed live.

Up/down pick a knob, left/right (or -/+) turn it, and each turn is applied at once (the
screen beneath shows the new loop lines and says whether training continued or restarted).
The knobs themselves (what each one steps through, the net they stand for) are
engine/knobs.py.
"""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from toynn_tui.engine import Spec
from toynn_tui.engine.knobs import LABELS, ORDER, Knobs, choices, knob_note, show, turned
from toynn_tui.i18n import _
from toynn_tui.cells import ljust
from toynn_tui.widgets._fmt import HEAD


NOTE_INDENT = " " * 4


def knob_lines(knobs: Knobs, selected: int, base: Spec | None = None) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, knob in enumerate(ORDER):
        if i:
            text.append("\n")
        value = knobs.get(knob)
        sel = i == selected
        text.append("▶ " if sel else "  ", "bold")
        label = _(LABELS[knob])
        text.append(ljust(label, 14), "bold reverse" if sel else HEAD)
        values = choices(knobs, knob)
        j = values.index(value)
        text.append(" ◀ " if j > 0 else "   ", "dim")
        text.append(show(knob, value, base), "bold" if sel else "")
        text.append(" ▶" if j < len(values) - 1 else "  ", "dim")
        note = knob_note(knobs, knob)
        if note:   # on a line of its own: beside the value it was cut in the 36-column dialog
            text.append(f"\n{NOTE_INDENT}{note}", "dim")
    return text


class KnobsScreen(ModalScreen[None]):
    """The knobs dialog, at the right of the screen: the training screen stays in sight beside it."""

    DEFAULT_CSS = """
    KnobsScreen { align: right top; background: transparent; }
    KnobsScreen > Vertical { width: 36; height: auto; max-height: 100%; border: round $accent;
                             background: $surface; padding: 0 1; }
    KnobsScreen #knob-list { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    KnobsScreen #knob-note { height: auto; color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding("up", "pick(-1)", _("previous"), show=False),
        Binding("down", "pick(1)", _("next"), show=False),
        Binding("left,minus", "turn(-1)", _("less"), show=False),
        Binding("right,plus,equals_sign", "turn(1)", _("more"), show=False),
        Binding("escape,k,enter", "close", _("close")),
    ]

    def __init__(self, knobs: Knobs, apply: Callable[[Knobs, str], str], base: Spec | None = None,
                 selected: int = 0) -> None:
        """`apply(knobs, knob)` applies a change and returns what happened, for the note."""
        super().__init__()
        self.knobs, self.apply, self.base, self.selected = knobs, apply, base, selected
        self.note = _("↑↓ pick · ←→ turn · esc closes")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("knobs")
            box.border_subtitle = _("changes apply at once")
            yield Static(id="knob-list")
            yield Static(id="knob-note")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        self.query_one("#knob-list", Static).update(knob_lines(self.knobs, self.selected, self.base))
        self.query_one("#knob-note", Static).update(self.note)

    def action_pick(self, step: int) -> None:
        self.selected = (self.selected + step) % len(ORDER)
        self._show()

    def action_turn(self, step: int) -> None:
        knob = ORDER[self.selected]
        new = turned(self.knobs, knob, step)
        if new != self.knobs:
            self.knobs = new
            self.note = self.apply(new, knob)
        self._show()

    def action_close(self) -> None:
        if self.app.screen is self:
            self.dismiss()
