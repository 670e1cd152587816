"""`toynn start`: fresh files at a level; earlier work is archived, never overwritten."""
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from toynn_tui import ladder
from toynn_tui.practice import attempts
from toynn_tui.practice.workspace import exercise_file

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def test_start_in_an_empty_workspace_writes_the_file(tmp_path):
    done = attempts.start(tmp_path, "exercise2", "guided", T0)
    assert done.path == exercise_file(tmp_path, "exercise2") and done.kept is None and done.earlier == []
    assert done.path.read_text().startswith("# toynn attempt: exercise2, level guided, started 2026-11-25T09:00:00Z")


def test_earlier_work_is_archived_byte_for_byte_and_listed(tmp_path):
    mine = exercise_file(tmp_path, "exercise3")
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"# my own work\nsyn0 = 1\n")
    first = attempts.start(tmp_path, "exercise3", "guided", T0)
    assert first.kept.path.read_bytes() == b"# my own work\nsyn0 = 1\n"
    assert first.kept.level == "own" and first.kept.number == 1
    mine.write_text(mine.read_text() + "# more work\n")
    second = attempts.start(tmp_path, "exercise3", "blank", T0)
    assert second.kept.level == "guided" and "# more work" in second.kept.path.read_text()
    assert [a.number for a in second.earlier] == [1, 2]
    assert [a.level for a in second.earlier] == ["own", "guided"]
    assert first.kept.path.read_bytes() == b"# my own work\nsyn0 = 1\n"  # untouched


def test_an_archive_slot_already_taken_is_never_overwritten(tmp_path):
    attempts.start(tmp_path, "exercise1", "guided", T0)
    folder = tmp_path / ".toynn" / "attempts" / "exercise1"
    folder.mkdir(parents=True)
    (folder / "001-guided.py").write_text("someone else's\n")
    (folder / "notes.txt").write_text("not an attempt\n")
    done = attempts.start(tmp_path, "exercise1", "blank", T0)
    assert (folder / "001-guided.py").read_text() == "someone else's\n"
    assert done.kept.number == 2


def test_blank_keeps_the_contract_and_no_loop(tmp_path):
    text = attempts.start(tmp_path, "exercise3", "blank", T0).path.read_text()
    for line in ladder.get("exercise3").contract.splitlines():
        assert line.strip() in text
    assert "for _ in range" not in text and "___(" not in text
    assert "def train(X, y, iterations=60000, seed=1)" in text


def test_guided_keeps_the_skeleton_with_blanks(tmp_path):
    text = attempts.start(tmp_path, "exercise3", "guided", T0).path.read_text()
    assert "for _ in range(iterations)" in text and text.count("___(") >= 6
    assert "l1_delta" in text and "syn1" in text


@pytest.mark.parametrize("exercise", attempts.exercise_names())
@pytest.mark.parametrize("level", attempts.LEVELS)
def test_every_fresh_file_is_valid_python_and_untouched_says_not_written_yet(tmp_path, exercise, level):
    path = attempts.start(tmp_path, exercise, level, T0).path
    compile(path.read_text(), str(path), "exec")
    entry = "nonlin(np.array([0.0]))" if exercise == "exercise1" else "train(X, y)"
    code = (f"import runpy, numpy as np; g = runpy.run_path({str(path)!r}); "
            f"X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]); y = np.array([[0, 1, 1, 0]]).T; "
            f"g[{entry.split('(')[0]!r}](*([np.array([0.0])] if {exercise == 'exercise1'} else [X, y]))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "not written yet" in run.stderr


def test_unknown_level_or_exercise_touches_nothing(tmp_path):
    mine = exercise_file(tmp_path, "exercise1")
    mine.parent.mkdir(parents=True)
    mine.write_text("keep me\n")
    for ex, lvl in (("exercise1", "expert"), ("exercise9", "guided")):
        with pytest.raises(attempts.PracticeError):
            attempts.start(tmp_path, ex, lvl, T0)
    assert mine.read_text() == "keep me\n" and not (tmp_path / ".toynn").exists()


def test_templates_cover_the_whole_ladder():
    assert attempts.exercise_names() == [ex.name for ex in ladder.load()]


def test_the_untouched_stub_is_replaced_without_an_archive(tmp_path):
    stub = exercise_file(tmp_path, "exercise2")
    stub.parent.mkdir(parents=True)
    stub.write_bytes(ladder.get("exercise2").stub.read_bytes())   # as toynn init left it
    done = attempts.start(tmp_path, "exercise2", "guided", T0)
    assert done.kept is None and done.earlier == []                 # nothing of the learner's to keep
    stub.write_bytes(ladder.get("exercise2").stub.read_bytes() + b"# one line of mine\n")
    again = attempts.start(tmp_path, "exercise2", "blank", T0)
    assert again.kept is not None and again.kept.path.read_bytes().endswith(b"# one line of mine\n")
