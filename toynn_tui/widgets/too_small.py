"""Shown instead of the panels when the terminal is too small to draw them."""
from __future__ import annotations

from textual.widgets import Static

from toynn_tui.i18n import _

MIN_WIDTH, MIN_HEIGHT = 76, 24  # the 3-layer left column needs all 24 rows


class TooSmall(Static):
    """A centred "make the window larger" notice."""

    DEFAULT_CSS = """
    TooSmall { width: 1fr; height: 1fr; content-align: center middle; text-align: center;
               color: $warning; text-style: bold; }
    """

    def fit(self, width: int, height: int, need: tuple[int, int] = (MIN_WIDTH, MIN_HEIGHT)) -> bool:
        """Below `need`, mark the screen `-too-small` (its CSS hides the panels, shows us) and say so."""
        small = width < need[0] or height < need[1]
        self.screen.set_class(small, "-too-small")
        if small:
            self.show(width, height, need)
        return small

    def show(self, width: int, height: int, need: tuple[int, int] = (MIN_WIDTH, MIN_HEIGHT)) -> None:
        self.update(_("Make the window larger:\ntoynn needs {need},\nthis one is {size}.\n\n(q quits)").format(
            need=f"{need[0]}×{need[1]}", size=f"{width}×{height}"))
