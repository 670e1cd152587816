"""The code panel: the lines of the training loop the engine runs.

In line-by-line mode the line that runs next is highlighted and marked ▶;
the line that just ran is shown in green and ticked ✓, while the panels it
wrote to are marked in yellow. The marks are characters, not only colours (a
terminal may show no colour, a reader may not tell them apart): where the
two-column gutter does not fit (the 44-column panel at 80x24), they take one
column and the longest lines lose their last characters to a "…".
A loop longer than the panel (the ladder's bigger nets at 80x24) shows a
window of it that follows the line running next, "⋮" marking what is left out.
"""
from __future__ import annotations

from rich.style import Style
from rich.text import Text

from toynn_tui.engine import Net, is_article
from toynn_tui.i18n import _, ngettext
from toynn_tui.widgets._panel import NetPanel

NEXT = Style(color="black", bgcolor="bright_cyan", bold=True)
RAN = Style(color="bright_green", bold=True)


class CodePanel(NetPanel):
    """The loop body, one line per row."""

    max_lines: int | None = None  # set by the screen when the loop is longer than the room

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.line_mode = False  # highlight the next line (set by the screen)
        self.ran: int | None = None  # index of the line that ran last in line mode

    def window(self, net: Net) -> tuple[int, int]:
        """The loop lines shown, [start, end): all of them, or (a long loop in a short panel) a
        window that keeps the line running next in sight, with a "⋮" row for each part left out."""
        n, room = len(net.loop), self.max_lines
        if room is None or n <= room:
            return 0, n
        room = max(room, 3)
        focus = net.line if self.line_mode else 0
        start = max(focus - min(2, (room - 3) // 2), 0)   # (up to) two lines of context above it
        if start == 0:
            return 0, room - 1
        if start + room - 1 >= n:        # the end is in sight: a "⋮" row above only
            return n - (room - 1), n
        return start, start + room - 2

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        longest = max(len(line.text) for line in net.loop)
        if width >= longest + 2:
            gutter = 2      # "▶ " / "✓ ", always, so the code does not shift when line mode starts
        elif self.line_mode:
            gutter = 1      # the marks must show; a line too long loses its end instead
        else:
            gutter = 0      # no marks to show: the whole code
        room = max(width - gutter, 1)
        start, end = self.window(net)
        text = Text(no_wrap=True, overflow="crop")
        if start:
            text.append(" " * gutter + ngettext("⋮ {n} line above", "⋮ {n} lines above", start).format(n=start), "dim")
        for i in range(start, end):
            line = net.loop[i]
            if i or start:
                text.append("\n")
            nxt = self.line_mode and i == net.line
            ran = self.line_mode and i == self.ran
            if gutter:
                mark = "▶" if nxt else "✓" if ran else " "
                text.append(mark.ljust(gutter), RAN if ran else "bold")
            code = line.text if len(line.text) <= room else line.text[:room - 1] + "…"
            text.append(code, NEXT if nxt else RAN if ran else "")
        if end < len(net.loop):
            below = len(net.loop) - end
            text.append("\n" + " " * gutter + ngettext("⋮ {n} more line", "⋮ {n} more lines", below).format(n=below), "dim")
        return text

    def title_for(self, net: Net) -> str:
        """The border title: where line-by-line mode stands."""
        if not self.line_mode:
            if is_article(net.spec):
                return _("training loop (l: one line)")
            return _("loop: {title} (l: one line)").format(title=net.spec.title or net.spec.name)
        return _("loop · next line {n}/{total}").format(n=net.line + 1, total=len(net.loop))
