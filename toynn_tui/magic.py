"""`%toynn check EXERCISE` and `%toynn hint EXERCISE`: the exercise ladder inside a Jupyter notebook.

`%load_ext toynn_tui` registers the line magic (`toynn_tui.load_ipython_extension`).
Only IPython's kernel imports this module, and IPython is imported here only inside
functions: toynn never depends on it.

The learner's code is never run in the kernel by a check: the code of the cells run so
far (or the source of the functions named) is written into a private temporary folder
and graded there by `run_check`, the same trusted checker in a child process that
`toynn watch` uses; the kernel only reads the checker's JSON answer. The report reuses
`practice.render.verdict_rows`, the rows `toynn watch` prints, drawn as HTML for a
notebook and as plain text for a terminal IPython; every learner-derived text in the
HTML goes through `html.escape`.
"""
from __future__ import annotations

import ast
import html
import inspect
import re
import shutil
import tempfile
from pathlib import Path

from toynn_tui import ladder
from toynn_tui.i18n import N_, _, ngettext, pgettext

USAGE = N_("usage: %toynn check EXERCISE [NAME ...]  |  %toynn hint EXERCISE")
# Execution counts of the cells that raised since the extension was loaded: their code is left
# out of a check (a cell that failed and was fixed in a later cell would fail the whole file).
_FAILED: set[int] = set()
# Hints shown per exercise when the notebook is not in a toynn workspace: this kernel's own count.
_SHOWN: dict[str, int] = {}


def register(ipython) -> None:
    """Register `%toynn` on this IPython shell, and start noting which cells raise."""
    def toynn(line: str) -> None:
        """Check an exercise against this notebook's code, or show its next hint.

        %toynn check EXERCISE          grade the code of every cell run so far
        %toynn check EXERCISE NAME...  grade only those functions (and the cells' imports)
        %toynn hint EXERCISE           the next hint, one more each time
        """
        run(ipython, line)

    ipython.register_magic_function(toynn, magic_kind="line", magic_name="toynn")
    try:   # %reload_ext registers again: once is enough
        ipython.events.unregister("post_run_cell", _note_failure)
    except ValueError:
        pass
    ipython.events.register("post_run_cell", _note_failure)


def _note_failure(result) -> None:
    if not result.success and result.execution_count is not None:
        _FAILED.add(result.execution_count)


def run(ipython, line: str) -> None:
    """Do what `line` asks; a usage mistake is one printed line, never a traceback."""
    words = line.split()
    if len(words) < 2 or words[0] not in ("check", "hint") or (words[0] == "hint" and len(words) > 2):
        print(_(USAGE))
        return
    try:
        ex = ladder.get(words[1])
    except ladder.UnknownExercise as exc:
        print(_("{why}. {usage}").format(why=exc, usage=_(USAGE)))
        return
    if words[0] == "hint":
        show_hints(ex)
        return
    names = words[2:]
    try:
        code, where, about = named_code(ipython, names) if names else session_code(ipython)
    except LookupError as exc:   # a name missing or whose source cannot be read: said, not raised
        print(str(exc))
        return
    try:
        verdict = grade(ex.name, code)
    except OSError as exc:
        print(_("could not write the code to check: {why}").format(why=exc))
        return
    show(report_text(verdict, about, where), report_html(verdict, about, where))


def _python_lines(cell: str) -> list[str]:
    """A cell's lines, its IPython-only lines (`%magic`, `!shell`) made `pass`, so the line numbers
    and the blocks they sit in stay as they were."""
    out = []
    for ln in cell.splitlines():
        body = ln.lstrip()
        out.append(ln[:len(ln) - len(body)] + "pass" if body.startswith(("%", "!")) else ln)
    return out


def session_code(ipython) -> tuple[str, list[str], str]:
    """The code of the cells run so far, but this one and those that raised: (code, where each
    line came from, what was checked)."""
    raw = list(ipython.history_manager.input_hist_raw)[:-1]   # the last is the cell running %toynn
    lines: list[str] = []
    where: list[str] = []
    kept = skipped = 0
    for count, cell in enumerate(raw):
        if all(not ln.strip() or ln.lstrip().startswith(("%", "!")) for ln in cell.splitlines()):
            continue   # blank, or IPython's lines only (`%load_ext toynn_tui`): no code to count
        if count in _FAILED:
            skipped += 1
            continue
        kept += 1
        for i, ln in enumerate(_python_lines(cell), start=1):
            lines.append(ln)
            where.append(_("In [{count}] line {line}").format(count=count, line=i))
        lines.append("")   # a cell ending in an open block must not swallow the next one
        where.append(f"In [{count}]")
    about = ngettext("the code of the {n} cell run so far", "the code of the {n} cells run so far", kept).format(n=kept)
    if skipped:
        about = _("{about} (left out: {n} that raised an error)").format(about=about, n=skipped)
    return "\n".join(lines) + "\n", where, about


