"""How long a frame at "max" speed may compute, and the warm-up at the fixed speeds.

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


# -- the warm-up at the fixed speeds ------------------------------------------
# The error falls in the first ~1,000 iterations (2-layer net: the first 100),
# which 100 iterations a frame at 30 frames a second passes in a third of a
# second: a first-time user saw only the flat tail. So a run starts slowly and
# speeds up: a frame runs about 1/WARMUP_RATIO of the iterations done so far,
# rounded down to the 1-2-5 steps below, until that reaches the chosen speed.
# The iteration count then grows about e-fold a second: the fall takes a few
# seconds, and from iteration ~3,000 (at 100 a frame) the run is at full speed.
WARMUP_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
WARMUP_RATIO = 30


def warmup_frame(iteration: int) -> int:
    """Iterations the next frame may run during the warm-up, `iteration` having been done."""
    allowed = iteration / WARMUP_RATIO
    return max((step for step in WARMUP_STEPS if step <= allowed), default=1)
