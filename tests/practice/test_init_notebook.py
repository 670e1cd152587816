"""`toynn init --notebook`: one valid notebook per exercise (contract, data, stub cells, tagged),
never written over a learner's edits, and found as the learner's file when no .py is there.

Nothing here grades a notebook (the checker reads them separately); `toynn check` is only
followed as far as the path it hands the checker.
"""
import ast
from types import SimpleNamespace

import nbformat
import numpy as np
import pytest
from click.testing import CliRunner

from toynn_tui import ladder
from toynn_tui.cli import main
from toynn_tui.engine import data
from toynn_tui.practice import notebooks
from toynn_tui.practice.workspace import exercise_file

EXERCISES = ladder.load()


def init(directory, *flags):
    result = CliRunner().invoke(main, ["init", str(directory), *flags])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("nbws") / "ws"
    init(ws, "--notebook")
    return ws


def notebook_of(ws, ex):
    return ws / "exercises" / f"{ex.name}.ipynb"


def code_without_docstring(stub):
    """The stub's code after its module docstring, computed here independently of notebooks.py."""
    text = stub.read_text(encoding="utf-8")
    doc = ast.parse(text).body[0]
    return "\n".join(text.splitlines()[doc.end_lineno:]).strip()


def test_init_notebook_writes_one_valid_notebook_per_exercise_and_no_py(workspace):
    folder = workspace / "exercises"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{ex.name}.ipynb" for ex in EXERCISES)
    assert len(EXERCISES) == 13
    for ex in EXERCISES:
        nb = nbformat.read(notebook_of(workspace, ex), as_version=4)
        nbformat.validate(nb)
        assert nb.nbformat == 4
        assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.name)
def test_cells_are_contract_data_stub_tagged(workspace, ex):
    nb = nbformat.read(notebook_of(workspace, ex), as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    contract, data_cell, stub = nb.cells
    assert contract.source.splitlines()[0] == f"# {ex.name}: {ex.title}"
    doc = ast.get_docstring(ast.parse(ex.stub.read_text(encoding="utf-8")))
    assert doc in contract.source   # the docstring as the learner reads it in the .py file
    assert contract.metadata["tags"] == [ex.name]
    assert data_cell.metadata["tags"] == [ex.name]
    assert stub.metadata["tags"] == [ex.name, notebooks.STUB_TAG]
    assert stub.source.strip() == code_without_docstring(ex.stub)


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.name)
def test_data_cell_gives_the_engines_data(workspace, ex):
    nb = nbformat.read(notebook_of(workspace, ex), as_version=4)
    scope = {}
    # trusted: this cell is our own template, just written by init, not a learner's code
    exec(compile(nb.cells[1].source, f"<{ex.name} data cell>", "exec"), scope)
    name = ex.spec().data if ex.spec() is not None else notebooks.FALLBACK_DATA
    X, y = data.load(name)
    np.testing.assert_array_equal(scope["X"], X)
    np.testing.assert_array_equal(scope["y"], y)
    assert scope["X"].shape == X.shape and scope["y"].shape == y.shape


def test_the_stub_without_data_gets_the_engines_data_as_plain_numpy():
    no_data = [ex for ex in EXERCISES if "X = " not in ex.stub.read_text(encoding="utf-8")]
    assert [ex.name for ex in no_data] == ["exercise1"]   # the one this branch exists for
    source = notebooks.data_source(no_data[0])
    assert "np.array(" in source and "toynn_tui" not in source


def test_rerun_keeps_an_edited_notebook(tmp_path):
    ws = tmp_path / "ws"
    init(ws, "--notebook")
    path = ws / "exercises" / "exercise3.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source = "def train(X, y, iterations=60000, seed=1):\n    return 'mine'\n"
    nbformat.write(nb, path)
    edited = path.read_bytes()
    path.with_name("exercise1.ipynb").unlink()   # a deleted one comes back; the rest are kept
    output = init(ws, "--notebook")
    assert path.read_bytes() == edited
    assert f"kept    {path}" in output and f"created {ws / 'exercises' / 'exercise1.ipynb'}" in output


def test_init_without_the_flag_still_writes_the_py_stubs(tmp_path):
    ws = tmp_path / "ws"
    init(ws)
    for ex in EXERCISES:
        assert (ws / "exercises" / ex.file).read_bytes() == ex.stub.read_bytes()
    assert not list((ws / "exercises").glob("*.ipynb"))


def test_exercise_file_is_the_notebook_only_when_no_py_is_there(tmp_path):
    ws = tmp_path / "ws"
    init(ws, "--notebook")
    folder = ws / "exercises"
    assert exercise_file(ws, "exercise2") == folder / "exercise2.ipynb"
    (folder / "exercise2.py").write_text("# mine\n")
    assert exercise_file(ws, "exercise2") == folder / "exercise2.py"   # a .py beside it wins
    (folder / "exercise3.ipynb").unlink()
    assert exercise_file(ws, "exercise3") == folder / "exercise3.py"   # neither: the .py, as before


def test_check_without_file_hands_the_notebook_on(tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    init(ws, "--notebook")
    seen = {}

    def check_file(exercise, path, timeout):   # stands in for the checker: only the path matters here
        seen["path"] = path
        return SimpleNamespace(status="fail", passed=0, total=1, to_json=dict)

    import toynn_tui.checker as checker
    monkeypatch.setattr(checker, "check_file", check_file)
    monkeypatch.setattr(checker, "render", lambda report: ["stand-in"])
    monkeypatch.chdir(ws / "exercises")
    result = CliRunner().invoke(main, ["check", "exercise4"])
    assert result.exit_code == 1, result.output
    assert seen["path"].resolve() == (ws / "exercises" / "exercise4.ipynb").resolve()
