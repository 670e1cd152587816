"""Text from a learner's file as the app draws it: their words exactly, never markup, never a terminal command.

What a learner's file can put on screen (an exception message, one of its lines,
a comment on it, the name of the file or of its folder) goes into `rich.text.Text`,
whose words are drawn as they are: a `[/bold]` read as Textual markup would be a
MarkupError that ends the app. And every character that is not printable is shown
as its escape (`printable`, as the terminal report does): the cells are written to
the learner's terminal, or the browser's xterm.js under `toynn serve`, so an ESC
of theirs drawn in a cell would retitle, recolour or clear it. Line breaks stay:
a message's lines are the checker's own layout.
"""
from __future__ import annotations

from rich.text import Text

from toynn_tui.text import printable


def plain(text: object) -> str:
    """`text` with each of its lines made printable; the line breaks kept."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


def learner_text(text: object, style: str = "") -> Text:
    """`text` from the learner's file as a `Text` to draw (never parsed as markup)."""
    return Text(plain(text), style)
