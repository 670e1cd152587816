"""How toynn-tui looks to whom: NO_COLOR, the --theme option and the --plain narration.

NO_COLOR (https://no-color.org): Textual itself drops colour when the variable is set, by
one of two filters chosen when the App is made: greyscale for its own themes, none at all
("default" colours) when the app uses the terminal's ANSI colours. toynn asks for the
second (`ansi_color`), and the ANSI theme, so that NO_COLOR means no colour at all; the
panels then draw their second signs alone (widgets/palette.py: `no_colour`).
--theme picks a Textual theme; "ansi" is Textual's ansi-dark: the terminal's own 16
colours for the frame, the panels, the footer.
"""
from __future__ import annotations

import os

import click
from textual.theme import BUILTIN_THEMES

from toynn_tui.i18n import _

ALIASES = {"ansi": "ansi-dark"}
THEMES = ("ansi", *BUILTIN_THEMES)


def no_color() -> bool:
    """Is NO_COLOR set? (As Textual reads it: set at all, even empty.)"""
    return os.environ.get("NO_COLOR") is not None


def ansi_color() -> bool | None:
    """App(ansi_color=...): True under NO_COLOR (Textual then removes every colour rather
    than greying them), else None (the theme decides)."""
    return True if no_color() else None


def apply(app, theme: str | None) -> None:
    """Give `app` the theme asked for; under NO_COLOR, without one asked, the ANSI theme."""
    name = ALIASES.get(theme, theme) if theme else ("ansi-dark" if no_color() else None)
    if name is not None:
        app.theme = name


theme_option = click.option(
    "--theme", type=click.Choice(THEMES), default=None,
    help=_("The colours: a Textual theme; ansi: the terminal's own colours [default: textual-dark; "
           "ansi when NO_COLOR is set, which takes every colour away]."))

plain_option = click.option(
    "--plain", is_flag=True,
    help=_("No screen: training told as lines of text, for screen readers and logs; the same keys, "
           "read from stdin (q or the end of stdin ends it)."))


def run_plain(which: dict, **settings) -> None:
    """`toynn-tui --plain`: the narration (toynn_tui/plain) of the net `which` is
    ({"layers": n} or {"spec": name})."""
    from toynn_tui.engine import SPECS
    from toynn_tui.plain import run
    from toynn_tui.screens.session import Settings

    layers = SPECS[which["spec"]].layers if "spec" in which else which["layers"]
    run(Settings(layers=layers, spec=which.get("spec"), **settings))
