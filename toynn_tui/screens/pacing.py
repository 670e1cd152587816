"""How long a frame at "max" speed may compute before the screen is redrawn.

At "max" the training screen computes, redraws, and starts again right after
the refresh. A fixed compute budget made the frame rate depend on how slow the
drawing is: on a slow or busy machine (drawing 20 ms instead of 9) the screen
fell to ~15 frames a second. The pacer measures what drawing costs (the time
from the end of one frame's computing to the start of the next, smoothed) and
gives the engine what is left of a `FRAME`, within [MIN_BUDGET, MAX_BUDGET].
It also stops a frame's computing before a chunk that would overrun it.
"""
from __future__ import annotations

FRAME = 1 / 21  # seconds: aim just above 20 frames a second, the rest to the engine
MIN_BUDGET = 0.010  # the engine always gets this much, however slow the drawing
MAX_BUDGET = 0.040
SMOOTHING = 0.3  # weight of the newest measurement


class Pacer:
    """Compute budgets for the frames at "max"; the clock is passed in (tests can drive it)."""

    def __init__(self) -> None:
        self.drawing = 0.012  # estimated seconds a frame spends outside computing
        self.chunk = 0.002  # estimated seconds one chunk of iterations takes
        self._computed_at: float | None = None

    def budget(self) -> float:
        return min(max(FRAME - self.drawing, MIN_BUDGET), MAX_BUDGET)

    def start(self, now: float) -> float:
        """A frame starts at `now`: learn from the gap since the last one, return its deadline."""
        if self._computed_at is not None:
            gap = now - self._computed_at
            if gap < 0.25:  # longer: paused, or a lost refresh, not drawing
                self.drawing += SMOOTHING * (gap - self.drawing)
        return now + self.budget()

    def chunk_ran(self, seconds: float) -> None:
        self.chunk += SMOOTHING * (seconds - self.chunk)

    def another(self, now: float, deadline: float) -> bool:
        """Is there time for one more chunk before `deadline`?"""
        return now + self.chunk <= deadline

    def computed(self, now: float) -> None:
        """The frame's computing ended at `now`; drawing starts."""
        self._computed_at = now

    def forget(self) -> None:
        """After a pause: the next gap is not drawing time."""
        self._computed_at = None
