"""`toynn check` in Chinese: the verdict is the catalogue's sentence, the line and the numbers are the same.

The report is composed by the `toynn check` process (a child of the test, as it is a child of
the TUI or of `toynn grade`), which follows TOYNN_LANG from its environment. It speaks through
the zh_CN catalogue the install compiled (tests/zh.py).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

babel = pytest.importorskip("babel", reason="Babel is in the test extra: pip install -e '.[test]'")
from babel.messages.catalog import Catalog  # noqa: E402

from tests import zh as zh_catalogue  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WRONG = ROOT / "tests" / "checker" / "wrong"
VERDICT = ("{passed} of {total} check passes.", "{passed} of {total} checks pass.")
AT = "at {where}"


@pytest.fixture(scope="module")
def zh() -> tuple[Path, Catalog]:
    """The folder of the installed zh_CN catalogue, and the catalogue."""
    return zh_catalogue.locale_dir(), zh_catalogue.catalogue()


def _check(file: Path, lang: str, locale_dir: Path) -> list[str]:
    env = {**os.environ, "TOYNN_LANG": lang, "TOYNN_LOCALE_DIR": str(locale_dir)}
    proc = subprocess.run([sys.executable, "-m", "toynn_tui", "check", "exercise1", "--file", str(file)],
                          cwd=file.parent, capture_output=True, text=True, timeout=120, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout.splitlines()


def _numbers(lines: list[str]) -> list[str]:
    return [n for ln in lines for n in re.findall(r"-?\d+(?:\.\d+)?", ln)]


def test_a_wrong_file_is_told_in_chinese_with_the_same_line_and_numbers(zh, tmp_path):
    folder, catalogue = zh
    file = tmp_path / "exercise1.py"
    file.write_bytes((WRONG / "exercise1__sigmoid-sign.py").read_bytes())
    english, chinese = _check(file, "en", folder), _check(file, "zh_CN", folder)

    assert english[-1] == "2 of 3 checks pass."
    verdict = catalogue.get(VERDICT).string
    verdict = verdict if isinstance(verdict, str) else verdict[0]
    assert chinese[-1] == verdict.format(passed=2, total=3)
    assert re.search(r"[\u4e00-\u9fff]", chinese[-1])

    # the mistake's line is named the same way, the catalogue's words around it
    where = next(ln.strip() for ln in english if ln.strip().startswith("at exercise1.py:"))
    assert where.startswith("at exercise1.py:8: ")
    said = catalogue.get(AT).string.format(where=where.removeprefix("at "))
    assert said in [ln.strip() for ln in chinese]
    # every number above the verdict (line numbers, expected vs yours) is the same, in the same order
    # (the verdict itself may order its two numbers as its language does: checked above)
    assert len(chinese) == len(english)
    assert _numbers(chinese[:-1]) == _numbers(english[:-1])


def test_the_sandbox_words_are_translated_where_read_and_the_learner_s_are_not(zh, monkeypatch):
    from toynn_tui.checker import wording
    folder, catalogue = zh
    ended = "it was stopped after the time limit of 6 s"   # as the sandbox makes it (and the JSON keeps it)
    assert wording.your_file(ended) == "your file was stopped after the time limit of 6 s"   # English: as before
    monkeypatch.setenv("TOYNN_LANG", "zh_CN")
    monkeypatch.setenv("TOYNN_LOCALE_DIR", str(folder))
    mine = catalogue.get("your file was stopped after the time limit of {seconds} s")
    if mine is not None:
        assert wording.your_file(ended) == mine.string.format(seconds="6")
    # a learner's own exception message is shown as they wrote it, even when it reads like ours
    assert wording.exception("ValueError", "returned None") == "returned None"
