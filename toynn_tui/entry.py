"""The console scripts `toynn` and `toynn-tui`: the language is fixed first, then the rest is imported.

Some text is built when a module is imported: click's help for every option,
the footer's key bindings. `--lang` is read out of the command line here,
before any of those modules is imported, so that text is in the chosen
language too (click parses --lang again, to check and document it).
"""
from __future__ import annotations

import sys

import click

from toynn_tui import i18n


def _fix_language() -> None:
    """--lang from the command line, as TOYNN_LANG for this process and its children; a bad name exits 2."""
    wanted = i18n.from_argv(sys.argv[1:])
    if wanted is None:
        return
    try:
        i18n.use(wanted)
    except ValueError as exc:
        click.echo(i18n._("Error: Invalid value for '--lang': {reason}").format(reason=exc), err=True)
        sys.exit(2)


def toynn() -> None:
    """`toynn ...`"""
    _fix_language()
    from toynn_tui.cli import main
    main()


def tui() -> None:
    """`toynn-tui ...`"""
    _fix_language()
    from toynn_tui.app import main
    main()
