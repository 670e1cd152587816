"""The exercises screen's panels: the ladder's rows and one exercise's check results.

Both draw from the checker's own answer (a `practice.runner.Verdict`, read
from `toynn check --json`), so the screen shows exactly what the command line
would; before the first check they list the ladder's check names, not run yet.
A verdict's words quote the learner's file (what it raised, its lines): they are
drawn as `Text` and made printable (`widgets.learner`), never read as markup.
"""
from __future__ import annotations

import re
import textwrap
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.checker import gradcheck
from toynn_tui.checker.report import repeated_prefixes
from toynn_tui.practice.gradebook import diagnosis_title
from toynn_tui.practice.runner import Verdict
from toynn_tui.widgets.learner import plain

# state -> (mark, style, words); "checking" is shown next to the last state, not instead of it.
# The keys are ids (the screen's and the tests'); the words are translated where shown.
STATES = {
    "not started": ("·", "dim", N_("not started")),
    "failing": ("✗", "bold red", N_("failing")),
    "passing": ("✓", "bold green", N_("passing")),
}


def state_of(verdict: Verdict | None, started: bool) -> str:
    if not started or verdict is None:
        return "not started"
    return "passing" if verdict.status == "pass" else "failing"


def ladder_row(order: int, title: str, state: str, checking: bool) -> Text:
    """Two lines: the mark and title, then the state (and "checking…" while a check runs).

    The first check of a file has no state worth keeping, so "checking…" stands alone
    there (which also keeps it whole in the narrow ladder).
    """
    mark, style, words = STATES[state]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{mark} ", style)
    text.append(f"{order}. {title}\n")
    text.append("   ")
    if not (checking and state == "not started"):
        text.append(_(words) + ("  " if checking else ""), style)
    if checking:
        text.append(_("checking…"), "bold yellow")
    return text


def progress_line(passing: int, total: int, workspace: str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" " + _("Exercises") + " ", "bold")
    text.append("▰" * passing, "green")
    text.append("▱" * (total - passing), "dim")
    text.append(" " + _("{passing} of {total} passing").format(passing=passing, total=total),
                "bold green" if passing == total else "bold")
    text.append(f"  ·  {plain(workspace)}", "dim")
    return text


class ChecksPanel(Static):
    """One exercise's checks: ✓/✗ per check, the failing ones' messages and diagnoses.

    Prose is wrapped to the panel's width under its own indent (and again when
    the width changes); lines the checker laid out itself (arrays, aligned
    columns) are left exactly as they are.
    """

    DEFAULT_CSS = "ChecksPanel { height: auto; }"

    _shown: tuple | None = None
    _drawn_width: int | None = None

    def show(self, verdict: Verdict | None, check_names: tuple[str, ...] = (), *, started: bool = True,
             checking: bool = False, checked_at: datetime | None = None) -> None:
        self._shown = (verdict, tuple(check_names), started, checking, checked_at)
        self._draw()

    def on_resize(self) -> None:
        if self._shown is not None and self.content_size.width != self._drawn_width:
            self._draw()

    def _draw(self) -> None:
        verdict, check_names, started, checking, checked_at = self._shown
        width = self._drawn_width = self.content_size.width  # 0 before the first layout: no wrapping
        text = Text()

        def para(body: str, indent: str, style: str = "", mark: tuple[str, str] | None = None) -> None:
            """One line of `body` after `mark` (or `indent`), wrapped under `indent`."""
            lead, lead_style = mark or (indent, "")
            text.append(lead, lead_style)
            text.append("\n".join(_wrap(plain(body), cell_len(lead), indent, width)) + "\n", style)

        if checking:
            text.append(_("checking…") + "\n", "bold yellow")
        if not started:  # the file line above says which: missing, or the untouched stub
            para(_("Not run yet: they run each time you save."), "", "dim")
        if verdict is None:
            for name in check_names:
                para(_(name), "    ", "dim", mark=("  · ", "dim"))   # check names are ids: shown translated
            text.rstrip()  # no blank line before the next panel
            self.update(text)
            return
        shown: set[str] = set()  # the checker repeats its explanation per test: say it once (see _message_lines)
        for t in verdict.tests:
            ok = t.get("status") == "pass"
            mark = ("✓ ", "bold green") if ok else ("✗ ", "bold red")
            para(_(str(t.get("name", "?"))), "  ", mark=mark)
            if ok:
                continue
            message = str(t.get("message") or "")
            in_gradient = False
            for ln in _message_lines(message, skip=shown, more=f"toynn check {verdict.exercise}"):
                in_gradient = ln.startswith(_(gradcheck.HEAD)) or (in_gradient and ln[:1] in (" ", "s"))
                if in_gradient and ln.lstrip().startswith("["):   # a row of relative errors: as a heatmap
                    text.append("    ")
                    text.append_text(heat_row(plain(ln)))
                    text.append("\n")
                else:
                    para(ln, "    ")
            title = diagnosis_title(str(t["diagnosis"])) if t.get("diagnosis") else ""
            if title and title.lower() not in message.lower():  # the checker may already name it
                para(_("mistake: {title}").format(title=title), "    ", "yellow")
        if not verdict.tests:
            text.append("✗ " + _("could not be checked") + "\n", "bold red")
            for ln in _message_lines(verdict.message or _("(no reason given)")):
                para(ln, "    ")
        style = {"pass": "bold green", "fail": "bold yellow"}.get(verdict.status, "bold red")
        text.append(verdict.summary if verdict.tests else _("not graded"), style)
        if checked_at is not None:
            text.append("  · " + _("checked {time} in {seconds}s").format(
                time=checked_at.strftime("%H:%M:%S"), seconds=f"{verdict.seconds:.1f}"), "dim")
        self.update(text)


