"""`toynn today` in words, and the "next due" phrase of `toynn list` and the exercises screen.

What is due today comes first, most overdue first, each with why: when it was
last rebuilt and how that went ("exercise3: last rebuilt 9 days ago in 4m10s,
due"); then what is not due yet, soonest first; then the exercises never
drilled. The schedule itself is `schedule`'s; this module only says it.
"""
from __future__ import annotations

from datetime import datetime

from toynn_tui.i18n import _, ngettext
from toynn_tui.practice import history, schedule


def ago(when: datetime, at: datetime) -> str:
    """ "today", "yesterday", "9 days ago": how long before `at` (in local days)."""
    days = schedule.days_between(when, at)
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def due_phrase(due: datetime, at: datetime) -> str:
    """When an exercise is next due, seen from `at`: "due", "due 3 days ago", "due tomorrow", "due in 5 days"."""
    days = schedule.days_between(at, due)
    if days < 0:
        return ngettext("due {n} day ago", "due {n} days ago", -days).format(n=-days)
    if days == 0:
        return _("due")
    if days == 1:
        return _("due tomorrow")
    return ngettext("due in {n} day", "due in {n} days", days).format(n=days)


def list_phrase(due: datetime | None, at: datetime) -> str:
    """The next-due column of `toynn list` and the field of the exercises screen."""
    if due is None:
        return _("not drilled")
    if schedule.days_between(at, due) == 0:
        return _("due today")
    return due_phrase(due, at)


def next_drill(due: datetime, at: datetime) -> str:
    """The exercises screen's field: "next drill: due in 3 days"."""
    return _("next drill: {due}").format(due=list_phrase(due, at))


def why(item: schedule.Item, at: datetime) -> str:
    """How the last review went, and when: "last rebuilt 9 days ago in 4m10s"."""
    rec = item.last
    when = ago(schedule.ended_at(rec) or at, at)
    took = history.format_seconds(history.seconds_of(rec) or 0.0)
    if rec.get("green"):
        return _("last rebuilt {ago} in {took}").format(ago=when, took=took)
    passed, total = rec.get("passed", 0), rec.get("total", 0)
    if rec.get("outcome") == "time-up":
        return _("ran out of time {ago} after {took} (last check {passed} of {total})").format(
            ago=when, took=took, passed=passed, total=total)
    return _("not finished {ago}, stopped after {took} (last check {passed} of {total})").format(
        ago=when, took=took, passed=passed, total=total)


def line(item: schedule.Item, at: datetime) -> str:
    """One exercise of `toynn today`: "exercise3: last rebuilt 9 days ago in 4m10s, due"."""
    when = due_phrase(item.due, at)
    if schedule.days_between(at, item.due) > 1:
        when = _("{due} ({date})").format(due=when, date=schedule.local_day(item.due).isoformat())
    return _("{exercise}: {why}, {due}").format(exercise=item.exercise, why=why(item, at), due=when)


def lines(records: list[dict], at: datetime, names: list[str]) -> list[str]:
    """The whole of `toynn today` for a workspace's records; `names`: the ladder's exercises, in order."""
    due, later = schedule.due_and_later(records, at, names)
    out: list[str] = []
    if due:
        out.append(ngettext("Due today ({n} exercise):", "Due today ({n} exercises):", len(due)).format(n=len(due)))
        out += [f"  {line(it, at)}" for it in due]
    elif later:
        first = later[0]
        out.append(_("Nothing is due today; the next is {exercise}, {due} ({date}).").format(
            exercise=first.exercise, due=due_phrase(first.due, at), date=schedule.local_day(first.due).isoformat()))
    if later:
        out.append(_("Not due yet:"))
        out += [f"  {line(it, at)}" for it in later]
    drilled = {it.exercise for it in due + later}
    never = [n for n in names if n not in drilled]
    if not drilled:
        out.append(_("No drills yet, so nothing is due. Start one with: toynn drill exercise1"))
    elif never:
        out.append(_("Never drilled: {names}").format(names=", ".join(never)))
    if due:
        out.append(_("`toynn drill` starts the most overdue one ({exercise}).").format(exercise=due[0].exercise))
    return out


def next_due_phrases(workspace, at: datetime | None = None) -> dict:
    """exercise -> `list_phrase` for every exercise of the ladder ("not drilled" for those never drilled)."""
    from toynn_tui import ladder
    at = at or schedule.now()
    due = schedule.next_due(history.load(workspace))
    return {ex.name: list_phrase(due.get(ex.name), at) for ex in ladder.load()}
