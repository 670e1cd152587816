"""Every custom Textual message of the app, in one place.

The training screen posts them to itself; each is handled there first and
then bubbles to the App, so other screens (or the App) can react to training
events without reaching into the screen.
"""
from __future__ import annotations

from textual.message import Message

from toynn_tui.engine import article


class Halted(Message):
    """Training stopped by itself: `reason` is "finished" (last iteration) or "overflow" (NaN/inf)."""

    def __init__(self, reason: str, iteration: int) -> None:
        super().__init__()
        self.reason = reason
        self.iteration = iteration


class LineRan(Message):
    """Line-by-line mode ran one line of the loop; `writes` are the arrays it changed."""

    def __init__(self, text: str, writes: tuple[str, ...]) -> None:
        super().__init__()
        self.text = text
        self.writes = writes


class NetReplaced(Message):
    """The net was reset, reseeded or switched: a fresh start at iteration 0.

    `spec` is the net's name in engine.SPECS ("article2" / "article3" for the article's).
    """

    def __init__(self, layers: int, seed: int, spec: str | None = None) -> None:
        super().__init__()
        self.layers = layers
        self.seed = seed
        self.spec = spec if spec is not None else article(layers).name


class ExerciseGraded(Message):
    """The exercises screen graded a learner's file: `verdict` is a practice.runner.Verdict.

    Posted from the grading thread; handled on the exercises screen, then
    bubbles to the App (e.g. to notify when an exercise turns green).
    """

    def __init__(self, exercise: str, verdict, signature: tuple | None) -> None:
        super().__init__()
        self.exercise = exercise
        self.verdict = verdict
        self.signature = signature
