"""The progress line: play state, iteration n / total, speed, seed, which net.

The article's nets are named by their layers and data ("3-layer, XOR"); any
other net by its spec's name and one-line summary (`Spec.describe()`).
"""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def article_label(layers: int) -> str:
    return f"{layers}-layer, {'y=x1' if layers == 2 else 'XOR'}"


class StatusBar(Static):
    """One line at the top of the training screen."""

    DEFAULT_CSS = "StatusBar { height: 1; width: 1fr; background: $panel; }"
    _last: Text | None = None

    def show(self, *, state: str, iteration: int, total: int, rate: float | None,
             speed: str, seed: int, layers: int, note: str = "", net: str | None = None) -> None:
        """`net` names the net shown (default: the article's `layers`-layer net)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        icon, style = {"playing": ("▶ playing", "bold green"), "paused": ("‖ paused", "bold yellow"),
                       "finished": ("■ finished", "bold cyan"),
                       "overflow": ("⚠ overflow", "bold white on red")}[state]
        text.append(f" {icon} ", style)
        text.append(f" iteration {iteration:,}/{total:,}", "bold")
        if rate is None:
            text.append("  – it/s")
        else:  # compact above 10k so the line fits 80 columns
            text.append(f"  {rate / 1000:.0f}k it/s" if rate >= 10_000 else f"  {rate:,.0f} it/s")
        text.append(f"  {speed}", "")
        text.append(f"  seed {seed}", "")
        if note:  # what to do next matters more than the net's name
            text.append(f"  {note}", "bold")
        else:
            text.append(f"  {net or article_label(layers)}", "dim")
        if text != self._last:  # rate and iteration change every frame; the rest rarely
            self._last = text
            self.update(text, layout=False)
