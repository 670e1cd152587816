"""`toynn start`: fresh files at a level; earlier work is archived, never overwritten."""
import json
import os
import re
import stat
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
    folder.mkdir(parents=True, exist_ok=True)   # start made it already (its origin record)
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
    assert "for _ in range(iterations)" in text and text.count('raise NotImplementedError("') >= 6
    assert "l1_delta" in text and "syn1" in text


@pytest.mark.parametrize("exercise", attempts.exercise_names())
def test_guided_blanks_are_the_lines_to_replace_not_a_helper(tmp_path, exercise):
    # A `___()` helper that raised the error would make the checker point into the
    # helper and tell the learner to replace *its* raise line, which they must not edit.
    text = attempts.start(tmp_path, exercise, "guided", T0).path.read_text()
    assert "___" not in text and "def " + "_" not in text   # no helper of ours in the learner's file
    blanks = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("raise NotImplementedError")]
    assert len(blanks) >= 2 and all(re.fullmatch(r'raise NotImplementedError\(".+"\)', b) for b in blanks)


def checked(path, exercise):
    run = subprocess.run([sys.executable, "-m", "toynn_tui", "check", exercise, "--json", "--file", str(path)],
                         capture_output=True, text=True, timeout=300)
    return json.loads(run.stdout)


def test_the_checker_points_at_the_blank_to_fill_and_its_hint_fits(tmp_path):
    path = attempts.start(tmp_path, "exercise3", "guided", T0).path
    lines = path.read_text().splitlines()
    first = checked(path, "exercise3")["tests"][0]["message"]
    where = [ln for ln in first.splitlines() if ln.startswith("at exercise3.py:")]
    assert len(where) == 1   # only train's own line: no frame inside a helper
    number = int(where[0].split(":")[1])
    assert lines[number - 1].strip().startswith('raise NotImplementedError("syn0 = ')
    assert "Replace the `raise NotImplementedError` line" in first   # and that line is the blank
    # Fill the weights: the next blank named is l1's, inside the loop.
    filled = path.read_text()
    for blank, code in (("syn0 = ", "syn0 = 2*np.random.random((3, 4)) - 1"),
                        ("syn1 = ", "syn1 = 2*np.random.random((4, 1)) - 1")):
        filled = re.sub(r'raise NotImplementedError\("' + re.escape(blank) + r'.*"\)', code, filled)
    path.write_text(filled)
    report = checked(path, "exercise3")
    messages = "\n".join(t["message"] or "" for t in report["tests"])
    assert report["tests"][0]["status"] == "pass"
    assert 'raise NotImplementedError("l1 = hidden layer' in messages and "what" not in messages


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
    # guided: the blank's own raise says what to write there ("syn0 = first weights: ...")
    said = "NotImplementedError: " if level == "guided" else "not written yet"
    assert run.returncode != 0 and said in run.stderr


def test_unknown_level_or_exercise_touches_nothing(tmp_path):
    mine = exercise_file(tmp_path, "exercise1")
    mine.parent.mkdir(parents=True)
    mine.write_text("keep me\n")
    for ex, lvl in (("exercise1", "expert"), ("exercise99", "guided")):
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


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_fresh_file_keeps_the_mode_of_the_file_it_replaces_or_gets_the_umasks(tmp_path):
    # A private temp file renamed into place would leave the fresh file 0600.
    old = os.umask(0o022)
    try:
        fresh = attempts.start(tmp_path, "exercise1", "guided", T0).path
        assert mode(fresh) == 0o644
        os.chmod(fresh, 0o664)   # shared with a group, say
        fresh.write_text(fresh.read_text() + "# mine\n")
        again = attempts.start(tmp_path, "exercise1", "blank", T0)
        assert mode(again.path) == 0o664 and mode(again.kept.path) == 0o644
    finally:
        os.umask(old)


def test_archives_say_where_they_came_from_even_without_the_header(tmp_path):
    # A file rewritten whole (header gone) must not be listed as "your own file".
    mine = exercise_file(tmp_path, "exercise2")
    mine.parent.mkdir(parents=True)
    mine.write_text("# written before toynn start\n")
    attempts.start(tmp_path, "exercise2", "guided", T0)                        # archives 001 (own)
    mine.write_text("def train(X, y, iterations=10000, seed=1):\n    pass\n")   # header gone
    later = T0.replace(hour=10)
    attempts.start(tmp_path, "exercise2", "blank", later, origin="drill")      # archives 002 (start)
    mine.write_text("# rewritten whole during the drill\n")
    done = attempts.start(tmp_path, "exercise2", "guided", T0.replace(hour=11))  # archives 003 (drill)
    got = [(a.number, a.origin, a.level, a.started) for a in done.earlier]
    assert got == [(1, "own", "own", None),
                   (2, "start", "guided", "2026-11-25T09:00:00Z"),
                   (3, "drill", "blank", "2026-11-25T10:00:00Z")]
    assert [a.path.name for a in done.earlier] == ["001-own.py", "002-guided.py", "003-blank.py"]
    assert done.earlier[2].path.read_text() == "# rewritten whole during the drill\n"   # byte for byte


def test_a_kept_header_names_the_attempt_even_if_the_record_is_lost(tmp_path):
    attempts.start(tmp_path, "exercise1", "blank", T0, origin="drill")
    (tmp_path / ".toynn" / "attempts" / "exercise1" / "current.json").unlink()
    mine = exercise_file(tmp_path, "exercise1")
    mine.write_text(mine.read_text() + "# mine\n")
    kept = attempts.start(tmp_path, "exercise1", "guided", T0).kept
    assert (kept.origin, kept.level, kept.started) == ("start", "blank", "2026-11-25T09:00:00Z")
