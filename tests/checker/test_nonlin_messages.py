"""Exercise 1's messages as a learner meets them: `toynn check exercise1 --file F --json` on wrong nonlins.

A nonlin that writes into x must be told that it changed x (not "X or y") and be shown the line that
does it; a slope computed by applying the sigmoid again must be shown the deriv branch's lines only,
never the correct sigmoid line.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SIGMOID = "return 1 / (1 + np.exp(-x))"
INPUTS = "the input array is left unchanged"
SLOPE = "the slope, computed from a sigmoid output"


def _file(tmp_path: Path, body: str) -> Path:
    """exercise1.py with `body` as nonlin's lines (indented 4), as a learner's file looks."""
    path = tmp_path / "exercise1.py"
    lines = "".join(f"    {line}\n" if line else "\n" for line in body.strip("\n").splitlines())
    path.write_text(f"import numpy as np\n\n\ndef nonlin(x, deriv=False):\n{lines}")
    return path


def _failure(report: dict, name: str) -> tuple[str, list[str], str | None]:
    """(first line, the `at` lines, the mistake id) of the check called `name`, which must have failed."""
    index, test = next((i, t) for i, t in enumerate(report["tests"]) if t["name"] == name)
    assert test["status"] == "fail", test
    lines = test["message"].splitlines()
    where = [line[len("at "):] for line in lines if line.startswith("at ")]
    return test["message"], where, report["toynn"]["tests"][index]["diagnosis"]


def _line(path: Path, code: str) -> str:
    """`exercise1.py:N: code` for the one line of `path` that is `code`."""
    numbers = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if line.strip() == code]
    assert len(numbers) == 1, (code, numbers)
    return f"{path.name}:{numbers[0]}: {code}"


IN_PLACE = {
    "augmented": ("if deriv:\n    x *= (1 - x)\n    return x\n" + SIGMOID, "x *= (1 - x)"),
    "slice": ("if deriv:\n    x[:] = x * (1 - x)\n    return x\n" + SIGMOID, "x[:] = x * (1 - x)"),
    "out": ("if deriv:\n    np.multiply(x, 1 - x, out=x)\n    return x\n" + SIGMOID, "np.multiply(x, 1 - x, out=x)"),
}


@pytest.mark.parametrize("case", IN_PLACE)
def test_a_nonlin_writing_into_x_is_told_it_changed_x_at_that_line(tmp_path, check_json, case):
    body, code = IN_PLACE[case]
    path = _file(tmp_path, body)
    _, report = check_json("exercise1", path)
    message, where, diagnosis = _failure(report, INPUTS)
    assert diagnosis == "mutates-inputs"
    assert message.splitlines()[0] == "nonlin changed x in place"
    assert "changes x in place" in message and "X or y" not in message
    assert where == [_line(path, code)]


def test_no_line_is_named_when_the_source_has_no_in_place_write(tmp_path, check_json):
    """Changed through another name (an alias): the words hold, but no line is guessed."""
    path = _file(tmp_path, "if deriv:\n    s = x\n    s *= (1 - s)\n    return s\n" + SIGMOID)
    _, report = check_json("exercise1", path)
    message, where, _ = _failure(report, INPUTS)
    assert message.splitlines()[0] == "nonlin changed x in place" and where == []


SLOPE_FROM_INPUT = {
    "inside the branch": ("if deriv:\n    s = 1 / (1 + np.exp(-x))\n    return s * (1 - s)\n" + SIGMOID,
                          ["s = 1 / (1 + np.exp(-x))", "return s * (1 - s)"]),
    "a call of nonlin": ("if deriv:\n    return nonlin(x) * (1 - nonlin(x))\n" + SIGMOID,
                         ["return nonlin(x) * (1 - nonlin(x))"]),
    "written out": ("if deriv:\n    return 1 / (1 + np.exp(-x)) * (1 - 1 / (1 + np.exp(-x)))\n" + SIGMOID,
                    ["return 1 / (1 + np.exp(-x)) * (1 - 1 / (1 + np.exp(-x)))"]),
    "after the deriv test": ("if not deriv:\n    " + SIGMOID + "\nreturn nonlin(x) * (1 - nonlin(x))",
                             ["return nonlin(x) * (1 - nonlin(x))"]),
}


@pytest.mark.parametrize("case", SLOPE_FROM_INPUT)
def test_the_slope_from_the_input_names_the_deriv_branch_only(tmp_path, check_json, case):
    body, codes = SLOPE_FROM_INPUT[case]
    path = _file(tmp_path, body)
    _, report = check_json("exercise1", path)
    _, where, diagnosis = _failure(report, SLOPE)
    assert diagnosis == "slope-from-input"
    assert where == [_line(path, code) for code in codes]
    assert not any(w.endswith(SIGMOID) for w in where)


def test_a_sigmoid_shared_by_both_branches_is_not_named(tmp_path, check_json):
    """s computed once before the deriv test: the branch's slope line is named, the sigmoid's is not."""
    path = _file(tmp_path, "s = 1 / (1 + np.exp(-x))\nif deriv:\n    return s * (1 - s)\nreturn s")
    _, report = check_json("exercise1", path)
    _, where, diagnosis = _failure(report, SLOPE)
    assert diagnosis == "slope-from-input" and where == [_line(path, "return s * (1 - s)")]


def test_a_network_file_is_told_which_of_X_and_y_it_changed(tmp_path, check_json, repo):
    """The same mistake in exercise 2: the words name X (not "X or y") and the line that changes it."""
    source = (repo / "solutions" / "exercise2.py").read_text()
    path = tmp_path / "exercise2.py"
    path.write_text(source.replace("    np.random.seed(seed)\n", "    X[0, 0] = 7\n    np.random.seed(seed)\n", 1))
    _, report = check_json("exercise2", path)
    message, where, diagnosis = _failure(report, "X and y are left unchanged")
    assert diagnosis == "mutates-inputs" and message.splitlines()[0] == "train changed X in place"
    assert "changes X in place" in message and "X or y" not in message
    assert where == [_line(path, "X[0, 0] = 7")]
