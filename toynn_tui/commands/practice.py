"""The practice commands: `toynn start`, `watch`, `drill`, `progress` and (in `commands.grade`) `grade`.

They are thin: each reads its options, calls `toynn_tui.practice`, and prints.
Every check runs `toynn check --json` in a child process (see
`practice.runner`), so nothing a learner or a student wrote ever runs here.
`register(main)` adds them to the `toynn` group (one block at the end of cli.py).
Without `--dir`, each works on the workspace the current folder is in (see
`practice.workspace.workspace_here`, which `toynn check/list/hint` use too).
"""
from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from toynn_tui.commands.options import EXERCISE, TIMEOUT, hangup_as_ctrl_c
from toynn_tui.practice import attempts, history
from toynn_tui.practice.drill import run_drill
from toynn_tui.practice.render import clock, terminal_width, verdict_lines
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
    help="The workspace: the folder holding exercises/ (and .toynn/) "
         "[default: the one the current folder is in].")
INTERVAL = click.option("--interval", type=click.FloatRange(min=0.05), default=0.5, show_default=True,
                        help="Seconds between looks at the file.")
MAX_CHECKS = click.option("--max-checks", type=click.IntRange(min=1), default=None,
                          help="Stop after this many checks (for scripts and tests).")


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
@click.command(short_help="Start a fresh attempt at EXERCISE; your file is kept.")
@click.argument("exercise", type=EXERCISE)
@click.option("--level", type=click.Choice(attempts.LEVELS), default="guided", show_default=True,
              help="guided: the loop's skeleton with blanks to fill; blank: only the contract.")
@WORKSPACE
def start(exercise: str, level: str, workspace: Path) -> None:
    """Start a fresh attempt at EXERCISE; your current file is archived, never overwritten."""
    try:
        done = attempts.start(workspace, exercise, level)
    except attempts.PracticeError as exc:
        raise click.UsageError(str(exc))
    _tell_started(done, workspace)
    click.echo(f"Check it with:   toynn check {exercise}")
    click.echo(f"or keep it checked on every save:   toynn watch {exercise}")


def _tell_started(done: attempts.Started, workspace: Path) -> None:
    if done.kept is not None:
        click.echo(f"Kept your previous file as {_rel(done.kept.path, workspace)}")
    click.echo(f"Fresh {done.level} attempt: {_rel(done.path, workspace)}")
    if done.earlier:
        click.echo(f"Earlier attempts ({len(done.earlier)}):")
        for a in done.earlier:
            click.echo(f"  {_rel(a.path, workspace)}  {_origin(a)}")


def _origin(a: attempts.Attempt) -> str:
    """Where an archived attempt came from, in words."""
    if a.origin == "own" or not a.started:
        return "your own file, from before toynn start"
    made_by = "drill" if a.origin == "drill" else "toynn start"
    return f"{made_by}, level {a.level}, started {_when(a.started)}"


# -- watch ------------------------------------------------------------------
@click.command(short_help="Check EXERCISE now and on every save (Ctrl-C stops).")
@click.argument("exercise", type=EXERCISE)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to follow [default: exercises/EXERCISE.py in the workspace].")
@WORKSPACE
@TIMEOUT
@INTERVAL
@MAX_CHECKS
def watch(exercise: str, file: Path | None, workspace: Path, timeout: float | None,
          interval: float, max_checks: int | None) -> None:
    """Check EXERCISE now and again every time the file is saved (Ctrl-C stops)."""
    path = file or exercise_file(workspace, exercise)
    if path.exists() and not path.is_file():   # a FIFO: reading it would wait for ever, silently
        raise click.UsageError(printable(f"{path} is not a regular file (a folder, a pipe or a device): "
                                         "toynn watch follows a file you save"))
    click.echo(f"Watching {path} (Ctrl-C stops).")

    def on_check(v, n, at):
        click.echo(f"\n── check {n} at {datetime.now().strftime('%H:%M:%S')} ──")
        for line in verdict_lines(v, terminal_width()):
            click.echo(line)
        if v.status == "pass":
            click.echo("Green. Keep editing if you like; each save is checked again.")

    def on_missing():
        click.echo(f"No file at {path} yet; waiting for it (toynn start {exercise} makes one).")

    with hangup_as_ctrl_c():
        result = run_loop(path, lambda p: run_check(exercise, p, timeout), interval=interval,
                          max_checks=max_checks, on_check=on_check, on_missing=on_missing)
    click.echo(f"\nStopped after {result.checks} check{'s' * (result.checks != 1)}.")


# -- drill ------------------------------------------------------------------
@click.command(short_help="A timed attempt at EXERCISE, re-checked on every save.")
@click.argument("exercise", type=EXERCISE)
@click.option("--minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Time limit [default: none; Ctrl-C ends the drill].")
@click.option("--level", type=click.Choice(attempts.LEVELS), default="guided", show_default=True,
              help="guided: the loop's skeleton with blanks; blank: only the contract.")