def named_code(ipython, names: list[str]) -> tuple[str, list[str], str]:
    """The source of each named function or class, after the imports of the cells run so far."""
    sources = []
    for name in names:
        if name not in ipython.user_ns:
            raise LookupError(_("nothing named {name} in this notebook yet: run the cell that defines it. {usage}").format(
                name=repr(name), usage=_(USAGE)))
        try:
            sources.append(inspect.getsource(ipython.user_ns[name]))
        except (OSError, TypeError) as exc:
            raise LookupError(_("could not read the source of {name} ({why}): use `%toynn check EXERCISE` "
                                "without a name to check the code of every cell").format(name=repr(name), why=exc)) from None
    imports = []
    for cell in list(ipython.history_manager.input_hist_raw)[:-1]:
        try:
            tree = ast.parse("\n".join(_python_lines(cell)))
        except SyntaxError:
            continue
        imports += [ast.get_source_segment("\n".join(_python_lines(cell)), node) for node in tree.body
                    if isinstance(node, (ast.Import, ast.ImportFrom))]
    code = "\n".join(dict.fromkeys(i for i in imports if i)) + "\n\n\n" + "\n\n\n".join(sources)
    return code, [], _("{names} and the imports of the cells run so far").format(names=", ".join(names))


def grade(exercise: str, code: str):
    """Grade `code` as the file `<exercise>.py` by the trusted checker in a child process.

    The folder is private (mkdtemp makes it 0700) and removed afterwards, whatever happened.
    """
    from toynn_tui.practice.runner import run_check   # what a check needs, and only when one is asked
    folder = Path(tempfile.mkdtemp(prefix="toynn-notebook-"))
    try:
        path = folder / f"{exercise}.py"
        path.write_text(code, encoding="utf-8")
        return run_check(exercise, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cells(text: str, exercise: str, where: list[str]) -> str:
    """`text` with "exercise3.py:26" (the temporary file's line) told as the notebook's "In [4] line 3"."""
    def cell(m: re.Match) -> str:
        n = int(m.group(1))
        return where[n - 1] if 0 < n <= len(where) else m.group(0)
    return re.sub(rf"\b{re.escape(exercise)}\.py:(\d+)", cell, text) if where else text


def _rows(verdict, about: str, where: list[str]) -> list[tuple[str, dict, str, str]]:
    """(text, colours, mark, word) per line of the report: `toynn watch`'s rows, a header, the marks' words."""
    from toynn_tui.practice.render import verdict_rows
    from toynn_tui.text import printable
    rows = [(_("{exercise}: checked {what}").format(exercise=verdict.exercise, what=printable(about)),
             {"bold": True}, "", "")]
    if verdict.isolation == "none":
        rows.append((_("note: the code ran without a sandbox: limited in time and memory, not isolated "
                       "from this machine"), {"fg": "yellow"}, "", ""))
    could_not = verdict.status == "error" and not verdict.tests
    for text, colours, mark in verdict_rows(verdict):
        # the mark's word: its meaning said beside the colour
        word = "" if not mark else _("pass") if mark == "✓" else pgettext("verdict", "error") if could_not else _("fail")
        rows.append((_cells(text, verdict.exercise, where), colours, mark, word))
    return rows


def report_text(verdict, about: str = "", where: list[str] | None = None) -> str:
    """The report as plain text (a terminal IPython, or a notebook's text/plain)."""
    return "\n".join(f"{mark} {word}  {text}" if mark else text
                     for text, _colours, mark, word in _rows(verdict, about, where or []))


_CSS = {"green": "#1a7f37", "red": "#cf222e", "yellow": "#9a6700"}


def report_html(verdict, about: str = "", where: list[str] | None = None) -> str:
    """The report as HTML: every text escaped, each mark a glyph and a word (not a colour alone)."""
    out = []
    for text, colours, mark, word in _rows(verdict, about, where or []):
        style = f"color:{_CSS[colours['fg']]};" if colours.get("fg") in _CSS else ""
        style += "font-weight:bold;" if colours.get("bold") else ""
        lead = ""
        if mark:
            lead = (f'<span style="color:{_CSS["green" if mark == "✓" else "red"]};font-weight:bold">'
                    f"{html.escape(mark)} {html.escape(word)}</span> ")
        out.append(f'<div>{lead}<span style="{style}">{html.escape(text)}</span></div>')
    return ('<div class="toynn-report" style="font-family:monospace;white-space:pre-wrap">'
            + "".join(out) + "</div>")


def show(text: str, rich: str) -> None:
    """Show the report: each frontend picks its part of the bundle (HTML in Jupyter, text in a terminal)."""
    try:
        from IPython.display import display
    except ImportError:   # called outside IPython (a test, a script): the text is all there is
        print(text)
        return
    display({"text/plain": text, "text/html": rich}, raw=True)


def show_hints(ex) -> None:
    """The next hint as `toynn hint` gives it: counted in the workspace the notebook is in, if any."""
    from toynn_tui.commands.check import hint_lines, next_hints
    from toynn_tui.practice.workspace import NotInWorkspace, workspace_here
    try:
        lines = next_hints(ex, workspace_here(required=True))
    except (NotInWorkspace, OSError):
        lines, _SHOWN[ex.name] = hint_lines(ex, _SHOWN.get(ex.name, 0))
        lines.append(_("(this notebook is not in a toynn workspace: this kernel counts the hints shown, "
                       "and a restart starts again from the first)"))
    print("\n".join(lines))
