"""The practice commands: `toynn start`, `watch`, `drill`, `progress`, `today` and (in `commands.grade`) `grade`.

They are thin: each reads its options, calls `toynn_tui.practice`, and prints.
Every check runs `toynn check --json` in a child process (see
`practice.runner`), so nothing a learner or a student wrote ever runs here.
`register(main)` adds them to the `toynn` group (one block at the end of cli.py).
Without `--dir`, each works on the workspace the current folder is in (see
`practice.workspace.workspace_here`, which `toynn check/list/hint` use too).
"""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from toynn_tui.commands.options import EXERCISE, TIMEOUT, hangup_as_ctrl_c
from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.practice import attempts, history
from toynn_tui.cells import ljust as padded
from toynn_tui.practice.render import terminal_width, verdict_lines
from toynn_tui.practice.runner import run_check
from toynn_tui.practice.watch import run_loop
from toynn_tui.practice.workspace import (exercise_file, find_workspace, not_in_workspace, refuse_source_tree,
                                         workspace_here)
from toynn_tui.text import printable


def _resolve_workspace(ctx, param, value: Path | None) -> Path:
    return refuse_source_tree(value) if value is not None else workspace_here()


WORKSPACE = click.option(
    "--dir", "workspace", type=click.Path(file_okay=False, path_type=Path), default=None,
    callback=_resolve_workspace,
    help=_("The workspace: the folder holding exercises/ (and .toynn/) "
           "[default: the one the current folder is in]."))
INTERVAL = click.option("--interval", type=click.FloatRange(min=0.05), default=0.5, show_default=True,
                        help=_("Seconds between looks at the file."))
MAX_CHECKS = click.option("--max-checks", type=click.IntRange(min=1), default=None,
                          help=_("Stop after this many checks (for scripts and tests)."))


def _rel(path: Path, base: Path) -> str:
    """`path` as the learner would type it: from the current folder when that is inside the
    workspace (e.g. `exercise2.py` from exercises/), else from the workspace."""
    path, base, here = Path(path).resolve(), Path(base).resolve(), Path.cwd().resolve()
    if here.is_relative_to(base):
        return os.path.relpath(path, here)
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _when(stamp: str | None) -> str:
    if not stamp:
        return "?"
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


# -- start ------------------------------------------------------------------
@click.command(short_help=_("Start a fresh attempt at EXERCISE; your file is kept."),
               help=_("Start a fresh attempt at EXERCISE; your current file is archived, never overwritten."))
@click.argument("exercise", type=EXERCISE)
@click.option("--level", type=click.Choice(attempts.LEVELS), default="guided", show_default=True,
              help=_("guided: the loop's skeleton with blanks to fill; blank: only the contract."))
@WORKSPACE
def start(exercise: str, level: str, workspace: Path) -> None:
    """Start a fresh attempt at EXERCISE; your current file is archived, never overwritten (help: above)."""
    try:
        done = attempts.start(workspace, exercise, level)
    except attempts.PracticeError as exc:
        raise click.UsageError(str(exc))
    _tell_started(done, workspace)
    click.echo(_("Check it with:   toynn check {exercise}").format(exercise=exercise))
    click.echo(_("or keep it checked on every save:   toynn watch {exercise}").format(exercise=exercise))


def _tell_started(done: attempts.Started, workspace: Path) -> None:
    if done.kept is not None:
        click.echo(_("Kept your previous file as {path}").format(path=_rel(done.kept.path, workspace)))
    fresh = _("Fresh guided attempt: {path}") if done.level == "guided" else _("Fresh blank attempt: {path}")
    click.echo(fresh.format(path=_rel(done.path, workspace)))
    if done.earlier:
        click.echo(_("Earlier attempts ({n}):").format(n=len(done.earlier)))
        for a in done.earlier:
            click.echo(f"  {_rel(a.path, workspace)}  {_origin(a)}")


def _origin(a: attempts.Attempt) -> str:
    """Where an archived attempt came from, in words."""
    if a.origin == "own" or not a.started:
        return _("your own file, from before toynn start")
    if a.origin == "drill":
        return _("drill, level {level}, started {when}").format(level=a.level, when=_when(a.started))
    return _("toynn start, level {level}, started {when}").format(level=a.level, when=_when(a.started))


# -- watch ------------------------------------------------------------------
@click.command(short_help=_("Check EXERCISE now and on every save (Ctrl-C stops)."),
               help=_("Check EXERCISE now and again every time the file is saved (Ctrl-C stops)."))
