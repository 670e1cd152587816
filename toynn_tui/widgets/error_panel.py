"""The error panel: mean |error| over the run, on a log scale.

`ErrorHistory` keeps at most `size` samples however long the run: when full
it drops every other sample and samples half as often, so the sparkline
always spans the whole run from iteration 1 to now.
"""
from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from toynn_tui.widgets._fmt import HEAD


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
        yield Static("", id="error-labels")
        yield Sparkline([], id="error-spark")

    def show(self) -> None:
        """Redraw from `history` (called by the screen after the net advances)."""
        h = self.history
        text = Text(no_wrap=True, overflow="crop")
        if h.latest is None:
            text.append("no error yet (no forward pass)", "dim italic")
        else:
            text.append("now  ", HEAD)
            text.append(_err(h.latest[1]), "bold")
            text.append(f"  at iteration {h.latest[0]:,}")
            if h.lowest is not None:
                text.append("\nbest ", HEAD)
                text.append(_err(h.lowest[1]), "bold green")
                text.append(f"  at iteration {h.lowest[0]:,}")
            points = h.points()
            if len(points) > 1:
                errs = [e for _, e in points if math.isfinite(e)]
                if errs:
                    text.append(f"\nscale (log): {_err(max(errs))} → {_err(min(errs))}", "dim")
        self.query_one("#error-labels", Static).update(text, layout=False)
        # One sample would draw as a full block: wait for a second one.
        self.query_one(Sparkline).data = h.log_values() if len(h.points()) > 1 else []
