"""The checker reads a learner's file as Python runs it: in the encoding it declares, from the graded
snapshot, and however deep it nests.

- `files.source_text` decodes as `python3 file.py` does (a coding line, a BOM, else strict UTF-8);
- the integrity scan and the lines a report quotes use it, so a `# -*- coding: utf-7 -*-` file
  cannot hide `import os` in what UTF-8 reads as a comment, nor show lines that did not run;
- the lines quoted are the snapshot's (the job's bytes), not the file's as it is on disk by now;
- a file nested deeper than the trusted parser follows gets no line, never a RecursionError.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toynn_tui.checker.files import NotSource, source_lines, source_text
from toynn_tui.checker.integrity import scan
from toynn_tui.checker.mistakes import ast_lines
from toynn_tui.checker.mistakes.lines import lines_for

REPO = Path(__file__).resolve().parents[2]
WRONG = REPO / "tests" / "checker" / "wrong"
SLOPE_MISSING = (WRONG / "exercise3__slope-missing.py").read_text()
FROM_INPUT = (WRONG / "exercise1__slope-from-input.py").read_text()
UTF7 = b"# -*- coding: utf-7 -*-\n"
HIDDEN_NEWLINE = b"+AAo-"   # UTF-7 for "\n": a line break that UTF-8 reads as part of a comment


def utf7(text: str, after: str, hidden: bytes) -> bytes:
    """`text` as a UTF-7 file, with `hidden` (raw UTF-7 bytes) inserted after the line `after`."""
    body = text.encode("utf-7")
    anchor = after.encode("utf-7") + b"\n"
    assert anchor in body
    return UTF7 + body.replace(anchor, anchor + hidden + b"\n", 1)


def test_a_utf7_cookie_does_not_hide_an_import_from_the_integrity_scan():
    data = utf7(SLOPE_MISSING, "import numpy as np", b"# see the notes" + HIDDEN_NEWLINE + b"import os")
    assert "\nimport os" not in data.decode("utf-8")        # read as UTF-8 it is in a comment
    assert "\nimport os\n" in source_text(data)              # what Python runs
    assert "os" in scan(data)


def test_the_lines_quoted_are_the_lines_python_runs_in_the_declared_encoding(tmp_path):
    """A hidden line break shifts every later line by one, and `+` is `+-` in UTF-7's bytes."""
    text = SLOPE_MISSING.replace("l2_delta = l2_error", "l2_delta = l2_error + 0", 1)
    data = utf7(text, "import numpy as np", b"# a" + HIDDEN_NEWLINE + b"# b")
    path = tmp_path / "exercise3.py"
    path.write_bytes(data)
    ran = source_lines(source_text(data))
    expected = next(n for n, line in enumerate(ran, 1) if line.strip() == "l2_delta = l2_error + 0")
    assert lines_for("slope-missing", path, data)[0] == f"exercise3.py:{expected}: l2_delta = l2_error + 0"


@pytest.mark.parametrize("data, text", [
    (b"x = 1\r\ny = 2\rz = 3\n", "x = 1\ny = 2\nz = 3\n"),        # line ends as Python reads them
    (b"\xef\xbb\xbfx = 1\n", "x = 1\n"),                          # a UTF-8 BOM
    (b"# coding: latin-1\nx = '\xe9'\n", "# coding: latin-1\nx = '\u00e9'\n"),
])
def test_source_text_decodes_as_python_does(data, text):
    assert source_text(data) == text


@pytest.mark.parametrize("data, line, words", [
    (b"import numpy as np\n\n# caf\xe9\n", 3, "not valid UTF-8 at line 3"),
    (b"x = 1\r# \xff\n", 2, "not valid UTF-8 at line 2"),
    (b"# caf\xe9\nx = 1\n", 1, "not valid UTF-8 at line 1"),          # where the coding line would be
    (b"# -*- coding: utf-7 -*-\nx = 1 + 2\n", 2, "not valid utf-7"),   # a bare + is not UTF-7
    (b"# -*- coding: no-such-codec -*-\n", 1, "unknown encoding"),
])
def test_bytes_python_refuses_to_decode_are_refused_with_their_line(tmp_path, data, line, words):
    path = tmp_path / "f.py"
    path.write_bytes(data)
    ran = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=30)
    assert ran.returncode != 0 and "SyntaxError" in ran.stderr   # `python3 f.py` refuses each of them
    with pytest.raises(NotSource) as refused:
        source_text(data)
    assert refused.value.line == line and words in str(refused.value)


