"""The learner's lines a diagnosis points at are found by reading their file (never running it)."""
from pathlib import Path

from toynn_tui.checker.mistakes.lines import MAX_LINES, lines_for

WRONG = Path(__file__).parent / "wrong"


def shown(mistake_id: str, stem: str) -> list[str]:
    """The code part of each line `lines_for` picks ("file.py:N: code" -> "code")."""
    return [entry.split(": ", 1)[1] for entry in lines_for(mistake_id, WRONG / f"{stem}.py")]


def test_a_missing_slope_points_at_the_delta_lines():
    assert shown("slope-missing", "exercise3__slope-missing") == ["l2_delta = l2_error", "l1_delta = l1_error"]


def test_updating_syn1_first_shows_both_lines_in_the_files_order():
    assert shown("syn1-updated-first", "exercise3__syn1-updated-first") == [
        "syn1 += l1.T.dot(l2_delta)", "l1_error = l2_delta.dot(syn1.T)"]


def test_the_slope_from_the_input_points_at_nonlins_deriv_branch_only():
    """Never at the sigmoid's own line beside it (parsed, not matched: `ast_lines.deriv_branch`)."""
    assert shown("slope-from-input", "exercise1__slope-from-input") == ["return nonlin(x) * (1 - nonlin(x))"]
    assert shown("slope-from-input", "exercise3__slope-from-input") == ["s = 1 / (1 + np.exp(-x))", "return s * (1 - s)"]


def test_no_deriv_branch_line_for_a_right_slope_or_an_unparsable_file(tmp_path):
    right = tmp_path / "right.py"
    right.write_text("import numpy as np\n\ndef nonlin(x, deriv=False):\n    if deriv:\n        return x * (1 - x)\n"
                     "    return 1 / (1 + np.exp(-x))\n")
    assert lines_for("slope-from-input", right) == []      # the branch does not apply the sigmoid: not this mistake's
    broken = tmp_path / "broken.py"
    broken.write_text("def nonlin(x, deriv=False):\n    if deriv:\n        return nonlin(x) * (1 - nonlin(x)\n")
    assert lines_for("slope-from-input", broken) == []


def test_line_numbers_are_the_files_own():
    path = WRONG / "exercise2__wrong-sign.py"
    source = path.read_text().splitlines()
    for entry in lines_for("wrong-sign", path):
        name, number, code = entry.split(":", 2)
        assert name == path.name and source[int(number) - 1].strip() == code.strip()


def test_nothing_is_guessed_for_unknown_mistakes_other_names_or_unreadable_files(tmp_path):
    assert lines_for("not-finite", WRONG / "exercise3__slope-missing.py") == []
    assert lines_for(None, WRONG / "exercise3__slope-missing.py") == []
    other = tmp_path / "mine.py"
    other.write_text("def train(X, y, iterations=60000, seed=1):\n    delta = err\n    return w0, w1\n")
    assert lines_for("slope-missing", other) == []          # no *_delta = line: nothing shown
    assert lines_for("slope-missing", tmp_path / "missing.py") == []
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00def train():\n    l2_delta = 1\n")
    assert lines_for("slope-missing", binary) == []          # not a top-level def train: nothing inside


def test_at_most_a_few_lines(tmp_path):
    many = tmp_path / "many.py"
    many.write_text("def train(X, y):\n" + "".join(f"    syn0 += {i}\n" for i in range(20)))
    assert len(lines_for("wrong-sign", many)) == MAX_LINES
