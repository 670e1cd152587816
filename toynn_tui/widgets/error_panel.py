"""The error panel: mean |error| over the run, on a log scale.

`ErrorHistory` keeps at most `size` samples however long the run: when full
it drops every other sample and samples half as often, so the sparkline
always spans the whole run from iteration 1 to now.
"""
from __future__ import annotations

import math
from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.renderables._blend_colors import blend_colors
from textual.strip import Strip
from textual.widgets import Sparkline

from toynn_tui.widgets._fmt import HEAD
from toynn_tui.i18n import _
from toynn_tui.cells import cell_len, ljust
from toynn_tui.widgets._panel import KeptStrips, KeptText


class ErrorHistory:
    """A bounded record of (iteration, error), plus the latest and the lowest seen."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.clear()

    def clear(self) -> None:
        self.samples: list[tuple[int, float]] = []
        self.every = 1  # keep a sample at most once per `every` iterations
        self.latest: tuple[int, float] | None = None
        self.lowest: tuple[int, float] | None = None

    def add(self, iteration: int, error: float) -> None:
        """Record the error measured in `iteration` (1-based); repeats are ignored."""
        if self.latest is not None and self.latest[0] == iteration:
            return
        self.latest = (iteration, error)
        if math.isfinite(error) and (self.lowest is None or error < self.lowest[1]):
            self.lowest = (iteration, error)
        if self.samples and iteration - self.samples[-1][0] < self.every:
            return
        self.samples.append((iteration, error))
        if len(self.samples) > self.size:
            self.samples = self.samples[::2]
            self.every *= 2

    def points(self) -> list[tuple[int, float]]:
        """The kept samples, always ending with the latest value (the line ends at "now")."""
        if self.latest is not None and (not self.samples or self.samples[-1] != self.latest):
            return self.samples + [self.latest]
        return list(self.samples)

    def log_values(self) -> list[float]:
        """log10 of every point, as a fresh list (the Sparkline wants a new list each time)."""
        return [math.log10(max(e, 1e-300)) if math.isfinite(e) else 0.0 for _, e in self.points()]


class LogSparkline(KeptStrips, Sparkline):
    """Textual's Sparkline (its CSS, colours and bars), drawn as a few strips.

    The stock widget yields one styled segment per cell (385 at 80x24) and
    sends them through Rich's console on every refresh: ~8 ms a frame here,
    half of all drawing at full speed. This one draws the same bars, with the
    colour of each bar rounded to one of `SHADES` steps so that neighbouring
    cells share a style and merge into one segment, and keeps the strips
    until the data, the size or the colours change.
    """

    SHADES = 16

    def show(self, values: list[float]) -> None:
        """Draw `values` now, repainting only the rows whose bars moved (a new sample mostly
        changes the last column, or nothing at all once the error is flat)."""
        if not self.size or not self.is_mounted:
            self.data = values
            return
        self.set_reactive(Sparkline.data, values)   # (setting `data` would repaint every row)
        self.swap_strips(values, self._build(list(values), *self.size, self.render(),
                                             self.visual_style.rich_style))

    def render_line(self, y: int) -> Strip:
        # `data` is always a fresh list (ErrorHistory.log_values): new data, new strips.
        # self.render() is Textual's renderable: it holds the colours from the CSS.
        return self.kept_line(y, self.data, lambda: self._build(
            list(self.data or ()), *self.size, self.render(), self.visual_style.rich_style))

    @classmethod
    def _build(cls, data: list[float], width: int, height: int, stock, base: Style) -> list[Strip]:
        if width <= 0 or height <= 0:
            return []
        low_colour, high_colour = stock.min_color.color, stock.max_color.color
        if len(data) < 2:  # as the stock widget: a baseline, or one full-height bar
            blank = [Strip([Segment(" " * width, base)], width)] * (height - 1)
            if not data:
                return blank + [Strip([Segment("▁" * width, base + Style.from_color(low_colour))], width)]
            return [Strip([Segment("█" * width, base + Style.from_color(high_colour))], width)] * height
        low, high = min(data), max(data)
        extent = (high - low) or 1
        bars = stock.BARS  # eighths of a cell
        levels = len(bars) * height - 1
        shades = [base + Style.from_color(blend_colors(low_colour, high_colour, k / cls.SHADES))
                  for k in range(cls.SHADES + 1)]
        buckets = list(stock._buckets(data, num_buckets=width))
        columns = []  # (bar level, style) per column, picked as the stock renderable picks them
        index, step = 0.0, len(buckets) / width  # a float that accumulates, as there
        for _ in range(width):
            ratio = (max(buckets[int(index)]) - low) / extent
            columns.append((int(ratio * levels), shades[round(ratio * cls.SHADES)]))
            index += step
        strips = []
        for row in reversed(range(height)):  # top row first
            bottom, top = row * len(bars), (row + 1) * len(bars)
            # runs of equal cells as one segment each (a tall panel has thousands of cells)
            cells = ((" ", base) if level < bottom else ("█" if level >= top else bars[level % len(bars)], style)
                     for level, style in columns)
            strips.append(Strip([Segment(ch * len(list(run)), style) for (ch, style), run in groupby(cells)],
                                width))
        return strips


def _err(e: float) -> str:
    return f"{e:.4g}" if e >= 1e-3 or e == 0 else f"{e:.3e}"


class ErrorPanel(Vertical):
    """Current and lowest error (with their iterations) above a log-scale sparkline."""

    DEFAULT_CSS = """
    ErrorPanel { height: 1fr; }
    ErrorPanel > #error-labels { height: 3; }
    ErrorPanel > Sparkline { height: 1fr; min-height: 1; }
    ErrorPanel > Sparkline > .sparkline--max-color { color: $error; }
    ErrorPanel > Sparkline > .sparkline--min-color { color: $success; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = ErrorHistory()

    def compose(self) -> ComposeResult:
        yield KeptText("", id="error-labels")
        yield LogSparkline([], id="error-spark")

    def show(self) -> None:
        """Redraw from `history` (called by the screen after the net advances)."""
        h = self.history
        text = Text(no_wrap=True, overflow="crop")
        if h.latest is None:
            text.append(_("no error yet (no forward pass)"), "dim italic")
        else:
            # "now" and "best" padded to one width (by cells: a translation may be double-width)
            now, best = _("now"), _("best")
            width = max(cell_len(now), cell_len(best)) + 1
            text.append(ljust(now, width), HEAD)
            text.append(_err(h.latest[1]), "bold")
            text.append("  " + _("at iteration {iteration:,}").format(iteration=h.latest[0]))
            if h.lowest is not None:
                text.append("\n" + ljust(best, width), HEAD)
                text.append(_err(h.lowest[1]), "bold green")
                text.append("  " + _("at iteration {iteration:,}").format(iteration=h.lowest[0]))
            points = h.points()
            if len(points) > 1:
                errs = [e for _, e in points if math.isfinite(e)]
                if errs:
                    text.append("\n" + _("scale (log): {high} → {low}").format(high=_err(max(errs)),
                                                                              low=_err(min(errs))), "dim")
        self.query_one("#error-labels", KeptText).show_text(text)
        # One sample would draw as a full block: wait for a second one.
        self.query_one(LogSparkline).show(h.log_values() if len(h.points()) > 1 else [])
