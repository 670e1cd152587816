"""`toynn grade` in Chinese: the teacher's summary is translated, the gradebooks are not.

The class is graded twice through the stand-in worker (conftest.py), once in
English and once with TOYNN_LANG=zh_CN, the zh_CN catalogue compiled here from
the .po files of the source tree (the catalogue and the translators' parts), so
the test needs no build. The CSV's columns, the JSON's keys and every
machine-read value must be the same in both runs; the summary printed for the
teacher must be the catalogue's Chinese.
"""
import csv
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests import zh
from toynn_tui.cli import main



@pytest.fixture
def zh_catalogue():
    """The installed zh_CN catalogue's folder, and msgid -> msgstr (tests/zh.py)."""
    return zh.locale_dir(), {m.id: m.string for m in zh.catalogue() if m.id and not m.context}


@pytest.fixture
def klass(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, text in (("ann", "good"), ("bea", "bad"), ("cid", "good\nimport os")):
        (subs / f"{name}.py").write_text(text)
    return subs


def graded(klass, out, monkeypatch, lang):
    monkeypatch.setenv("TOYNN_LANG", lang)
    run = CliRunner().invoke(main, ["grade", str(klass), "-e", "exercise2", "--no-sandbox",
                                    "-o", str(out / "g.csv"), "-o", str(out / "g.json")], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    return run, (out / "g.csv").read_text(), json.loads((out / "g.json").read_text())


def shape(doc):
    """The JSON's keys and machine-read values (statuses, counts, ids, flags), without the seconds taken."""
    if isinstance(doc, dict):
        return {k: shape(v) for k, v in doc.items() if k != "seconds"}
    if isinstance(doc, list):
        return [shape(v) for v in doc]
    return doc


def test_in_chinese_the_summary_is_translated_and_the_gradebook_columns_and_keys_are_not(
        klass, tmp_path, standin, monkeypatch, zh_catalogue):
    locale, zh = zh_catalogue
    en_out, zh_out = tmp_path / "en", tmp_path / "zh"
    en_out.mkdir(), zh_out.mkdir()
    en_run, en_csv, en_json = graded(klass, en_out, monkeypatch, "en")
    monkeypatch.setenv("TOYNN_LOCALE_DIR", str(locale))
    zh_run, zh_csv, zh_json = graded(klass, zh_out, monkeypatch, "zh_CN")

    header = "student,status,passed,total,diagnosis,message,isolation,flags,lines,score,points"
    assert en_csv.splitlines()[0] == zh_csv.splitlines()[0] == header
    en_rows, zh_rows = (list(csv.DictReader(io.StringIO(t))) for t in (en_csv, zh_csv))
    assert [(r["student"], r["status"], r["isolation"], r["flags"]) for r in zh_rows] == \
           [(r["student"], r["status"], r["isolation"], r["flags"]) for r in en_rows]
    assert shape(zh_json) == shape(en_json)   # every key, every id and status, in the same places
    assert zh_json["summary"]["pass"] == 2 and zh_json["summary"]["no_named_mistake"] == 1

    # The teacher's summary: English in the English run, the catalogue's Chinese in the other.
    assert "exercise2: graded 3 of 3 submissions" in en_run.stdout
    assert "Most common mistakes:" in en_run.stdout
    head = zh["{exercise}: graded {n} of {total} submissions"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in head)   # a translation, not the English again
    assert head.format(exercise="exercise2", n=3, total=3) in zh_run.stdout
    for msgid in ("Most common mistakes:",):
        assert zh[msgid] in zh_run.stdout
    assert "  " + zh["no named mistake: {n}"].format(n=1) in zh_run.stdout
    assert "  " + zh["{passed} of {n} pass, {failed} fail, {errors} could not be graded"].format(
        passed=2, n=3, failed=1, errors=0) in zh_run.stdout
    for english in ("graded 3 of 3", "Most common mistakes", "no named mistake", "Not isolated", "Gradebook:"):
        assert english not in zh_run.stdout, english
    assert "without the sandbox" not in zh_run.stderr and "沙箱" in zh_run.stderr


def test_grade_help_is_in_the_language_chosen_on_the_command_line(zh_catalogue):
    """click's help is built at import, so this needs a fresh process: the entry point fixes the language first."""
    locale, zh = zh_catalogue
    env = {**os.environ, "TOYNN_LANG": "en", "TOYNN_LOCALE_DIR": str(locale)}
    run = subprocess.run([sys.executable, "-m", "toynn_tui", "grade", "--help", "--lang", "zh_CN"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert zh["Which exercise the submissions answer."] in run.stdout
    assert "Which exercise the submissions answer." not in run.stdout
    assert "--exercise" in run.stdout and "--no-sandbox" in run.stdout   # option names stay as typed
    assert "Show this message and exit." in run.stdout   # click's own words are click's: English
