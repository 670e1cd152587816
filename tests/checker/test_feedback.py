"""The feedback a learner reads: every mistake on its exact line, the gradient check, Python 2 habits, float32.

Each file is the reference solution with edits, checked by the real `toynn check`
(in the sandbox where it can start); what is asserted is what the learner sees:
the JSON's traced lines, the human report, `toynn watch`'s text and the gradebook.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from toynn_tui.practice import gradebook
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.render import verdict_lines
from toynn_tui.practice.verdict import parse

REPO = Path(__file__).resolve().parents[2]
SOLUTION = (REPO / "solutions" / "exercise3.py").read_text()
TWO_MISTAKES = SOLUTION.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error").replace(
    "syn1 += l1.T.dot(l2_delta)", "syn1 += 0.5 * l1.T.dot(l2_delta)")


def line_of(source: str, code: str) -> int:
    return next(i for i, ln in enumerate(source.splitlines(), 1) if ln.strip() == code)


def checked(tmp_path, check_json, source: str, name: str = "exercise3.py"):
    path = tmp_path / name
    path.write_text(source)
    code, data = check_json("exercise3", path, timeout=20)
    return path, code, data


def test_two_mistakes_are_both_named_on_their_own_lines_in_loop_order(tmp_path, check_json):
    path, code, data = checked(tmp_path, check_json, TWO_MISTAKES)
    step = data["toynn"]["tests"][1]
    assert [(f["line"], f["code"], f["diagnosis"]) for f in step["lines"]] == [
        (line_of(TWO_MISTAKES, "l2_delta = l2_error"), "l2_delta = l2_error", "slope-missing"),
        (line_of(TWO_MISTAKES, "syn1 += 0.5 * l1.T.dot(l2_delta)"), "syn1 += 0.5 * l1.T.dot(l2_delta)",
         "scaled-update")]
    assert {"slope-missing", "scaled-update"} <= set(data["toynn"]["diagnoses"])
    message = data["tests"][1]["message"]
    assert "2 mistakes, each on its line below" in message
    assert f"at exercise3.py:{line_of(TWO_MISTAKES, 'l2_delta = l2_error')}: l2_delta = l2_error" in message
    # no correct line is pointed at
    assert "l1_delta =" not in message and "syn0 +=" not in message


def test_the_gradient_check_shows_which_weights_are_wrong(tmp_path, check_json):
    source = SOLUTION.replace("syn1 += l1.T.dot(l2_delta)", "syn1 -= l1.T.dot(l2_delta)")
    _, _, data = checked(tmp_path, check_json, source)
    message = data["tests"][1]["message"]
    assert "gradient check, relative error of your update per weight" in message
    assert "syn0: 0 of 12 weights wrong" in message   # the hidden layer's update is right ...
    assert "syn1: 4 of 4 weights wrong" in message    # ... the output layer's has its sign flipped
    assert "2.00" in message


def test_python2_habits_are_named(tmp_path, check_json):
    _, _, data = checked(tmp_path, check_json, SOLUTION.replace("range(iterations)", "xrange(iterations)"))
    assert "python2-xrange" in data["toynn"]["diagnoses"], data["toynn"]
    _, _, data = checked(tmp_path, check_json,
                         SOLUTION.replace("import numpy as np\n", 'import numpy as np\nprint "Error:"\n', 1))
    assert data["status"] == "error" and "python2-print" in data["toynn"]["diagnoses"], data


def test_float32_weights_are_named(tmp_path, check_json):
    source = SOLUTION.replace("syn0 = 2 * np.random.random((3, 4)) - 1",
                              "syn0 = (2 * np.random.random((3, 4)) - 1).astype(np.float32)")
    source = source.replace("syn1 = 2 * np.random.random((4, 1)) - 1",
                            "syn1 = (2 * np.random.random((4, 1)) - 1).astype(np.float32)")
    _, _, data = checked(tmp_path, check_json, source)
    assert data["status"] == "fail"
    assert data["toynn"]["diagnoses"] == ["float32"], data["toynn"]


def test_watch_and_the_gradebook_show_every_traced_line(tmp_path, check_json):
    path, code, data = checked(tmp_path, check_json, TWO_MISTAKES)
    import json
    verdict = parse("exercise3", path, code, json.dumps(data).encode(), b"")
    shown = [click.unstyle(line) for line in verdict_lines(verdict)]
    assert any("l2_delta = l2_error — slope missing from the delta" in ln for ln in shown), shown
    assert any("syn1 += 0.5 * l1.T.dot(l2_delta) — update scaled" in ln for ln in shown), shown
    book = Book("exercise3", [Entry("ann", verdict)], submissions=1)
    row = next(csv.DictReader(io.StringIO(gradebook.to_csv(book))))
    assert f"line {line_of(TWO_MISTAKES, 'l2_delta = l2_error')}: l2_delta = l2_error" in row["lines"]
    assert "0.5 * l1.T.dot(l2_delta)" in row["lines"]


def test_the_exercises_screen_draws_the_gradient_check_as_a_heatmap():
    from toynn_tui.widgets.checks import heat_row
    row = heat_row("  [[ 0.00  0.30  2.00]")
    styles = {row.plain[span.start:span.end]: str(span.style) for span in row.spans}
    assert styles == {"0.00": "bold black on green", "0.30": "bold black on yellow", "2.00": "bold white on red"}
    assert row.plain == "  [[ 0.00  0.30  2.00]"
