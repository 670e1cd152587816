"""A learner's Jupyter notebook as the Python the checker grades, and its lines named by cell.

The trusted side only *reads* the notebook (JSON, through nbformat, the format's own
library); nothing in it runs here. Its code cells become one Python source, graded
exactly as a `.py` file is, in the same sandbox. Every line of that source knows its
cell, so a report says "cell 4, line 3" where a file's would say "work.py:12".

Which cells count:
- the code cells tagged with the exercise's name (`exercise3`) or `toynn`, when any are;
- otherwise every code cell, in the notebook's order.
Cells are numbered as the notebook shows them: the first cell, markdown or code, is cell 1.

What is not Python is said, by cell, and left out, and the rest is graded: a line magic
or shell escape (`%timeit ...`, `!pip ...`) becomes `pass` (the numbering stays), a cell
magic (`%%time`) leaves its whole cell out. A markdown or raw cell holding Python is named
(a code cell retyped to markdown is not graded). Outputs stored in the notebook are never
read: only the code is graded.
"""
from __future__ import annotations

import ast
import contextlib
import json
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from toynn_tui.i18n import _, ngettext

NOTEBOOK_LIMIT = 16 << 20   # bytes of a notebook we read (outputs make them big; code alone stays small)
TAG = "toynn"               # a tag that marks a cell as graded for any exercise
MAGIC = re.compile(r"^(\s*)([%!]|\S.*=\s*!)")   # `%time`, `!pip`, `files = !ls`


class NotNotebook(ValueError):
    """Why a file is no notebook we can grade: a sentence for the learner."""


@dataclass
class Extracted:
    """The Python to grade, which cell each of its lines came from, and what was left out."""
    source: str
    origin: list[tuple[int, int]] = field(default_factory=list)   # line N is origin[N - 1]: (cell, line)
    notes: list[str] = field(default_factory=list)

    def label(self, line: int) -> str | None:
        """"cell 4, line 3" for line `line` of the source; None for a line outside it."""
        if 1 <= line <= len(self.origin):
            cell, at = self.origin[line - 1]
            return _("cell {cell}, line {line}").format(cell=cell, line=at)
        return None


def extract(data: bytes, exercise: str) -> Extracted:
    """The notebook `data` (its bytes) as Python for `exercise`; NotNotebook when it cannot be graded."""
    cells = _cells(data)
    tagged = {exercise, TAG}
    chosen = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and tagged & set(_tags(c))]
    every = not chosen
    how = _("the cells tagged {exercise} or {tag}").format(exercise=repr(exercise), tag=repr(TAG))
    if every:
        chosen = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
        how = _("every code cell")
    out = Extracted("")
    lines: list[str] = []
    for i in chosen:
        _add_cell(i + 1, _text(cells[i]), lines, out)
    for i, c in enumerate(cells):
        if c["cell_type"] != "code" and _holds_python(_text(c)):
            out.notes.append(_("cell {cell} is a {type} cell but holds Python: it was not graded "
                               "(make it a code cell again if it is part of your answer)").format(
                                   cell=i + 1, type=c['cell_type']))
    if not any(ln.strip() and ln.strip() != "pass" for ln in lines):
        raise NotNotebook(_("the notebook has no cells") if not cells else
                          _("the notebook has no code to grade (graded: {how}); was it saved after you wrote it?")
                          .format(how=how))
    out.source = "\n".join(lines) + "\n"
    if not every:
        out.notes.insert(0, _("graded {how}: cells {cells}").format(how=how, cells=", ".join(str(i + 1) for i in chosen)))
    return out


@contextlib.contextmanager
def graded_copy(file: Path, exercise: str) -> Iterator[tuple[Path, Extracted]]:
    """The notebook `file`'s code as a .py of the same stem in a private folder of ours (0700, removed
    after), and what was extracted. Unreadable or NotNotebook when there is no code to grade."""
    from toynn_tui.checker.files import read_regular
    extracted = extract(read_regular(file, NOTEBOOK_LIMIT), exercise)
    with tempfile.TemporaryDirectory(prefix="toynn-nb-") as folder:
        graded = Path(folder) / f"{Path(file).stem}.py"
        graded.write_text(extracted.source, encoding="utf-8")
        yield graded, extracted


def _cells(data: bytes) -> list[dict]:
    """The notebook's cells, each with a cell_type and a source; a clear NotNotebook otherwise."""
    if len(data) > NOTEBOOK_LIMIT:
        raise NotNotebook(_("the notebook is {size} bytes, more than the {limit} we read: its stored outputs "
                            "are too large (clear them: Edit → Clear outputs of all cells, then save)").format(
                                size=len(data), limit=NOTEBOOK_LIMIT))
    try:
        text = data.decode("utf-8")
        raw = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotNotebook(_("the notebook is not valid JSON ({why}): Jupyter cannot open it either; "
                            "if you edited it by hand, restore it or save it again from Jupyter").format(why=exc)) from None
    if not isinstance(raw, dict):
        raise NotNotebook(_("the file is JSON but not a notebook (no cells)"))
    major = raw.get("nbformat")
    if major != 4:   # nbformat converts the older ones it knows (3 and before) to 4
        raw = _converted(text, major)
    cells = raw.get("cells")
    if not isinstance(cells, list):
        raise NotNotebook(_("the notebook has no list of cells: it is not a notebook Jupyter wrote"))
    good = []
    for c in cells:   # deleted metadata, ids or outputs do not matter: the type and the code do
        if isinstance(c, dict) and isinstance(c.get("cell_type"), str):
            good.append(c)
    return good


