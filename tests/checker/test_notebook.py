"""Notebooks: which cells are graded, what is left out and said, and lines named by cell.

The first tests read notebooks with `checker.notebook` alone (no check runs); the rest
grade notebooks written the way learners write them (`@`, code split over cells, magics,
a cell retyped to markdown) with `toynn check` and `toynn grade`, as a learner and a
teacher run them, and read what they say.
"""
from __future__ import annotations

import hashlib
import json

import nbformat
import pytest
from nbformat import v4

from toynn_tui.checker import notebook

DATA = "import numpy as np\nX = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]])\ny = np.array([[0,1,1,0]]).T"
NONLIN = "def nonlin(x, deriv=False):\n    if deriv:\n        return x*(1-x)\n    return 1/(1+np.exp(-x))"
TRAIN = """def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    syn0 = 2*np.random.random((3,4)) - 1
    syn1 = 2*np.random.random((4,1)) - 1
    for j in range(iterations):
        l0 = X
        l1 = nonlin(l0 @ syn0)
        l2 = nonlin(l1 @ syn1)
        l2_error = y - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta @ syn1.T
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += l1.T @ l2_delta
        syn0 += l0.T @ l1_delta
    return syn0, syn1"""
NO_SLOPE = TRAIN.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error")


def book(*cells) -> bytes:
    nb = v4.new_notebook()
    nb.cells = list(cells)
    return nbformat.writes(nb).encode()


def code(text, tags=()):
    cell = v4.new_code_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


# -- reading: no check runs -------------------------------------------------------------
def test_every_code_cell_in_order_and_each_line_knows_its_cell():
    got = notebook.extract(book(v4.new_markdown_cell("# mine"), code(DATA), code(NONLIN)), "exercise3")
    assert got.source == DATA + "\n" + NONLIN + "\n"
    assert got.label(1) == "cell 2, line 1" and got.label(4) == "cell 3, line 1"
    assert got.label(99) is None and got.notes == []


def test_tagged_cells_alone_when_any_are_tagged():
    got = notebook.extract(book(code("print('scratch')"), code(DATA, ["exercise3"]), code(NONLIN, ["toynn"])),
                           "exercise3")
    assert "scratch" not in got.source and got.source.startswith("import numpy")
    assert got.notes == ["graded the cells tagged 'exercise3' or 'toynn': cells 2, 3"]


def test_magics_and_shell_escapes_are_left_out_by_line_and_the_numbering_stays():
    got = notebook.extract(book(code("%timeit 1+1\nx = 1\n!pip list\nfiles = !ls")), "exercise3")
    assert got.source.split("\n")[:4] == ["pass", "x = 1", "pass", "pass"]
    assert got.label(2) == "cell 1, line 2"
    assert got.notes == ["cell 1: line 1 (%timeit 1+1), line 3 (!pip list), line 4 (files = !ls) are IPython, "
                         "not Python: left out, and the rest of the cell graded"]


def test_python_that_looks_like_a_magic_is_kept():
    text = "a = 7 % 3\nb = (1 !=\n     2)\nc = 5 \\\n    % 2"
    got = notebook.extract(book(code(text)), "exercise3")
    assert got.source == text + "\n" and got.notes == []


def test_a_cell_magic_leaves_its_whole_cell_out():
    got = notebook.extract(book(code("%%time\nx = 1"), code(DATA)), "exercise3")
    assert "x = 1" not in got.source and got.label(1) == "cell 2, line 1"
    assert "cell 1 starts with the cell magic '%%time'" in got.notes[0]


def test_a_code_cell_retyped_to_markdown_is_named_not_graded():
    got = notebook.extract(book(code(DATA), v4.new_markdown_cell(TRAIN)), "exercise3")
    assert "def train" not in got.source
    assert got.notes == ["cell 2 is a markdown cell but holds Python: it was not graded "
                         "(make it a code cell again if it is part of your answer)"]
    prose = notebook.extract(book(code(DATA), v4.new_markdown_cell("I import numpy and def a train loop.")),
                             "exercise3")
    assert prose.notes == []   # words about code are not code


def test_deleted_metadata_ids_and_outputs_and_copied_cells_do_not_matter():
    raw = json.loads(book(code(DATA), code(NONLIN)))
    for cell in raw["cells"]:
        for key in ("metadata", "id", "outputs", "execution_count"):
            cell.pop(key, None)
    raw["cells"].append(dict(raw["cells"][1]))      # a copied cell: the same code, the same (no) id
    raw["cells"][0]["source"] = DATA.splitlines(keepends=True)   # the file's own form: a list of lines
    raw.pop("metadata")
    got = notebook.extract(json.dumps(raw).encode(), "exercise3")
    assert got.source == DATA + "\n" + NONLIN + "\n" + NONLIN + "\n"


def test_a_notebook_of_the_older_format_is_converted():
    old = {"nbformat": 3, "nbformat_minor": 0, "metadata": {},
           "worksheets": [{"cells": [{"cell_type": "code", "input": DATA, "language": "python",
                                       "outputs": [], "metadata": {}}], "metadata": {}}]}
    assert notebook.extract(json.dumps(old).encode(), "exercise3").source == DATA + "\n"


