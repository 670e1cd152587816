"""`%load_ext toynn_tui` and `%toynn` in a real Jupyter kernel, and the magic's report as HTML.

The notebooks run in a kernel of this very interpreter (nbclient's "python3" is the
running Python when ipykernel is installed here, which the first test confirms), so
the magic under test is this checkout's. Grading must happen in the checker's child
process, never in the kernel: one test proves it by a learner cell that appends to a
list each time it runs.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from toynn_tui.practice.verdict import parse

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "solutions" / "exercise3.py").read_text(encoding="utf-8")
# One mistake: l2_delta is the bare error, the sigmoid's slope is missing.
WRONG = SOLUTION.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error")
assert WRONG != SOLUTION
# Runs once in the kernel; grading it in the kernel as well would append a second entry.
COUNTER = "runs = globals().setdefault('runs', [])\nruns.append('ran')\n"
AFTER = ("import sys\nprint('runs:', runs)\n"
         "print('checker in kernel:', any(m.startswith('toynn_tui.checker') for m in sys.modules))\n"
         "print('kernel python:', sys.executable)\n")


def _kernel_tools():
    """nbformat and nbclient; skipped with the reason when missing, but never on CI (there it fails)."""
    try:
        import ipykernel  # noqa: F401  (the kernel the notebooks run in)
        import nbclient
        import nbformat
    except ImportError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"a Jupyter kernel is needed (pip install -e '.[test]'): {exc}")
    return nbformat, nbclient


def _run(cells: list[str], folder: Path) -> list[str]:
    """Execute a notebook of these cells in a fresh kernel (its folder: `folder`); each cell's output text."""
    nbformat, nbclient = _kernel_tools()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}).execute()
    texts = []
    for cell in nb.cells:
        parts = [o.get("text", "") if o["output_type"] == "stream" else o.get("data", {}).get("text/plain", "")
                 for o in cell.outputs]
        texts.append("".join(parts) + "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs))
    return texts


@pytest.fixture(scope="module")
def passing(tmp_path_factory) -> list[str]:
    return _run(["%load_ext toynn_tui", COUNTER + SOLUTION, "%toynn check exercise3", AFTER],
                tmp_path_factory.mktemp("passing"))


@pytest.fixture(scope="module")
def failing(tmp_path_factory) -> list[str]:
    return _run(["%load_ext toynn_tui", WRONG, "%toynn check exercise3", "%toynn check exercise3 nonlin train",
                 "%toynn", "%toynn frobnicate exercise3", "%toynn check exercise99", "%toynn hint exercise3"],
                tmp_path_factory.mktemp("failing"))


def test_a_correct_solution_in_a_cell_passes_every_check(passing):
    report = passing[2]
    assert "all 6 checks pass" in report
    assert "✓ pass  starting parameters" in report and "✗" not in report
    assert "<div" in report   # the HTML part of the bundle is there for Jupyter
    assert f"kernel python: {sys.executable}" in passing[3]   # the kernel is this interpreter


def test_the_check_runs_in_another_process_not_in_the_kernel(passing):
    assert "runs: ['ran']" in passing[3]   # the learner's cell ran once: by the notebook itself
    assert "checker in kernel: False" in passing[3]


def test_a_missing_slope_names_the_failing_check_and_the_cell_line(failing):
    for report in failing[2:4]:   # every cell's code, then only the two functions named
        assert "✗ fail  one update from your own starting parameters" in report
        assert "slope missing from the delta" in report
        assert "of 6 checks pass" in report
    assert "In [2] line" in failing[2]   # the wrong line told as the notebook's cell, not a temporary file


def test_bad_usage_is_one_line_and_a_hint_still_comes(failing):
    for out in failing[4:7]:
        assert out.strip().count("\n") == 0 and "usage: %toynn check EXERCISE" in out
        assert "Traceback" not in out
    assert "unknown exercise 'exercise99'" in failing[6]
    assert "Hint 1 of" in failing[7] and "not in a toynn workspace" in failing[7]


def test_the_html_report_escapes_what_came_from_the_learners_file():
    from toynn_tui.magic import report_html, report_text
    answer = {"version": 3, "status": "fail", "message": "", "tests": [
        {"name": "starting parameters: shapes, range, seeded order", "status": "pass", "message": None},
        {"name": "one update from your own starting parameters", "status": "fail",
         "message": "loading the file failed with ValueError: <script>alert(1)</script> & more"}]}
    verdict = parse("exercise3", Path("exercise3.py"), 1, json.dumps(answer).encode(), b"")
    page = report_html(verdict, "the code of the 1 cell run so far")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "✗ fail</span>" in page and "✓ pass</span>" in page   # a glyph and a word, not colour alone
    text = report_text(verdict)
    assert "\x1b" not in text and "✗ fail  one update" in text and "1 of 2 checks pass" in text
