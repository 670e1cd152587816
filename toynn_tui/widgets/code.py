"""The code panel: the lines of the training loop the engine runs.

In line-by-line mode the line that runs next is highlighted; the line that
just ran is shown in green (and, with room, ticked) while the panels it wrote
to are marked in yellow.
"""
from __future__ import annotations

from rich.style import Style
from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.widgets._panel import NetPanel

NEXT = Style(color="black", bgcolor="bright_cyan", bold=True)
RAN = Style(color="bright_green", bold=True)


class CodePanel(NetPanel):
    """The loop body, one line per row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.line_mode = False  # highlight the next line (set by the screen)
        self.ran: int | None = None  # index of the line that ran last in line mode

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        longest = max(len(line.text) for line in net.loop)
        gutter = width >= longest + 2  # room for ▶ / ✓ markers
        text = Text(no_wrap=True, overflow="crop")
        for i, line in enumerate(net.loop):
            if i:
                text.append("\n")
            nxt = self.line_mode and i == net.line
            ran = self.line_mode and i == self.ran
            if gutter:
                text.append("▶ " if nxt else "✓ " if ran else "  ", RAN if ran else "bold")
            text.append(line.text, NEXT if nxt else RAN if ran else "")
        return text

    def title_for(self, net: Net) -> str:
        """The border title: where line-by-line mode stands."""
        if not self.line_mode:
            return "training loop (l: one line)"
        return f"loop · next line {net.line + 1}/{len(net.loop)}"
