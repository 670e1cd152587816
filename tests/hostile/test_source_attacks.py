"""Attacks through the bytes of the source itself, through `toynn check` as a learner runs it.

The trusted side must read the file as Python runs it: a coding line that makes
UTF-8 see a comment where Python sees `import os`, a stray byte Python refuses
(a check must never pass a file `python3 file.py` will not run), nesting deep
enough to overflow a recursive reader of the tree.
"""
from __future__ import annotations

REPO_WRONG = "tests/checker/wrong/exercise1__slope-from-input.py"


def test_a_utf7_coding_line_cannot_hide_import_os_from_the_integrity_flags(h, tmp_path):
    body = h.SOLUTION.encode("utf-7")
    hidden = b"# see the notes+AAo-import os+AAo-os.getpid()\n"   # UTF-8 reads one comment line
    f = tmp_path / "exercise3.py"
    f.write_bytes(b"# -*- coding: utf-7 -*-\n" + body.replace(b"import numpy as np\n",
                                                             b"import numpy as np\n" + hidden, 1))
    code, data, _ = h.check_json("exercise3", f)
    assert "os" in data["toynn"]["flags"], data["toynn"]["flags"]


def test_a_stray_byte_in_a_comment_fails_as_python_refuses_to_run_it(h, tmp_path):
    f = tmp_path / "exercise3.py"
    f.write_bytes(h.SOLUTION.encode().replace(b"import numpy as np\n", b"import numpy as np\n# caf\xe9\n", 1))
    code, data, _ = h.check_json("exercise3", f)
    assert code == 1 and data["status"] == "fail"
    assert "your file is not valid UTF-8 at line 3" in h.said(data)
    proc = h.toynn("check", "exercise3", "--file", str(f), cwd=tmp_path)
    assert "not valid UTF-8 at line 3" in proc.stdout and "exercise3.py:3:" in proc.stdout


def test_a_not_nested_a_thousand_deep_gets_a_verdict_not_a_traceback(h, tmp_path):
    source = (h.REPO / REPO_WRONG).read_text()
    f = tmp_path / "exercise1.py"
    f.write_text(source.replace("if deriv:", "if " + "not " * 990 + "deriv:", 1))   # an even count: deriv
    code, data, _ = h.check_json("exercise1", f)   # asserts no Traceback on stderr
    assert data["status"] == "fail" and "slope-from-input" in data["toynn"]["diagnoses"]
    assert "return nonlin(x) * (1 - nonlin(x))" in h.said(data)


def _nested_ifs(count: int) -> str:
    """`count` nested if statements, one space of indent each (the file stays under the size limit)."""
    return "".join(" " * (i + 1) + f"if x > {i}:\n" for i in range(count)) + " " * (count + 1) + "pass\n"


def test_nesting_python_cannot_compile_gets_a_readable_reason(h, tmp_path):
    """Nesting past the parser's own limits: the learner reads why, never a traceback."""
    cases = {
        "parentheses": "_ = " + "(" * 300 + "1" + ")" * 300 + "\n",
        "lists": "_ = " + "[" * 300 + "]" * 300 + "\n",
        "ifs": "def deep(x):\n" + _nested_ifs(1200),
        "negations": "_ = " + "-" * 5000 + "1\n",
    }
    for name, code_text in cases.items():
        f = tmp_path / name / "exercise3.py"
        f.parent.mkdir()
        f.write_text(h.at_top(code_text))
        code, data, _ = h.check_json("exercise3", f)
        assert code == 1 and data["status"] in ("fail", "error"), name
        words = h.said(data)
        assert "Traceback" not in words and data["message"].strip(), (name, words)
        assert any(why in data["message"] for why in ("Error", "parse", "nest", "deep")), (name, words)


DEEP_BUT_COMPILES = "_ = " + "1 if len(__name__) < 0 else " * 2000 + "1\n"   # 2000 nested conditionals


def test_a_file_that_compiles_nested_2000_deep_is_graded_like_any_other(h, tmp_path):
    compile(DEEP_BUT_COMPILES, "deep.py", "exec")   # Python runs it
    right = tmp_path / "right" / "exercise3.py"
    right.parent.mkdir()
    right.write_text(h.at_top(DEEP_BUT_COMPILES))
    code, data, _ = h.check_json("exercise3", right)
    assert code == 0 and data["status"] == "pass", h.said(data)
    wrong = tmp_path / "wrong" / "exercise1.py"
    wrong.parent.mkdir()
    source = (h.REPO / REPO_WRONG).read_text()
    wrong.write_text(source.replace("import numpy as np\n", "import numpy as np\n" + DEEP_BUT_COMPILES, 1))
    code, data, _ = h.check_json("exercise1", wrong)
    assert data["status"] == "fail" and "slope-from-input" in data["toynn"]["diagnoses"], h.said(data)
