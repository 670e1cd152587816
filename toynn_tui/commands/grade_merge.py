"""`toynn grade merge`, and what it shares with `toynn grade`: the --out formats and --roster.

Shards' .json gradebooks are joined by `practice.merge`; this module reads the command line,
writes each --out in the format its name ends in, and prints the class summary.
"""
from __future__ import annotations

from pathlib import Path

import click

from toynn_tui.i18n import _, ngettext
from toynn_tui.practice import gradebook, merge as merging, roster as rosters
from toynn_tui.text import printable


def _roster(ctx, param, path: Path | None) -> rosters.Roster | None:
    """--roster read at once: a roster that names no one is said before anyone is graded."""
    try:
        return rosters.load(path) if path is not None else None
    except rosters.BadRoster as exc:
        raise click.BadParameter(printable(str(exc)), ctx=ctx, param=param)


ROSTER = click.option(
    "--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, callback=_roster,
    help=_("The LMS's own export of the class (Canvas's or Moodle's gradebook CSV): names the students in "
           ".canvas.csv and .moodle.csv gradebooks, and the summary lists who matched no one."))


def say(text: str) -> None:
    click.echo(printable(text), err=True)


def check_outs(outs: tuple[Path, ...]) -> None:
    """A usage error unless every --out names a gradebook format (.csv, .json, .xml)."""
    for out in outs:
        if gradebook.format_of(out) is None:
            raise click.BadParameter(printable(_("{file}: the gradebook must end in {formats}").format(
                file=out, formats=", ".join(gradebook.FORMATS))),
                                     param_hint="--out")


@click.command("merge", short_help=_("Join shards' .json gradebooks into the class gradebook."),
               help=_("Join the .json gradebooks of `toynn grade --shard 1/N ... N/N` into the class gradebook.\n\n"
                      "Writes each --out as `toynn grade` would have for the whole class, and "
                      "prints the class summary. Refuses, with the reason, a missing or repeated "
                      "shard, shards cut with different N or from different classes, an "
                      "incomplete shard, and shards graded by a different toynn or grading tests."))
@click.argument("gradebooks", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "-o", "outs", multiple=True, required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=_("Class gradebook file, in any format `toynn grade --out` writes (the LMS ones too). Repeat for several."))
@ROSTER
def merge(gradebooks: tuple[Path, ...], outs: tuple[Path, ...], roster: rosters.Roster | None = None) -> None:
    check_outs(outs)
    try:
        book = merging.merge(list(gradebooks))
    except merging.Refused as exc:
        raise click.UsageError(printable(_("not merged: {reason}").format(reason=exc)))
    book.roster = roster
    for out in outs:
        gradebook.write(book, out)
    for line in gradebook.summary_lines(book):
        click.echo(line)
    merged = book.run["shard"]["merged_from"]
    say(ngettext("Merged {n} shard.", "Merged {n} shards.", merged).format(n=merged))
    for out in outs:
        click.echo(printable(_("Gradebook: {file}").format(file=out)))