@WORKSPACE
@TIMEOUT
@INTERVAL
@MAX_CHECKS
def drill(exercise: str, minutes: float | None, level: str, workspace: Path, timeout: float | None,
          interval: float, max_checks: int | None) -> None:
    """A timed attempt at EXERCISE from a fresh file, re-checked on every save until green.

    The time to green, the checks run and the level go into the workspace's
    history (.toynn/history.jsonl); `toynn progress` shows it.
    """
    live = sys.stderr.isatty()  # the ticking clock only on a terminal; logs get the checks
    limit = f" of {clock(minutes * 60)}" if minutes else ""

    def on_start(done):
        _tell_started(done, workspace)
        click.echo(f"Clock started. Edit {_rel(done.path, workspace)}; every save is checked. "
                   "Ctrl-C gives up.")

    def on_tick(t, n, last):
        if live:
            click.echo(f"\r⏱ {clock(t)}{limit}  checks: {n} ", nl=False, err=True)

    def on_check(v, n, at):
        if live:
            click.echo("\r" + " " * 40 + "\r", nl=False, err=True)
        click.echo(f"── check {n} at {clock(at)} ──")
        for line in verdict_lines(v, terminal_width()):
            click.echo(line)

    try:
        with hangup_as_ctrl_c():
            res = run_drill(workspace, exercise, level, minutes, timeout=timeout, interval=interval,
                            max_checks=max_checks, on_start=on_start, on_check=on_check, on_tick=on_tick)
    except attempts.PracticeError as exc:
        raise click.UsageError(str(exc))
    if live:
        click.echo("", err=True)
    rec = res.record
    took = history.format_seconds(rec["seconds"])
    if rec["green"]:
        click.secho(f"Green in {took} after {rec['checks']} check{'s' * (rec['checks'] != 1)} "
                    f"(level {level}).", fg="green", bold=True)
        if res.previous_best is None:
            click.echo("Your first green drill on this exercise.")
        elif rec["seconds"] < res.previous_best:
            click.echo(f"New personal best (was {history.format_seconds(res.previous_best)}).")
        else:
            click.echo(f"Personal best stays {history.format_seconds(res.previous_best)}.")
    elif rec["checks"] == 0:  # no save was checked: there is no "last check" to quote
        why = {"time-up": "Time is up", "stopped": "Stopped"}.get(rec["outcome"], rec["outcome"])
        click.echo(f"{why} after {took}, before any check ran (no save of the file was checked).")
    else:
        why = {"time-up": "Time is up", "stopped": "Stopped", "max-checks": "Check limit reached"}
        click.echo(f"{why.get(rec['outcome'], rec['outcome'])} after {took}, {_checks(rec['checks'])}; "
                   f"last check {rec['passed']} of {rec['total']}.")
    click.echo("Recorded in the history; see toynn progress.")
    sys.exit(0 if rec["green"] else 1)


def _checks(n) -> str:
    return f"{n} check" + ("" if n == 1 else "s")


# -- progress ---------------------------------------------------------------
@click.command(short_help="Your drills: personal best, last attempts, streak.")
@WORKSPACE
@click.option("--last", "last_n", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many recent drills to list per exercise.")
def progress(workspace: Path, last_n: int) -> None:
    """Your drills: per exercise the personal best, the last attempts and the streak."""
    if find_workspace(workspace) is None:   # as list and hint: one line, exit 2, nothing created
        raise not_in_workspace(workspace.resolve())
    records = history.load(workspace)
    per = history.progress(records, last_n=last_n)
    if not per:
        click.echo("No drills yet. Start one with: toynn drill exercise1")
        return
    order = {n: i for i, n in enumerate(attempts.exercise_names())}
    for name in sorted(per, key=lambda n: (order.get(n, len(order)), n)):
        p = per[name]
        click.secho(f"{name}", bold=True, nl=False)
        click.echo(f"  {p.drills} drill{'s' * (p.drills != 1)}, {p.greens} green, "
                   f"streak {p.streak} green in a row")
        if p.best:
            levels = ", ".join(f"{lvl} {history.format_seconds(r['seconds'])}"
                               for lvl, r in sorted(p.best_by_level.items()))
            click.echo(f"  personal best: {history.format_seconds(p.best['seconds'])} "
                       f"({p.best.get('level', '?')}, {_when(p.best.get('ended'))}); by level: {levels}")
        else:
            click.echo("  personal best: none yet (no green drill)")
        for r in p.last:
            mark = click.style("✓", fg="green") if r.get("green") else click.style("✗", fg="red")
            what = "green" if r.get("green") else r.get("outcome", "?")
            click.echo(f"    {mark} {_when(r.get('ended'))}  {r.get('level', '?'):6}  {what:10} "
                       f"{history.format_seconds(float(r.get('seconds') or 0)):>8}  "
                       f"{_checks(r.get('checks', 0))}")
    days = history.day_streak(records)
    click.echo(f"Day streak: {days} day{'s' * (days != 1)} in a row with a green drill.")


COMMANDS = (start, watch, drill, progress)


def register(group: click.Group) -> None:
    from toynn_tui.commands.grade import grade   # its own module
    for cmd in (*COMMANDS, grade):
        group.add_command(cmd)