def test_a_form_feed_is_no_line_break_for_python_nor_for_the_lines_quoted(tmp_path):
    text = SLOPE_MISSING.replace("import numpy as np\n", "import numpy as np\n\x0c# page two\n", 1)
    path = tmp_path / "exercise3.py"
    path.write_text(text)
    number = int(lines_for("slope-missing", path, text.encode())[0].split(":")[1])
    assert text.split("\n")[number - 1].strip() == "l2_delta = l2_error"


def test_the_lines_quoted_are_the_graded_snapshots_not_the_files_on_disk_by_now(tmp_path):
    path = tmp_path / "exercise3.py"
    path.write_text(SLOPE_MISSING)
    snapshot = path.read_bytes()
    path.write_text("\n" * 40 + SLOPE_MISSING.replace("l2_delta = l2_error", "l2_delta = l2_error  # edited"))
    graded = next(n for n, line in enumerate(SLOPE_MISSING.splitlines(), 1) if line.strip() == "l2_delta = l2_error")
    assert lines_for("slope-missing", path, snapshot)[0] == f"exercise3.py:{graded}: l2_delta = l2_error"


GRADE_WHILE_EDITED = """
import json, sys
from pathlib import Path
from toynn_tui.checker import session
path, edited = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes()
read = session.read_regular
def snapshot_then_save(file, *args):   # the learner saves again just after the checker read the file
    data = read(file, *args)
    Path(file).write_bytes(edited)
    return data
session.read_regular = snapshot_then_save
print(json.dumps([t.where for t in session.grade("exercise1", path, 20).tests]))
"""


def test_a_save_during_the_check_does_not_change_the_lines_the_report_quotes(tmp_path):
    """Graded through `session.grade` (in a process of its own, as `toynn check` runs it): the file
    is saved again right after its snapshot is taken; the report quotes the snapshot's lines."""
    path, edited = tmp_path / "exercise1.py", tmp_path / "edited.py"
    path.write_text(FROM_INPUT)
    edited.write_text("# saved again\n" * 5 + FROM_INPUT.replace("return nonlin(x) * (1 - nonlin(x))",
                                                               "return nonlin(x) - nonlin(x) ** 2"))
    proc = subprocess.run([sys.executable, "-c", GRADE_WHILE_EDITED, str(path), str(edited)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    quoted = [w for where in json.loads(proc.stdout) for w in where]
    graded = next(n for n, line in enumerate(FROM_INPUT.splitlines(), 1) if "nonlin(x) * (1 - nonlin(x))" in line)
    assert quoted and set(quoted) == {f"exercise1.py:{graded}: return nonlin(x) * (1 - nonlin(x))"}


DEEP_NOT = FROM_INPUT.replace("if deriv:", "if " + "not " * 990 + "deriv:", 1)   # 990 nots: deriv itself


def _at_depth(depth: int, call):
    """`call()` under `depth` more frames: the trusted side parses deep in pytest's stack."""
    return call() if depth == 0 else _at_depth(depth - 1, call)


def test_a_test_nested_a_thousand_deep_still_gets_its_line_and_no_recursion_error():
    compile(DEEP_NOT, "exercise1.py", "exec")   # Python runs it
    shown = _at_depth(100, lambda: ast_lines.deriv_branch(DEEP_NOT))
    assert [code for _, code in shown] == ["return nonlin(x) * (1 - nonlin(x))"]


@pytest.mark.parametrize("deep", [
    "_ = " + "-" * 990 + "1\n",                  # compiles at the child's depth, not always at ours
    "_ = " + "[" * 199 + "]" * 199 + "\n",
])
def test_a_file_nested_past_the_trusted_parser_gets_no_line_and_no_recursion_error(deep):
    source = FROM_INPUT.replace("import numpy as np\n", "import numpy as np\n" + deep, 1)
    for depth in (0, 400, 900):   # wherever in the stack the trusted side parses it
        assert isinstance(_at_depth(depth, lambda: ast_lines.deriv_branch(source)), list)
        assert isinstance(_at_depth(depth, lambda: ast_lines.in_place_writes(source, "nonlin", ["x"])), list)
        assert isinstance(_at_depth(depth, lambda: scan(source.encode())), list)
