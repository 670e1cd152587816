"""`toynn drill` and `toynn today`: timed rebuilds from memory, and which one is due.

A drill's result is a review of its exercise (`practice.review` rates it,
`practice.schedule` replays the reviews through fsrs's scheduler); `toynn today`
says what is due and why, and `toynn drill` without an exercise starts the most
overdue one. A drill starts by recalling the mistakes the last drills of rungs
like it made (`practice.recall`). The time is `schedule.now()`, which a test or
a script replaces to drive a month of drills in a second.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from toynn_tui.commands.options import EXERCISE, TIMEOUT, hangup_as_ctrl_c
from toynn_tui.commands.practice import (INTERVAL, MAX_CHECKS, WORKSPACE, _rel, _tell_started, checks_said)
from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.practice import attempts, history, schedule, today as today_text
from toynn_tui.practice.drill import run_drill
from toynn_tui.practice.gradebook import diagnosis_title
from toynn_tui.practice.recall import recall
from toynn_tui.practice.render import clock, terminal_width, verdict_lines
from toynn_tui.practice.workspace import find_workspace, not_in_workspace
from toynn_tui.text import printable

# A drill's rating as a review (the record keeps the English id)
RATINGS = {"again": N_("again"), "hard": N_("hard"), "good": N_("good"), "easy": N_("easy")}


@click.command(short_help=_("A timed attempt at EXERCISE (or the most overdue one), re-checked on every save."),
               help=_("A timed attempt at EXERCISE from a fresh file, re-checked on every save until green. "
                      "Without EXERCISE, the most overdue one (see toynn today).\n\n"
                      "The time to green, the checks run, the hints and mistakes and the level go into the "
                      "workspace's history (.toynn/history.jsonl), as a review of the exercise: "
                      "`toynn progress` and `toynn today` show it."))
@click.argument("exercise", type=EXERCISE, required=False)
@click.option("--minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              help=_("Time limit [default: none; Ctrl-C ends the drill]."))
@click.option("--level", type=click.Choice(attempts.LEVELS), default="guided", show_default=True,
              help=_("guided: the loop's skeleton with blanks; blank: only the contract."))
@WORKSPACE
@TIMEOUT
@INTERVAL
@MAX_CHECKS
def drill(exercise: str | None, minutes: float | None, level: str, workspace: Path, timeout: float | None,
          interval: float, max_checks: int | None) -> None:
    """A timed attempt at EXERCISE, or the most overdue one (help: above)."""
    if exercise is None:
        exercise = _most_overdue(workspace)
    for line in _recalled(workspace, exercise):
        click.echo(line)
    live = sys.stderr.isatty()  # the ticking clock only on a terminal; logs get the checks

    def on_start(done):
        _tell_started(done, workspace)
        click.echo(_("Clock started. Edit {path}; every save is checked. Ctrl-C gives up.").format(
            path=_rel(done.path, workspace)))

    def on_tick(t, n, last):
        if live:
            shown = (_("⏱ {time} of {limit}  checks: {n} ").format(time=clock(t), limit=clock(minutes * 60), n=n)
                     if minutes else _("⏱ {time}  checks: {n} ").format(time=clock(t), n=n))
            click.echo("\r" + shown, nl=False, err=True)

    def on_check(v, n, at):
        if live:
            click.echo("\r" + " " * 40 + "\r", nl=False, err=True)
        click.echo(_("── check {n} at {time} ──").format(n=n, time=clock(at)))
        for line in verdict_lines(v, terminal_width()):
            click.echo(line)

    try:
        with hangup_as_ctrl_c():
            res = run_drill(workspace, exercise, level, minutes, timeout=timeout, interval=interval,
                            max_checks=max_checks, on_start=on_start, on_check=on_check, on_tick=on_tick,
                            now=lambda: schedule.now())
    except attempts.PracticeError as exc:
        raise click.UsageError(str(exc))
    if live:
        click.echo("", err=True)
    for line in _outcome(res, level, workspace):
        click.echo(line)
    sys.exit(0 if res.record["green"] else 1)


def _most_overdue(workspace: Path) -> str:
    """The exercise a bare `toynn drill` starts; when none is due, says so and exits 0."""
    records, at = history.load(workspace), schedule.now()
    item = schedule.most_overdue(records, at, attempts.exercise_names())
    if item is None:
        for line in today_text.lines(records, at, attempts.exercise_names()):
            click.echo(line)
        click.echo(_("Name one to drill it anyway: toynn drill EXERCISE"))
        sys.exit(0)
    click.echo(_("The most overdue: {line}").format(line=today_text.line(item, at)))
    return item.exercise


def _recalled(workspace: Path, exercise: str) -> list[str]:
    """ "last time: slope missing from the delta", for each mistake worth recalling before this drill."""
    found = recall(history.load(workspace), exercise)
    if found is None:
        return []
    titles = [printable(diagnosis_title(m)) for m in found.mistakes]
    if found.exercise == exercise:
        return [_("last time: {mistake}").format(mistake=t) for t in titles]
    return [_("last time, in {exercise}: {mistake}").format(exercise=found.exercise, mistake=t) for t in titles]


def _outcome(res, level: str, workspace: Path) -> list[str]:
    """What the drill's end says: green or not, the personal best, the review and when it is due again."""
    rec, out = res.record, []
    took = history.format_seconds(rec["seconds"])
    if rec["green"]:
        out.append(click.style(ngettext("Green in {took} after {n} check (level {level}).",
                                        "Green in {took} after {n} checks (level {level}).", rec["checks"]).format(
            took=took, n=rec["checks"], level=level), fg="green", bold=True))
        if res.previous_best is None:
            out.append(_("Your first green drill on this exercise."))
        elif rec["seconds"] < res.previous_best:
            out.append(_("New personal best (was {took}).").format(took=history.format_seconds(res.previous_best)))
        else:
            out.append(_("Personal best stays {took}.").format(took=history.format_seconds(res.previous_best)))
    elif rec["checks"] == 0:  # no save was checked: there is no "last check" to quote
        said = (_("Time is up after {took}, before any check ran (no save of the file was checked).")
                if rec["outcome"] == "time-up" else
                _("Stopped after {took}, before any check ran (no save of the file was checked)."))
        out.append(said.format(took=took))
    else:
        said = {"time-up": _("Time is up after {took}, {checks}; last check {passed} of {total}."),
                "max-checks": _("Check limit reached after {took}, {checks}; last check {passed} of {total}.")}.get(
            rec["outcome"], _("Stopped after {took}, {checks}; last check {passed} of {total}."))
        out.append(said.format(took=took, checks=checks_said(rec["checks"]), passed=rec["passed"], total=rec["total"]))
    out.append(_("Recorded in the history; see toynn progress."))
    out += _next_due(workspace, rec)
    return out


