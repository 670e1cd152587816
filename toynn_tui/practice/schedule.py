"""When each exercise is next due for a rebuild from memory: the FSRS scheduler (the `fsrs` package).

Every drill is a review of its exercise (its rating: `review`); an exercise's
fsrs `Card` is the history's reviews of it replayed through fsrs's own
`Scheduler`, oldest first. The history (`.toynn/history.jsonl`) stays the one
record: nothing else is stored, so the schedule is a pure function of it and of
the time, and a test or a script gives `now` and gets the same answer every run.

The scheduler is fsrs's, with three choices of ours:
- no learning or relearning steps: they re-show a flash card minutes later in the
  same sitting; a drill is a whole rebuild, so the next is always days away
  (FSRS's own interval: about 1 day after Again, 2 after Good, 8 after Easy at first);
- no fuzz: it spreads a big deck's reviews with random days; ours is a dozen
  exercises, and random days would make the schedule differ between two replays;
- the desired retention is fsrs's default, 0.9.

"Due today" counts in the learner's local days, as `history.day_streak` does:
an exercise due at 18:00 is due all day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

from fsrs import Card, Rating, Scheduler

from toynn_tui.practice import history, review


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def now() -> datetime:
    """The time the commands schedule by: a test or a script replaces this (`schedule.now = ...`)."""
    return datetime.now(timezone.utc)


@dataclass
class Item:
    """One drilled exercise in the schedule."""

    exercise: str
    card: Card          # fsrs's card after the last review
    last: dict          # the newest drill record that was a review
    rating: Rating      # that review's rating

    @property
    def due(self) -> datetime:
        return self.card.due


def ended_at(record: dict) -> datetime | None:
    """When a drill ended, in UTC (fsrs takes UTC only); None for a record without a readable time."""
    try:
        when = datetime.fromisoformat(str(record["ended"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.astimezone()   # a naive stamp is the machine's local time
    return when.astimezone(timezone.utc)


def items(records: list[dict]) -> dict[str, Item]:
    """Per drilled exercise, its card: every review of it replayed through the scheduler, in time order."""
    reviews: dict[str, list[tuple[datetime, Rating, dict]]] = {}
    for rec in history.drills(records):
        rating, when = review.rating_of(rec), ended_at(rec)
        if rating is not None and when is not None:
            reviews.setdefault(rec["exercise"], []).append((when, rating, rec))
    out = {}
    for i, (name, done) in enumerate(sorted(reviews.items())):
        done.sort(key=lambda r: r[0])
        card = Card(card_id=i + 1, due=done[0][0])   # an id of our own: fsrs's default waits a millisecond
        for when, rating, _rec in done:
            card, _log = scheduler().review_card(card, rating, review_datetime=when)
        out[name] = Item(name, card, done[-1][2], done[-1][1])
    return out


def local_day(when: datetime) -> date:
    return when.astimezone().date()


def is_due(item: Item, at: datetime) -> bool:
    """Due on `at`'s local day (or before)."""
    return local_day(item.due) <= local_day(at)


def due_and_later(records: list[dict], at: datetime, order: list[str] = ()) -> tuple[list[Item], list[Item]]:
    """The exercises due today, most overdue first, and the others, soonest first.

    Ties (due the same moment) go in `order` (the ladder's), then by name.
    """
    rank = {n: i for i, n in enumerate(order)}
    every = sorted(items(records).values(), key=lambda it: (it.due, rank.get(it.exercise, len(rank)), it.exercise))
    return [it for it in every if is_due(it, at)], [it for it in every if not is_due(it, at)]


def most_overdue(records: list[dict], at: datetime, order: list[str] = ()) -> Item | None:
    """The exercise whose due time passed longest ago (None: nothing is due today)."""
    due, _later = due_and_later(records, at, order)
    return due[0] if due else None


def days_between(earlier: datetime, later: datetime) -> int:
    """Local calendar days from `earlier` to `later` (0: the same day)."""
    return (local_day(later) - local_day(earlier)).days


def next_due(records: list[dict]) -> dict[str, datetime]:
    """exercise -> when it is next due, for every drilled exercise (`toynn list`, the exercises screen)."""
    return {name: it.due for name, it in items(records).items()}

