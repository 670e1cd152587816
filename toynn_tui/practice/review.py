"""How a drill rates as a review of its exercise (fsrs's Again/Hard/Good/Easy): the one place of its rules.

A drill is a rebuild from memory, so its result is what a flash card's answer
is to the FSRS scheduler (`schedule`): how well the exercise was remembered.

    ran out of time (or gave up after checking a save)  -> Again
    green after more than HARD_CHECKS checks, or with a hint (HARD_HINTS)  -> Hard
    green within EASY_CHECKS checks, no hint, and quickly  -> Easy
    any other green  -> Good

"Quickly" is within half the drill's time limit (`--minutes`), or within
EASY_SECONDS when the drill had none. A drill that ended before any save was
checked (Ctrl-C straight away) is no review: nothing was rebuilt, so it says
nothing of the memory; a drill that ran out of time is Again whatever it checked.
"""
from __future__ import annotations

from fsrs import Rating

from toynn_tui.practice.history import seconds_of

# Green after this many checks or more is Hard: the file was found by trial rather than recalled.
HARD_CHECKS = 6
# This many hints asked for during the drill (`toynn hint`) make a green Hard: memory needed help.
HARD_HINTS = 1
# Green within this many checks (the green one included), without a hint, and quickly is Easy.
EASY_CHECKS = 2
# "Quickly", when the drill had no time limit: green within five minutes.
EASY_SECONDS = 300.0
# ...and with a limit: green within this share of it.
EASY_SHARE_OF_LIMIT = 0.5

# The names a drill record keeps its rating under ("rating": "good"): readable in the history file.
NAMES = {Rating.Again: "again", Rating.Hard: "hard", Rating.Good: "good", Rating.Easy: "easy"}
BY_NAME = {name: rating for rating, name in NAMES.items()}


def rate(record: dict) -> Rating | None:
    """The review a drill record makes: Again, Hard, Good or Easy; None when it is no review."""
    checks = record.get("checks") if isinstance(record.get("checks"), int) else 0
    if not record.get("green"):
        if record.get("outcome") == "time-up" or checks > 0:
            return Rating.Again
        return None
    hints = record.get("hints") if isinstance(record.get("hints"), int) else 0
    if checks >= HARD_CHECKS or hints >= HARD_HINTS:
        return Rating.Hard
    if checks <= EASY_CHECKS and _quick(record):
        return Rating.Easy
    return Rating.Good


def rating_of(record: dict) -> Rating | None:
    """The rating a drill record holds ("rating"), or, for a drill recorded before ratings were, `rate`'s."""
    if "rating" in record:
        return BY_NAME.get(record.get("rating"))   # None ("rating": null): recorded as no review
    return rate(record)


def _quick(record: dict) -> bool:
    seconds = seconds_of(record)
    if seconds is None:
        return False
    minutes = record.get("minutes")
    if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) and minutes > 0:
        return seconds <= minutes * 60 * EASY_SHARE_OF_LIMIT
    return seconds <= EASY_SECONDS