def _converted(text: str, major) -> dict:
    try:
        import nbformat
        with warnings.catch_warnings():   # nbformat warns of validation; what we need is checked here
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4, capture_validation_error={})
    except Exception as exc:   # nbformat's own errors name the version it could not read
        raise NotNotebook(_("the notebook's format (nbformat {version}) cannot be read ({why}): "
                            "open and save it in a current Jupyter").format(version=repr(major), why=exc)) from None
    return json.loads(json.dumps(nb))


def _tags(cell: dict) -> list[str]:
    meta = cell.get("metadata")
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _text(cell: dict) -> str:
    src = cell.get("source", "")
    if isinstance(src, list):   # the file's form: a list of lines
        src = "".join(s for s in src if isinstance(s, str))
    return src if isinstance(src, str) else ""


def _add_cell(number: int, text: str, lines: list[str], out: Extracted) -> None:
    """Append cell `number`'s code to `lines`, magics replaced, recording each line's origin."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if body and body[0].lstrip().startswith("%%"):
        out.notes.append(_("cell {cell} starts with the cell magic {magic}: it is IPython, not Python, so the "
                           "whole cell was left out (take the magic out to have it graded)").format(
                               cell=number, magic=repr(body[0].split()[0])))
        return
    python, magics = python_lines(body)
    for at, line in enumerate(python, 1):
        lines.append(line)
        out.origin.append((number, at))
    if magics:
        said = _(", ").join(_("line {line} ({code})").format(line=a, code=body[a - 1].strip()[:30]) for a in magics[:3])
        out.notes.append(ngettext("cell {cell}: {lines} is IPython, not Python: left out, and the rest of the cell graded",
                                  "cell {cell}: {lines} are IPython, not Python: left out, and the rest of the cell graded",
                                  len(magics)).format(cell=number, lines=said))


def python_lines(body: list[str]) -> tuple[list[str], list[int]]:
    """A cell's lines with each IPython-only line (`%time`, `!pip`, `x = !ls`) made `pass` (at its
    indent, so the numbering and the block it sits in stay), and the numbers of those lines."""
    if _is_python("\n".join(body)):   # a cell Python reads as it is has no magic to take out
        return list(body), []
    out, magics = [], []
    for at, line in enumerate(body, 1):
        m = MAGIC.match(line)
        if m and not _is_python(line):
            magics.append(at)
            line = f"{m.group(1)}pass"
        out.append(line)
    return out, magics


def _is_python(code: str) -> bool:
    try:
        ast.parse(code.strip())
        return True
    except SyntaxError:
        return False


def _holds_python(text: str) -> bool:
    """A markdown cell that is a code cell retyped: it parses as Python and defines or imports."""
    if not re.search(r"^\s*(def |import |from \S+ import |class )", text, re.M):
        return False
    code = re.sub(r"^```\w*$", "", text, flags=re.M)   # code fenced in markdown counts too
    try:
        ast.parse(code)
        return True
    except SyntaxError:
        return False


def relabel(report, extracted: Extracted, graded_name: str, notebook: str) -> None:
    """Name `report`'s lines (of the source graded as `graded_name`) by cell, everywhere it names one:
    the messages, the quoted lines, the traced lines (which also get "cell" and "cell_line"), what
    the file printed (a traceback's `File "...", line 12`). The report is then the notebook's."""
    def named(text: str) -> str:
        return by_cell(text, extracted, graded_name) if text else text
    report.file = notebook
    report.message, report.output = named(report.message), named(report.output)
    for t in report.tests:
        t.message, t.detail = named(t.message), named(t.detail)
        t.where = [named(w) for w in t.where]
        for f in t.findings:
            at = f.get("line")
            if isinstance(at, int) and extracted.label(at):
                f["cell"], f["cell_line"] = extracted.origin[at - 1]
                f["where"] = extracted.label(at)
    report.notes = list(extracted.notes)


def by_cell(text: str, extracted: Extracted, graded_name: str) -> str:
    """Every "line 12" of the graded source in `text` as "cell 4, line 3" (one pass: a label written
    is not read again). A number outside the source is left as it is."""
    name = re.escape(graded_name)
    # the English "line 12", and the Chinese "第 12 行" of a translated message
    pattern = re.compile(rf'File "[^"\n]*{name}", line (\d+)|\b{name}:(\d+)|\bline (\d+)\b|第 ?(\d+) ?行')

    def one(m: re.Match) -> str:
        line = int(next(g for g in m.groups() if g is not None))
        return extracted.label(line) or m.group(0)
    return pattern.sub(one, text)
