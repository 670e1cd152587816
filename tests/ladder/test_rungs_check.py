"""The network rungs through `toynn check`, as a learner runs it: the reference solutions pass every
check, the stubs say "not written yet", and a file with one mistake gets it named on its line."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.checker.conftest import check_json, toynn
from toynn_tui import ladder
from toynn_tui.checker.mistakes import edits
from toynn_tui.checker.rungs import Rung
from toynn_tui.practice import rung_templates

REPO = Path(__file__).resolve().parents[2]
RUNGS = [ex for ex in ladder.load() if ex.rung]


def _first_own_edit(ex):
    """The rung's own first mistake (not one every rung shares)."""
    spec = Rung(ex).spec
    plain = spec.with_(alpha=None, bias=False, batch_size=None, clip=None, lam=None, dropout=None,
                       momentum=None, batchnorm=False)
    shared = {e.mistake.id for e in edits.for_spec(plain)} | {"alpha-one-layer", "alpha-bottom-missing",
                                                               "alpha-twice"}
    own = [e for e in edits.for_spec(spec) if e.mistake.id not in shared]
    return own[0] if own else edits.for_spec(spec)[-1]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """`toynn check --json` on every rung's solution, on a file with the rung's own first mistake,
    and on every third stub: run two at a time (each check is its own process), read by the tests."""
    folder = tmp_path_factory.mktemp("rungs")
    jobs = {}
    for ex in RUNGS:
        jobs["solution", ex.name] = (ex.name, REPO / "solutions" / ex.file)
        wrong = folder / ex.name / ex.file
        wrong.parent.mkdir()
        wrong.write_text(rung_templates.written(ex, _first_own_edit(ex).lines(Rung(ex).spec)))
        jobs["wrong", ex.name] = (ex.name, wrong)
    for ex in RUNGS[::3]:
        jobs["stub", ex.name] = (ex.name, REPO / "exercises" / ex.file)
    with ThreadPoolExecutor(2) as pool:
        answers = pool.map(lambda job: check_json(*job), jobs.values())
        return {key: (job[1], *answer) for (key, job), answer in zip(jobs.items(), answers)}


@pytest.mark.parametrize("ex", RUNGS, ids=lambda ex: ex.name)
def test_the_reference_solution_passes_every_check(ex, verdicts):
    _, code, report = verdicts["solution", ex.name]
    assert (code, report["status"]) == (0, "pass"), report["message"]
    assert [t["name"] for t in report["tests"]] == list(ex.checks)


@pytest.mark.parametrize("ex", RUNGS[::3], ids=lambda ex: ex.name)
def test_the_stub_is_not_written_yet(ex, verdicts):
    _, code, report = verdicts["stub", ex.name]
    assert code == 1 and report["status"] == "fail"
    assert "not written yet" in report["tests"][0]["message"]


@pytest.mark.parametrize("ex", RUNGS, ids=lambda ex: ex.name)
def test_a_mistake_is_named_on_its_line(ex, verdicts):
    spec = Rung(ex).spec
    edit = _first_own_edit(ex)
    wrong, code, report = verdicts["wrong", ex.name]
    assert code == 1 and report["status"] == "fail"
    assert edit.mistake.id in report["toynn"]["diagnoses"], report["message"]
    failing = next(t for t in report["toynn"]["tests"] if t["diagnosis"] == edit.mistake.id)
    source = wrong.read_text().splitlines()
    changed = {line.text for line in edit.lines(spec)} - {line.text for line in rung_templates.engine.loop(spec)}
    assert failing["lines"], "the trace names the line(s) of the mistake"
    for found in failing["lines"]:   # each line named is one the mistake changed, quoted as written
        if found["line"] is None:    # a dropped line: the report says no line does it
            assert not changed and found["code"].startswith("no line of the loop updates")
            continue
        assert source[found["line"] - 1].strip() == found["code"]
        assert found["code"] in changed or not changed, found
    if changed:   # an edit that only drops or moves lines may name none
        assert {f["code"] for f in failing["lines"]} & changed


def test_list_and_hint_cover_every_rung(tmp_path):
    assert toynn("init", str(tmp_path), cwd=tmp_path).returncode == 0
    proc = toynn("list", cwd=tmp_path)
    assert proc.returncode == 0
    for ex in ladder.load():
        assert ex.name in proc.stdout and ex.title in proc.stdout
    proc = toynn("hint", "exercise12", cwd=tmp_path)
    assert proc.returncode == 0 and ladder.get("exercise12").hints[0][:40] in proc.stdout


def test_a_guided_start_points_at_its_first_blank(tmp_path):
    assert toynn("init", str(tmp_path), cwd=tmp_path).returncode == 0
    proc = toynn("start", "exercise9", "--level", "guided", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    file = tmp_path / "exercises" / "exercise9.py"
    text = file.read_text()
    first_blank = next(i for i, line in enumerate(text.splitlines(), 1)
                       if line.strip().startswith("raise NotImplementedError("))
    code, report = check_json("exercise9", file)
    assert code == 1
    start = report["tests"][0]
    assert "not written yet" in start["message"]
    assert re.search(rf"exercise9\.py:{first_blank}\b", start["message"]), start["message"]


def test_a_size_written_as_4_is_named_where_the_sizes_change(tmp_path):
    wrong = tmp_path / "exercise4.py"
    wrong.write_text((REPO / "solutions" / "exercise4.py").read_text().replace(
        "np.random.random((hidden, y.shape[1]))", "np.random.random((4, y.shape[1]))"))
    assert wrong.read_text() != (REPO / "solutions" / "exercise4.py").read_text()
    code, report = check_json("exercise4", wrong)
    verdicts = {t["name"]: t for t in report["tests"]}
    assert verdicts["the run with the contract's defaults"]["status"] == "pass"   # hidden=4 hides it
    others = next(t for t in report["toynn"]["tests"] if t["diagnosis"])
    assert others["diagnosis"] == "size-hard-coded"


def test_a_mistake_that_raises_is_named_by_every_check_it_breaks(tmp_path):
    ex = ladder.get("exercise6")
    spec = Rung(ex).spec
    edit = next(e for e in edits.for_spec(spec) if e.mistake.id == "bias-not-summed")
    wrong = tmp_path / ex.file
    wrong.write_text(rung_templates.written(ex, edit.lines(spec)))
    code, report = check_json(ex.name, wrong)
    named = [t["diagnosis"] for t in report["toynn"]["tests"]]
    assert named[1:5] == ["bias-not-summed"] * 4   # step, defaults, others, learns: each raised it
    assert any(f["code"].startswith("b1 += ") for f in report["toynn"]["tests"][1]["lines"])


def test_weights_drawn_in_the_wrong_order_are_named(tmp_path):
    lines = (REPO / "solutions" / "exercise6.py").read_text().splitlines(keepends=True)
    draws = [i for i, line in enumerate(lines) if "= 2 * np.random.random(" in line]
    assert len(draws) == 2
    lines[draws[0]], lines[draws[1]] = lines[draws[1]], lines[draws[0]]   # syn1 drawn first
    wrong = tmp_path / "exercise6.py"
    wrong.write_text("".join(lines))
    code, report = check_json("exercise6", wrong)
    assert report["tests"][0]["status"] == "fail"
    assert report["toynn"]["tests"][0]["diagnosis"] == "draw-order-reversed"
