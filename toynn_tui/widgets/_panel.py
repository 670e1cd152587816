"""The base of the net-drawing panels: a Static that redraws itself from a Net.

The training screen calls `draw(net, marks)` once per frame. Each panel turns
the net into a `rich.text.Text` sized for its own width (so a bigger window
gets more decimals) and swaps it in without a layout pass: panel sizes only
change on resize or when the net is switched, and those redraw with layout.

Drawing goes straight from the Text to strips through Rich (`render_line`),
not through Textual's Content conversion: the same cells, about a third of the
cost, which is most of the frame rate at full speed (bench/bench_app.py).
"""
from __future__ import annotations

from typing import Callable

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from toynn_tui.engine import Net


class KeptStrips:
    """Mixin for a widget drawn by the line API from strips built once per (content, size).

    `render_line` calls `kept_line(y, content, build)`: `build()` runs only when
    `content` is another object or the size changed; a new theme or CSS drops
    the strips (they carry the old colours). The panels and the error
    sparkline draw this way.
    """

    _kept: tuple = (None, None, [])  # (content, size, strips)

    def kept_line(self, y: int, content: object, build: Callable[[], list[Strip]]) -> Strip:
        size = self.size
        kept_content, kept_size, strips = self._kept
        if kept_content is not content or kept_size != size:
            strips = build()
            self._kept = (content, size, strips)
        return strips[y] if 0 <= y < len(strips) else Strip.blank(size.width, self.visual_style.rich_style)

    def swap_strips(self, content: object, strips: list[Strip]) -> None:
        """Show `strips` (built for the current size) and repaint only the lines that differ
        from the ones shown: a whole-widget refresh re-renders every line through Textual's
        compositor, most of a frame's drawing at full speed, even where nothing moved."""
        _, size, old = self._kept
        self._kept = (content, self.size, strips)
        if size != self.size or len(old) != len(strips):
            self.refresh()
            return
        width = size.width
        changed = [Region(0, y, width, 1) for y, (was, now) in enumerate(zip(old, strips))
                   if was is not now and list(was) != list(now)]
        if changed:
            self.refresh(*changed)

    def notify_style_update(self) -> None:
        self._kept = (None, None, [])
        super().notify_style_update()


class KeptText(KeptStrips, Static):
    """A Static showing a cropped, unwrapped `rich.text.Text`, drawn straight through Rich."""

    _last: Text | None = None

    def show_text(self, text: Text, layout: bool = False) -> bool:
        """Show `text`; False (and nothing redrawn) when it is the text already shown."""
        if not layout and text == self._last:
            return False
        self._last = text
        self.update(text, layout=layout)
        return True

    def render_line(self, y: int) -> Strip:
        text = self._last
        if text is None or self.text_selection is not None:
            return super().render_line(y)  # Textual's own path draws a mouse selection
        return self.kept_line(y, text, lambda: self._render_strips(text, self.size.width))

    def _render_strips(self, text: Text, width: int) -> list[Strip]:
        # Text.render straight away: console.render's wrapping and options cost as much again.
        base = self.visual_style.rich_style
        lines = Segment.split_lines(text.render(self.app.console, end=""))
        return [Strip(Segment.apply_style(line, base)).crop(0, width) for line in lines]


class NetPanel(KeptText):
    """A panel that shows part of a `Net`; subclasses implement `build`."""

    DEFAULT_CSS = "NetPanel { width: 1fr; height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._net: Net | None = None
        self._marks: frozenset[str] = frozenset()
        self.draws = 0  # how many times the panel's content changed (the benchmark reads it)

    def draw(self, net: Net, marks: frozenset[str] = frozenset(), layout: bool = False) -> None:
        """Show `net`; names in `marks` were just written by a line of the loop."""
        self._net, self._marks = net, marks
        # unchanged (e.g. the code panel while playing): no re-render
        if self.show_text(self.build(net, marks, self.content_size.width or 80), layout=layout):
            self.draws += 1

    def on_resize(self) -> None:
        if self._net is not None:
            self.draw(self._net, self._marks, layout=True)

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:  # pragma: no cover
        raise NotImplementedError

def retitle(widget, title: str) -> None:
    # Setting border_title repaints the whole widget even when the title is the same:
    # at full speed that was a needless redraw of the code panel every frame.
    if widget.border_title != title:
        widget.border_title = title
