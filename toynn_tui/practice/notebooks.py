"""Each exercise as a Jupyter notebook, built from its .py stub (`toynn init --notebook`).

A notebook holds three cells, in this order: the contract (the stub's module
docstring, under a `# exerciseN: title` line), the data (X and y), and the
stub's code (the stub minus its docstring). Every cell is tagged with the
exercise's name, and the code cell also with `toynn-stub`, so a checker can
pick out the learner's cells without guessing from their text. Nothing here is
written per exercise: the title comes from the ladder, the rest from the stub,
and the data from the stub or, where the stub has none, from the engine.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
from nbformat import v4

from toynn_tui import ladder

NB_VERSION = 4
STUB_TAG = "toynn-stub"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
# Exercise 1 trains nothing, so it has no net and no data of its own; its data cell gives the
# four examples of the article's 11-line program, the one nonlin first appears in.
FALLBACK_DATA = "xor"


def _parse(stub: Path) -> tuple[str, ast.Module]:
    text = stub.read_text(encoding="utf-8")
    return text, ast.parse(text, filename=str(stub))


def _docstring_node(tree: ast.Module) -> ast.Expr | None:
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first
    return None


def stub_code(stub: Path) -> str:
    """The stub's code without its module docstring (and the blank lines after it)."""
    text, tree = _parse(stub)
    node = _docstring_node(tree)
    lines = text.splitlines()
    rest = lines[node.end_lineno:] if node is not None else lines
    return "\n".join(rest).strip("\n")


def contract_markdown(ex: ladder.Exercise) -> str:
    """The markdown of the contract cell: the title line, then the docstring verbatim.

    The docstring goes in a fence because it is written for a terminal: its `*` products and
    `- ` lines would turn into emphasis and reflowed lists, and the learner would read a
    different contract from the one in the .py file."""
    _, tree = _parse(ex.stub)
    doc = ast.get_docstring(tree, clean=True) or ex.contract
    longest = max((len(run) for run in re.findall(r"`+", doc)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"# {ex.name}: {ex.title}\n\n{fence}text\n{doc}\n{fence}"


def _stub_data(stub: Path) -> str | None:
    """The stub's own top-level `X = ...` and `y = ...` lines, with the comment just above them,
    or None when the stub has no data (then the engine's data set stands in)."""
    text, tree = _parse(stub)
    lines = text.splitlines()
    spans = [(n.lineno, n.end_lineno) for n in tree.body if isinstance(n, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id in ("X", "y") for t in n.targets)]
    if not spans:
        return None
    start = spans[0][0]
    while start > 1 and lines[start - 2].lstrip().startswith("#"):   # the comment that says what the data is
        start -= 1
    return "\n".join(lines[start - 1:spans[-1][1]])


def data_name(ex: ladder.Exercise) -> str:
    """The engine's data set (engine.data) the exercise trains on."""
    spec = ex.spec()
    return spec.data if spec is not None else FALLBACK_DATA


def data_source(ex: ladder.Exercise) -> str:
    """The data cell: plain numpy a learner can read, standing on its own (so it runs first)."""
    body = _stub_data(ex.stub)
    if body is None:
        from toynn_tui.engine import data   # numpy only when a notebook is built
        body = (f"# The example data (toynn's data set {data_name(ex)!r}): one row of X per example,\n"
                f"# its target on the same row of y.\n{data.source(data_name(ex))}")
    return f"import numpy as np\n\n{body}"


def stub_notebook(exercise: ladder.Exercise | str) -> nbformat.NotebookNode:
    """The notebook for `exercise` (an Exercise or its name): contract, data, stub; validated."""
    ex = ladder.get(exercise) if isinstance(exercise, str) else exercise
    cells = [v4.new_markdown_cell(contract_markdown(ex)),
             v4.new_code_cell(data_source(ex)),
             v4.new_code_cell(stub_code(ex.stub))]
    for cell in cells:
        cell.metadata["tags"] = [ex.name]
    cells[-1].metadata["tags"].append(STUB_TAG)
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write_new(exercise: ladder.Exercise | str, dest: Path) -> bool:
    """Write the exercise's notebook to `dest` unless a file is there already (a learner's work is
    never overwritten); True when it was written."""
    nb = stub_notebook(exercise)   # built and validated before the file exists
    try:
        with open(dest, "x", encoding="utf-8") as f:   # "x": fails if it exists
            nbformat.write(nb, f, version=NB_VERSION)
    except FileExistsError:
        return False
    return True
