"""`toynn grade --similarity`: disguised copies flagged, honest variants not, and no grade changed.

The class is built from bench/similarity's honest solutions (written independently)
and one disguised copy (bench_similarity.disguise: renamed locals, other comments and
spacing, the functions reordered). Grading goes through the stand-in worker (conftest.py).
"""
import csv
import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from toynn_tui.checker import launch
from toynn_tui.cli import main
from toynn_tui.practice import similarity

BENCH = Path(__file__).resolve().parents[2] / "bench"
HONEST = BENCH / "similarity" / "exercise2" / "honest"
sys.path.insert(0, str(BENCH))
from bench_similarity import disguise  # noqa: E402


@pytest.fixture
def klass(tmp_path, monkeypatch):
    monkeypatch.setattr(launch, "status", lambda: SimpleNamespace(ok=True, name="bubblewrap", why=""))
    subs = tmp_path / "subs"
    subs.mkdir()
    for name, src in (("ann", "h01"), ("bob", "h03"), ("cid", "h05"), ("dee", "h08"), ("eve", "h11")):
        (subs / f"{name}.py").write_text(f"# good\n{(HONEST / (src + '.py')).read_text()}")
    (subs / "fay.py").write_text(disguise((HONEST / "h03.py").read_text()) + "# <script>alert(1)</script>\n")
    return subs


def grade(*args):
    return CliRunner().invoke(main, ["grade", *map(str, args)], catch_exceptions=False)


def rows(path):
    return {r["student"]: r for r in csv.DictReader(io.StringIO(path.read_text()))}


def test_the_disguised_copy_is_flagged_and_the_honest_variants_are_not(klass):
    texts = {p.stem: p.read_text() for p in klass.iterdir()}
    report = similarity.compare_texts(texts, "exercise2")
    assert [(p.a, p.b) for p in report.flagged] == [("bob", "fay")]
    assert report.most_like["fay"][0] == "bob" and report.most_like["fay"][1] >= similarity.THRESHOLD
    honest = [s for s in texts if s not in ("bob", "fay")]
    assert all(report.most_like.get(s, ("", 0))[1] < similarity.THRESHOLD for s in honest)


def test_the_reference_answer_handed_in_twice_is_boilerplate_not_a_pair():
    ref = (Path(similarity.ladder_dir("solutions")) / "exercise2.py").read_text()
    report = similarity.compare_texts({"a": ref, "b": ref.replace("l1_error", "miss")}, "exercise2")
    assert report.flagged == [] and sorted(report.too_short) == ["a", "b"]


def test_the_column_and_the_summary(klass, tmp_path, standin):
    out = tmp_path / "g.csv"
    result = grade(klass, "-e", "exercise2", "-o", out, "-o", tmp_path / "g.json", "--similarity")
    assert result.exit_code == 0, result.output
    book = rows(out)
    assert book["fay"]["most_like"].startswith("bob, 0.") and book["bob"]["most_like"].startswith("fay, 0.")
    assert float(book["fay"]["most_like"].split(", ")[1]) >= similarity.THRESHOLD
    assert "Similar pairs above 0.68 (1), a signal to read, not a verdict:" in result.output
    assert "  bob ~ fay: 0." in result.output
    students = {s["student"]: s for s in json.loads((tmp_path / "g.json").read_text())["students"]}
    assert students["fay"]["most_like"] == book["fay"]["most_like"]


def test_no_grade_changes_with_similarity(klass, tmp_path, standin):
    grade(klass, "-e", "exercise2", "-o", tmp_path / "off.csv")
    grade(klass, "-e", "exercise2", "-o", tmp_path / "on.csv", "--similarity")
    off, on = rows(tmp_path / "off.csv"), rows(tmp_path / "on.csv")
    assert "most_like" not in next(iter(off.values()))   # without it, the gradebook is as it was
    for r in on.values():
        del r["most_like"]
    assert on == off


def test_the_html_report_shows_the_pair_side_by_side_escaped(klass, tmp_path, standin):
    page = tmp_path / "sim.html"
    result = grade(klass, "-e", "exercise2", "-o", tmp_path / "g.csv", "--similarity-report", page)
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert "<h2>bob ~ fay: 0." in text and "<th>bob</th><th>fay</th>" in text
    assert text.count("<td><pre>") == 2 and "<mark>" in text
    unmarked = text.replace("<mark>", "").replace("</mark>", "")
    assert "class Net:" in unmarked and "class q_" not in unmarked.split("<td>")[1]   # bob's code in his column
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert f"Similarity report: {page}" in result.output


def test_without_copydetect_only_similarity_fails_and_says_how(klass, tmp_path, standin, monkeypatch):
    monkeypatch.setitem(sys.modules, "copydetect", None)   # import copydetect raises ImportError
    result = grade(klass, "-e", "exercise2", "-o", tmp_path / "g.csv", "--similarity")
    assert result.exit_code == 2 and "pip install 'toynn[similarity]'" in result.output
    assert standin() == []
    assert grade(klass, "-e", "exercise2", "-o", tmp_path / "g.csv").exit_code == 0
