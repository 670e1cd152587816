"""Plain-terminal rendering of a check verdict, for `toynn watch` and `toynn drill`.

It draws from the checker's JSON (via `runner.Verdict`), so what the learner
sees here is exactly what `toynn check` decided. click.echo drops the colours
when the output is not a terminal. Every text that comes from the checked
file (check names, messages, hints, the learner's own line) goes through
`printable` first: an ESC or BEL in an exception message could otherwise
retitle, recolour or clear the terminal. Only our own colours are escape codes.
"""
from __future__ import annotations

import click

from toynn_tui.practice.gradebook import diagnosis_title
from toynn_tui.text import printable
from toynn_tui.practice.verdict import Verdict


def verdict_lines(v: Verdict) -> list[str]:
    lines, named = [], set()
    for t in v.tests:
        ok = t.get("status") == "pass"
        mark = click.style("✓", fg="green") if ok else click.style("✗", fg="red")
        line = f"{mark} {printable(t.get('name', '?'))}"
        if not ok and t.get("message"):
            line += f" — {_first_line(t['message'])}"
        lines.append(line)
        # The diagnosis and the learner's own line it points at, once per mistake:
        # a later check failing for the same reason says only "as above".
        mistake = str(t.get("diagnosis") or "") if not ok else ""
        if mistake in named:
            lines.append(click.style(f"    likely mistake: {_title(mistake)} (as above)", fg="yellow"))
        elif mistake:
            named.add(mistake)
            lines.append(click.style(f"    likely mistake: {_title(mistake)}", fg="yellow"))
            for where in _at_lines(str(t.get("message") or "")):   # every traced line, exactly
                lines.append(f"    {printable(where)}")
        if not ok and t.get("hint"):
            lines.append(click.style(f"    hint: {_first_line(t['hint'])}", fg="yellow"))
    if v.status == "error" and not v.tests:
        lines.append(click.style("✗ could not be checked", fg="red") + f" — {_first_line(v.message)}")
    if v.status == "pass":
        lines.append(click.style(v.summary, fg="green", bold=True))
    else:
        lines.append(click.style(v.summary, fg="red" if v.status == "error" else "yellow"))
    return lines


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