def heat_row(line: str) -> Text:
    """A row of the gradient check's relative errors, each number on a colour for how wrong it is:
    green (0: this weight moves as the gradient says) through yellow to red (1 or more: wrong)."""
    out = Text()
    for token in re.split(r"(-?\d+\.\d+)", line):
        try:
            value = float(token)
        except ValueError:
            out.append(token)
            continue
        style = ("bold black on green" if value <= 1e-3 else "bold black on yellow" if value < 0.5
                 else "bold white on red")
        out.append(token, style)
    return out


# The lines the checker writes again under every check one mistake affects (its full_message:
# the mistake's explanation, the learner's lines it points at, the hint): said once is enough.
# Only these (report.repeated_prefixes) are left out when repeated. The rest is one check's own
# evidence, and its lines repeat by nature: a label such as "syn0, expected:" (or an array row)
# skipped because an earlier check printed the same text would leave this check's matrices unlabelled.


def _message_lines(message: str, limit: int = 40, skip: set[str] | None = None, more: str = "") -> list[str]:
    """The message's lines; after its first, explanation lines (report.REPEATED) already in `skip` are left out.

    The checker's messages run to ~16 lines (the input, expected and yours, a hint);
    the limit only stops a runaway one, and says how many lines it left out.
    """
    lines = message.strip().splitlines()
    repeated = repeated_prefixes()
    keep = lines[:1]
    for ln in lines[1:limit]:
        if skip is not None and ln.startswith(repeated):
            if ln in skip:
                continue
            skip.add(ln)
        keep.append(ln)
    cut = len(lines) - limit
    if cut > 0:
        keep.append(ngettext("… {n} more line", "… {n} more lines", cut).format(n=cut) if not more else
                    ngettext("… {n} more line: `{command}` shows them all",
                             "… {n} more lines: `{command}` shows them all", cut).format(n=cut, command=more))
    return keep


def _wrap(body: str, lead: int, indent: str, width: int) -> list[str]:
    """`body` wrapped to `width` after a first-line lead of `lead` columns, the other lines
    starting with `indent`. Laid-out lines (leading spaces, or runs of spaces lining
    columns up) are never re-wrapped, and nothing is before the first layout (width 0)."""
    laid_out = body[:1].isspace() or "  " in body.strip()
    if laid_out or width - len(indent) < 16 or lead + cell_len(body) <= width:
        return [body]
    if cell_len(body) != len(body):   # double-width text (Chinese has no spaces to break at)
        return _wrap_cells(body, lead, indent, width)
    lines = textwrap.wrap(body, width, initial_indent=" " * lead, subsequent_indent=indent,
                          break_long_words=False, break_on_hyphens=False)
    return [lines[0][lead:], *lines[1:]] if lines else [body]


def _wrap_cells(body: str, lead: int, indent: str, width: int) -> list[str]:
    """`body` wrapped by terminal cells (textwrap counts characters, and Chinese has no spaces):
    a line may break between two double-width characters or at a space, never inside a word."""
    lines, line, used = [], "", lead
    for token in re.findall(r"[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+|.", body):
        size = cell_len(token)
        if line.strip() and used + size > width and not token.isspace():
            lines.append(line.rstrip())
            line, used = indent, cell_len(indent)
        if token.isspace() and line.strip() == "" and lines:
            continue   # no space at the start of a continued line
        line += token
        used += size
    lines.append(line.rstrip())
    return lines
