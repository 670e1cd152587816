"""The code panel: the lines of the training loop the engine runs.

In line-by-line mode the line that runs next is highlighted and marked ▶;
the line that just ran is shown in green and ticked ✓, while the panels it
wrote to are marked in yellow. The marks are characters, not only colours (a
terminal may show no colour, a reader may not tell them apart): where the
two-column gutter does not fit (the 44-column panel at 80x24), they take one
column and the longest lines lose their last characters to a "…".
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
        if width >= longest + 2:
            gutter = 2      # "▶ " / "✓ ", always, so the code does not shift when line mode starts
        elif self.line_mode:
            gutter = 1      # the marks must show; a line too long loses its end instead
        else:
            gutter = 0      # no marks to show: the whole code
        room = max(width - gutter, 1)
        text = Text(no_wrap=True, overflow="crop")
        for i, line in enumerate(net.loop):
            if i:
                text.append("\n")
            nxt = self.line_mode and i == net.line
            ran = self.line_mode and i == self.ran
            if gutter:
                mark = "▶" if nxt else "✓" if ran else " "
                text.append(mark.ljust(gutter), RAN if ran else "bold")
            code = line.text if len(line.text) <= room else line.text[:room - 1] + "…"
            text.append(code, NEXT if nxt else RAN if ran else "")
        return text

    def title_for(self, net: Net) -> str:
        """The border title: where line-by-line mode stands."""
        if not self.line_mode:
            return "training loop (l: one line)"
        return f"loop · next line {net.line + 1}/{len(net.loop)}"