NOT_NOTEBOOKS = {   # built when the test runs: xdist's workers must agree on the ids
    "truncated": (lambda: b'{"cells": [', "not valid JSON"),
    "not-utf8": (lambda: b"\xff\xfe{}", "not valid JSON"),
    "a-list": (lambda: b"[1, 2]", "JSON but not a notebook"),
    "cells-not-a-list": (lambda: json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                             "cells": "x"}).encode(), "no list of cells"),
    "no-cells": (lambda: book(), "has no cells"),
    "no-code": (lambda: book(v4.new_markdown_cell("notes only"), code("")), "no code to grade"),
    "huge-outputs": (lambda: b" " * (notebook.NOTEBOOK_LIMIT + 1), "outputs are too large"),
}


@pytest.mark.parametrize("case", list(NOT_NOTEBOOKS))
def test_what_is_no_notebook_says_why(case):
    data, said = NOT_NOTEBOOKS[case]
    with pytest.raises(notebook.NotNotebook, match=said):
        notebook.extract(data(), "exercise3")


# -- grading, as a learner and a teacher run it ---------------------------------------
def test_a_right_notebook_with_magics_passes_and_says_what_was_left_out(toynn, tmp_path):
    path = tmp_path / "work.ipynb"
    path.write_bytes(book(v4.new_markdown_cell("# exercise 3"), code(DATA), code(NONLIN),
                          code("%timeit nonlin(X)"), code(TRAIN)))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    proc = toynn("check", "exercise3", "--file", str(path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "note: cell 4: line 1 (%timeit nonlin(X)) is IPython" in proc.stdout
    assert proc.stdout.strip().endswith("All 6 checks pass.")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before   # nothing written back into it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work.ipynb"]


def test_a_wrong_notebook_names_the_mistake_by_cell_in_text_and_json(toynn, check_json, tmp_path):
    path = tmp_path / "work.ipynb"
    path.write_bytes(book(v4.new_markdown_cell("# exercise 3"), code(DATA), code(NONLIN), code(NO_SLOPE)))
    proc = toynn("check", "exercise3", "--file", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert "at cell 4, line 10: l2_delta = l2_error — slope missing from the delta" in proc.stdout
    assert "work.py" not in proc.stdout   # the graded copy's name never shows
    code_, data = check_json("exercise3", path)
    assert code_ == 1 and data["toynn"]["file"] == "work.ipynb"
    found = [f for t in data["toynn"]["tests"] for f in t["lines"]]
    assert found and found[0]["cell"] == 4 and found[0]["cell_line"] == 10 and found[0]["where"] == "cell 4, line 10"


def test_stored_outputs_are_never_trusted(toynn, tmp_path):
    cell = code(NO_SLOPE)
    cell.outputs = [v4.new_output("stream", name="stdout", text="All 6 checks pass.\n")]
    path = tmp_path / "work.ipynb"
    path.write_bytes(book(code(DATA), code(NONLIN), cell))
    proc = toynn("check", "exercise3", "--file", str(path), cwd=tmp_path)
    assert proc.returncode == 1 and "3 of 6 checks pass." in proc.stdout


def test_a_class_of_notebooks_gives_a_row_each_and_never_stops(toynn, tmp_path):
    subs = tmp_path / "subs"
    (subs / "carol").mkdir(parents=True)
    (subs / "alice.ipynb").write_bytes(book(code(DATA), code(NONLIN), code(TRAIN)))
    (subs / "bob.ipynb").write_bytes(b'{"cells": [')
    (subs / "carol" / "exercise3.ipynb").write_bytes(book(code(DATA + "\n" + NONLIN), code(NO_SLOPE)))
    (subs / "dave.ipynb").write_bytes(book())
    out = tmp_path / "grades.json"
    proc = toynn("grade", str(subs), "--exercise", "exercise3", "--out", str(out), cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    rows = {e["student"]: e for e in json.loads(out.read_text())["students"]}
    assert {k: rows[k]["status"] for k in rows} == {"alice": "pass", "bob": "error", "carol": "fail",
                                                     "dave": "error"}
    assert "not valid JSON" in rows["bob"]["message"] and "has no cells" in rows["dave"]["message"]


def test_the_compare_screen_runs_a_notebook_as_the_checker_does(tmp_path):
    from toynn_tui.practice import sidebyside
    right, broken = tmp_path / "right.ipynb", tmp_path / "broken.ipynb"
    right.write_bytes(book(code(DATA), code(NONLIN), code(TRAIN)))
    broken.write_bytes(book(code(DATA), code(NONLIN), code("def train(X, y:\n    pass")))
    traj = sidebyside.trajectory("exercise3", right, upto=3)
    assert traj.problem == "" and traj.first_diverging is None and len(traj.yours) == 4
    assert "cell 3, line 1" in sidebyside.trajectory("exercise3", broken, upto=1).problem