def _next_due(workspace: Path, rec: dict) -> list[str]:
    """The drill as a review: its rating and when the exercise is due again ("Reviewed as good: due in 2 days")."""
    rating = rec.get("rating")
    if rating not in RATINGS:
        return [_("Not counted as a review: no save was checked.")]
    item = schedule.items(history.load(workspace)).get(rec["exercise"])
    if item is None:
        return []
    at = schedule.now()
    return [_("Reviewed as {rating}: {exercise} is {due} ({date}); toynn today lists what is due.").format(
        rating=_(RATINGS[rating]), exercise=rec["exercise"], due=today_text.due_phrase(item.due, at),
        date=schedule.local_day(item.due).isoformat())]


@click.command(short_help=_("What to rebuild from memory today, and why."),
               help=_("What to rebuild from memory today, and why: each drilled exercise's last drill and when "
                      "it is due again (the FSRS schedule of the workspace's drills). "
                      "`toynn drill` starts the most overdue one."))
@WORKSPACE
def today(workspace: Path) -> None:
    """What is due today (help: above)."""
    if find_workspace(workspace) is None:   # as progress: one line, exit 2, nothing created
        raise not_in_workspace(workspace.resolve())
    for line in today_text.lines(history.load(workspace), schedule.now(), attempts.exercise_names()):
        click.echo(line)
