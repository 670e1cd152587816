"""The progress line: play state, iteration n / total, speed, seed, the backend (unless NumPy), which net.

The article's nets are named by their layers and data ("3-layer, XOR"); any
other net by its spec's name and one-line summary (`Spec.describe()`).
"""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from toynn_tui.i18n import _


def article_label(layers: int) -> str:
    return _("{layers}-layer, {data}").format(layers=layers, data="y=x1" if layers == 2 else "XOR")


class StatusBar(Static):
    """One line at the top of the training screen."""

    DEFAULT_CSS = "StatusBar { height: 1; width: 1fr; background: $panel; }"
    _last: Text | None = None
    _parts: dict | None = None   # the latest line's parts, to fit it again when the width changes

    def on_resize(self) -> None:
        # the first line is made before the bar has a width (0: nothing shortened); a paused app
        # would keep it cut off at the edge until the next key
        if self._parts is not None:
            self._fit(self._parts)

    def show(self, *, state: str, iteration: int, total: int, rate: float | None,
             speed: str, seed: int, layers: int, note: str = "", net: str | None = None,
             speed_short: str | None = None, backend: str = "numpy") -> None:
        """`net` names the net shown (default: the article's `layers`-layer net); `speed_short`: the
        speed without the word "warm-up", for a narrow line; `backend`: named unless it is numpy."""
        self._parts = dict(state=state, iteration=iteration, total=total, rate=rate, speed=speed, seed=seed,
                           backend=backend, speed_short=speed_short or speed,
                           label=note or net or article_label(layers), bold=bool(note))
        self._fit(self._parts)

    def _fit(self, parts: dict) -> None:
        """Show the line of `parts` with the fewest words left out that fit the bar's width."""
        for short in range(4):   # at 80 columns the fewest words left out that make it fit
            text = self._line(**parts, short=short)
            if not self.size.width or text.cell_len <= self.size.width:
                break
        if text != self._last:  # rate and iteration change every frame; the rest rarely
            self._last = text
            self.update(text, layout=False)

    @staticmethod
    def _line(*, state, iteration, total, rate, speed, speed_short, seed, backend, label, bold,
              short: int = 0) -> Text:
        """The line; `short` 1 leaves out the word "iteration", 2 "warm-up" too, 3 the play state's
        word (its icon stays): so the net's name at the end (what to do next, or the playground's
        shape) still shows."""
        text = Text(no_wrap=True, overflow="ellipsis")
        icon, word, style = {"playing": ("▶", _("playing"), "bold green"),
                             "paused": ("‖", _("paused"), "bold yellow"),
                             "finished": ("■", _("finished"), "bold cyan"),
                             "overflow": ("⚠", _("overflow"), "bold white on red")}[state]
        text.append(f" {icon if short >= 3 else icon + ' ' + word} ", style)
        count = f"{iteration:,}/{total:,}"
        text.append(" " + (count if short >= 1 else _("iteration {count}").format(count=count)), "bold")
        if rate is None:
            text.append("  – it/s")
        else:  # compact above 10k so the line fits 80 columns
            text.append(f"  {rate / 1000:.0f}k it/s" if rate >= 10_000 else f"  {rate:,.0f} it/s")
        text.append(f"  {speed_short if short >= 2 else speed}", "")
        text.append("  " + _("seed {seed}").format(seed=seed), "")
        if backend != "numpy":   # the code panel still shows NumPy's text: say where it really runs
            text.append("  " + (backend if short >= 2 else _("on {backend}").format(backend=backend)), "bold magenta")
        text.append(f"  {label}", "bold" if bold else "dim")  # what to do next matters more than the name
        return text
