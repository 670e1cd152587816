"""A verdict in points: the exercise is out of its `points` in `ladder.toml`, shared out by its checks'
`weights` (equal where the table has none), so a file that passes some checks gets partial credit.

One place for the arithmetic, read by every gradebook format (CSV, JSON, JUnit and the LMS files).
"""
from __future__ import annotations

DEFAULT_POINTS = 10.0   # an exercise the ladder does not know (an old gradebook's) is out of 10, equal checks


def max_points(exercise: str) -> float:
    from toynn_tui import ladder   # the ladder is read when a gradebook is written, not at import
    try:
        return ladder.get(exercise).points
    except KeyError:
        return DEFAULT_POINTS


def check_points(exercise: str, tests: list, status: str) -> list[float]:
    """Each check's points: its weight's share of the exercise's points when it passes, 0 otherwise.

    The shares are rounded to cents cumulatively, so they add up to `score` exactly: GitHub
    Classroom posts the sum of the tests' points, and the CSV the score; both must say the same.
    A file that could not be graded (`status` "error") earns nothing, whatever its checks said."""
    from toynn_tui import ladder
    try:
        ex = ladder.get(exercise)
        out_of, weight = ex.points, ex.weight
    except KeyError:
        out_of, weight = DEFAULT_POINTS, (lambda name, i: 1.0)
    weights = [weight(str(t.get("name", "")), i) for i, t in enumerate(tests)]
    total = sum(weights) or 1.0
    earned, so_far, shown = [], 0.0, 0.0
    for w, t in zip(weights, tests):
        if t.get("status") == "pass" and status != "error":
            so_far += out_of * w / total
        now = round(so_far, 2)
        earned.append(round(now - shown, 2))
        shown = now
    return earned


def score(exercise: str, verdict) -> float:
    """The verdict's score out of the exercise's points: the sum of its checks' points."""
    if verdict.status == "pass":   # every check: the whole points, whatever the cents say
        return max_points(exercise)
    return round(sum(check_points(exercise, verdict.tests, verdict.status)), 2)


def number(x: float) -> str:
    """A score as the gradebooks print it: 7, 8.33, 10 (no trailing .0 for an LMS to misread)."""
    return f"{x:g}"
