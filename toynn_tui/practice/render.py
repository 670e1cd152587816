"""Plain-terminal rendering of a check verdict, for `toynn watch` and `toynn drill`.

It draws from the checker's JSON (via `runner.Verdict`), so what the learner
sees here is exactly what `toynn check` decided. click.echo drops the colours
when the output is not a terminal. Every text that comes from the checked
file (check names, messages, hints, the learner's own line) goes through
`printable` first: an ESC or BEL in an exception message could otherwise
retitle, recolour or clear the terminal. Only our own colours are escape codes.
"""
from __future__ import annotations

import shutil
import sys
import textwrap

import click
from rich.cells import cell_len

from toynn_tui.i18n import _
from toynn_tui.practice.gradebook import diagnosis_title
from toynn_tui.text import printable
from toynn_tui.practice.verdict import Verdict


def verdict_lines(v: Verdict, width: int | None = None) -> list[str]:
    """The verdict's lines; with `width` (the terminal's columns), each wrapped at a word to fit
    it, its continuation indented under its text: the terminal's own wrap cut words in two and
    left a lone "." on a line of its own."""
    return [_styled(text, colours, mark, width) for text, colours, mark in verdict_rows(v)]


def verdict_rows(v: Verdict) -> list[tuple[str, dict, str]]:
    """The verdict's lines unstyled, as (printable text, click.style's colours, its mark "✓"/"✗"/"").

    `verdict_lines` styles them for a terminal; the notebook magic (`toynn_tui.magic`) draws
    the same rows as HTML, so both say the same thing.
    """
    out: list[tuple[str, dict, str]] = []
    named = set()
    for t in v.tests:
        ok = t.get("status") == "pass"
        line = printable(t.get('name', '?'))
        if not ok and t.get("message"):
            line += f" — {_first_line(t['message'])}"
        out.append((line, {}, "✓" if ok else "✗"))
        # The diagnosis and the learner's own line it points at, once per mistake:
        # a later check failing for the same reason says only "as above".
        mistake = str(t.get("diagnosis") or "") if not ok else ""
        if mistake in named:
            out.append(("    " + _("likely mistake: {title} (as above)").format(title=_title(mistake)),
                        {"fg": "yellow"}, ""))
        elif mistake:
            named.add(mistake)
            out.append(("    " + _("likely mistake: {title}").format(title=_title(mistake)), {"fg": "yellow"}, ""))
            for where in _at_lines(str(t.get("message") or "")):   # every traced line, exactly
                out.append((f"    {printable(where)}", {}, ""))
        if not ok and t.get("hint"):
            out.append(("    " + _("hint: {hint}").format(hint=_first_line(t['hint'])), {"fg": "yellow"}, ""))
    if v.status == "error" and not v.tests:
        out.append((_("could not be checked — {why}").format(why=_first_line(v.message)), {}, "✗"))
    if v.status == "pass":
        out.append((v.summary, {"fg": "green", "bold": True}, ""))
    else:
        out.append((v.summary, {"fg": "red" if v.status == "error" else "yellow"}, ""))
    return out


def _styled(text: str, colours: dict, mark: str, width: int | None) -> str:
    """One line of the verdict, its mark coloured, wrapped to `width` when it is given."""
    lead = f"{mark} " if mark else ""
    if width is not None and cell_len(lead + text) > width:
        indent = " " * (len(text) - len(text.lstrip()) + len(lead) + 2)
        text = "\n".join(textwrap.wrap(lead + text, max(width - 1, 20), subsequent_indent=indent,
                                        break_on_hyphens=False))[len(lead):]
    styled = click.style(text, **colours) if colours else text
    if mark:
        return click.style(mark, fg="green" if mark == "✓" else "red") + " " + styled
    return styled


def terminal_width() -> int | None:
    """The terminal's columns when the output is one (a log or a pipe is not wrapped)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m:02d}:{s:02d}"


def _at_lines(message: str) -> list[str]:
    """The "at file:line: code" lines of a check's message (the learner's own lines)."""
    return [ln for ln in message.splitlines() if ln.startswith("at ") and ": " in ln]


def _title(mistake_id: str) -> str:
    return printable(diagnosis_title(mistake_id))   # an id the catalogue does not know is shown as given


def _first_line(text: str) -> str:
    """The first line of a text from the checked file, made printable."""
    lines = str(text).strip().splitlines()
    return printable(lines[0]) if lines else ""