@click.argument("exercise", type=EXERCISE)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("The file to follow [default: exercises/EXERCISE.py in the workspace]."))
@WORKSPACE
@TIMEOUT
@INTERVAL
@MAX_CHECKS
def watch(exercise: str, file: Path | None, workspace: Path, timeout: float | None,
          interval: float, max_checks: int | None) -> None:
    """Check EXERCISE now and again every time the file is saved (help: above)."""
    path = file or exercise_file(workspace, exercise)
    if path.exists() and not path.is_file():   # a FIFO: reading it would wait for ever, silently
        raise click.UsageError(printable(_("{path} is not a regular file (a folder, a pipe or a device): "
                                           "toynn watch follows a file you save").format(path=path)))
    click.echo(_("Watching {path} (Ctrl-C stops).").format(path=path))

    def on_check(v, n, at):
        click.echo("\n" + _("── check {n} at {time} ──").format(n=n, time=datetime.now().strftime('%H:%M:%S')))
        for line in verdict_lines(v, terminal_width()):
            click.echo(line)
        if v.status == "pass":
            click.echo(_("Green. Keep editing if you like; each save is checked again."))

    def on_missing():
        click.echo(_("No file at {path} yet; waiting for it (toynn start {exercise} makes one).").format(
            path=path, exercise=exercise))

    with hangup_as_ctrl_c():
        result = run_loop(path, lambda p: run_check(exercise, p, timeout), interval=interval,
                          max_checks=max_checks, on_check=on_check, on_missing=on_missing)
    click.echo("\n" + ngettext("Stopped after {n} check.", "Stopped after {n} checks.", result.checks).format(
        n=result.checks))


# -- progress ---------------------------------------------------------------
# How a drill ended, as `progress` lists it (the record keeps the id; the English shown is the id itself)
OUTCOMES = {"green": N_("green"), "time-up": N_("time-up"), "stopped": N_("stopped"), "max-checks": N_("max-checks")}


@click.command(short_help=_("Your drills: personal best, last attempts, streak."),
               help=_("Your drills: per exercise the personal best, the last attempts and the streak."))
@WORKSPACE
@click.option("--last", "last_n", type=click.IntRange(min=1), default=5, show_default=True,
              help=_("How many recent drills to list per exercise."))
def progress(workspace: Path, last_n: int) -> None:
    """Your drills: per exercise the personal best, the last attempts and the streak (help: above)."""
    if find_workspace(workspace) is None:   # as list and hint: one line, exit 2, nothing created
        raise not_in_workspace(workspace.resolve())
    records = history.load(workspace)
    per = history.progress(records, last_n=last_n)
    if not per:
        click.echo(_("No drills yet. Start one with: toynn drill exercise1"))
        return
    order = {n: i for i, n in enumerate(attempts.exercise_names())}
    for name in sorted(per, key=lambda n: (order.get(n, len(order)), n)):
        _progress_of(per[name])
    days = history.day_streak(records)
    click.echo(ngettext("Day streak: {n} day in a row with a green drill.",
                        "Day streak: {n} days in a row with a green drill.", days).format(n=days))


def _progress_of(p: history.ExerciseProgress) -> None:
    """One exercise's lines of `toynn progress`."""
    click.secho(f"{p.exercise}", bold=True, nl=False)
    click.echo("  " + ngettext("{n} drill, {greens} green, streak {streak} green in a row",
                               "{n} drills, {greens} green, streak {streak} green in a row", p.drills).format(
        n=p.drills, greens=p.greens, streak=p.streak))
    if p.best:
        levels = ", ".join(f"{lvl} {history.format_seconds(r['seconds'])}"
                           for lvl, r in sorted(p.best_by_level.items()))
        click.echo("  " + _("personal best: {took} ({level}, {when}); by level: {levels}").format(
            took=history.format_seconds(p.best['seconds']), level=p.best.get('level', '?'),
            when=_when(p.best.get('ended')), levels=levels))
    else:
        click.echo("  " + _("personal best: none yet (no green drill)"))
    for r in p.last:
        mark = click.style("✓", fg="green") if r.get("green") else click.style("✗", fg="red")
        outcome = "green" if r.get("green") else str(r.get("outcome", "?"))
        what = _(OUTCOMES[outcome]) if outcome in OUTCOMES else outcome
        click.echo(f"    {mark} {_when(r.get('ended'))}  {r.get('level', '?'):6}  {padded(what, 10)} "
                   f"{history.format_seconds(float(r.get('seconds') or 0)):>8}  "
                   f"{checks_said(r.get('checks', 0))}")


def checks_said(n) -> str:
    """ "1 check", "3 checks"."""
    n = n if isinstance(n, int) else 0
    return ngettext("{n} check", "{n} checks", n).format(n=n)


COMMANDS = (start, watch, progress)


def register(group: click.Group) -> None:
    from toynn_tui.commands.drill import drill, today   # the drill and the schedule: their own module
    from toynn_tui.commands.grade import grade   # its own module
    for cmd in (*COMMANDS, drill, today, grade):
        group.add_command(cmd)
