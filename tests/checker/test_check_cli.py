"""`toynn check/init/list/hint` as a learner uses them: verdicts, JSON, exit codes, no lost work."""
from __future__ import annotations

import json
import re
import os
import subprocess
import sys

import pytest

from toynn_tui import ladder
from toynn_tui.cli import main

EXERCISES = ["exercise1", "exercise2", "exercise3"]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_solution_passes_every_check_the_ladder_lists(check_json, repo, exercise):
    code, data = check_json(exercise, repo / "solutions" / f"{exercise}.py")
    assert code == 0 and data["status"] == "pass", data
    assert [t["name"] for t in data["tests"]] == list(ladder.get(exercise).checks)
    assert all(t["status"] == "pass" for t in data["tests"])


def test_human_report_of_a_pass(toynn, repo):
    proc = toynn("check", "exercise1", "--file", str(repo / "solutions" / "exercise1.py"), cwd=repo)
    assert proc.returncode == 0
    assert proc.stdout.count("✓") == 3 and "✗" not in proc.stdout
    assert proc.stdout.strip().endswith("All 3 checks pass.")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_untouched_stub_fails_with_not_written_yet(toynn, workspace, exercise):
    proc = toynn("check", exercise, cwd=workspace)   # default file: exercises/EXERCISE.py
    assert proc.returncode == 1
    assert "not written yet" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "0 of " in proc.stdout


def test_json_is_exercism_v3_with_toynn_block(check_json, repo, workspace):
    code, data = check_json("exercise3", repo / "solutions" / "exercise3.py")
    assert code == 0
    assert data["version"] == 3 and data["status"] == "pass"
    assert data["toynn"]["exercise"] == "exercise3" and data["toynn"]["diagnoses"] == []
    assert len(data["tests"]) >= 5
    for t in data["tests"]:
        # Exercism's keys, and only those: toynn's own per-test keys live in the toynn block
        assert set(t) == {"name", "status", "message", "output", "test_code", "task_id"} and t["status"] == "pass"
    assert [t["task_id"] for t in data["tests"]] == list(range(1, len(data["tests"]) + 1))
    codes = {t["name"]: t["test_code"] for t in data["tests"]}
    assert codes["starting parameters: shapes, range, seeded order"] == "train(X, y, iterations=0, seed=1)"
    assert "train(X, y, iterations=1, seed=1)" in codes["one update from your own starting parameters"]
    others = codes["another seed, other settings and another target"]
    # what the file does not have, drawn for this run (tests/hostile/test_forgery.py: new every run)
    assert re.match(r"y_other = \(np\.random\.RandomState\(\d+\)\.random_sample\(y\.shape\) < 0\.5\)", others)
    assert re.search(r"^train\(X, y_other, iterations=\d+, seed=\d+\)$", others, re.M)
    assert data["toynn"]["tests"] == [{"diagnosis": None, "hint": None, "lines": []}] * len(data["tests"])

    code, data = check_json("exercise3", workspace / "exercises" / "exercise3.py")
    assert code == 1 and data["status"] == "fail"
    assert all(t["status"] == "fail" for t in data["tests"])
    assert "not-written-yet" in data["toynn"]["diagnoses"]
    assert "not written yet" in data["tests"][0]["message"]
    assert data["toynn"]["tests"][0]["diagnosis"] == "not-written-yet" and data["toynn"]["tests"][0]["hint"]
    assert data["toynn"]["file"] == "exercise3.py"   # inside the current folder: relative to it


def test_json_names_the_file_relative_to_the_workspace(toynn, workspace, repo):
    proc = toynn("check", "exercise1", "--json", cwd=workspace)
    assert json.loads(proc.stdout)["toynn"]["file"] == "exercises/exercise1.py"
    outside = repo / "solutions" / "exercise1.py"   # not inside the current folder: named in full
    elsewhere = toynn("check", "exercise1", "--file", str(outside), "--json", cwd=workspace)
    assert json.loads(elsewhere.stdout)["toynn"]["file"] == str(outside)
    code = json.loads(proc.stdout)["tests"][0]["test_code"]
    assert code.splitlines() == ["A = np.linspace(-6, 6, 12).reshape(3, 4)",
                                 "V = np.array([-30.0, -1.0, 0.0, 0.5, 30.0])", "nonlin(A)", "nonlin(V)"]


def test_unknown_exercise_and_missing_file_are_usage_errors(toynn, tmp_path):
    proc = toynn("check", "exercise99", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown exercise 'exercise99'" in proc.stderr and "exercise1" in proc.stderr
    proc = toynn("check", "exercise1", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no such file" in proc.stderr and "toynn init" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_init_never_overwrites_a_learners_file(toynn, workspace):
    mine = workspace / "exercises" / "exercise1.py"
    mine.write_text("# my own work\n")
    proc = toynn("init", str(workspace), cwd=workspace)
    assert proc.returncode == 0
    assert mine.read_text() == "# my own work\n"
    assert f"kept    {mine}" in proc.stdout
    assert "created" not in proc.stdout


def test_list_shows_each_exercise_status(toynn, workspace):
    (workspace / "exercises" / "exercise2.py").write_text("# started\n")
    (workspace / "exercises" / "exercise3.py").unlink()
    out = toynn("list", cwd=workspace).stdout.splitlines()
    assert "exercise1" in out[0] and "not started" in out[0]
    assert "exercise2" in out[1] and "not checked" in out[1]
    assert "exercise3" in out[2] and "missing" in out[2]


def test_list_shows_the_last_verdict_until_the_file_changes(toynn, workspace, repo):
    exercises = workspace / "exercises"
    (exercises / "exercise1.py").write_text((repo / "solutions" / "exercise1.py").read_text())
    (exercises / "exercise2.py").write_text((repo / "tests/checker/wrong/exercise2__wrong-sign.py").read_text())
    assert toynn("check", "exercise1", cwd=workspace).returncode == 0
    assert toynn("check", "exercise2", cwd=workspace).returncode == 1
    out = toynn("list", cwd=workspace).stdout.splitlines()
    assert "passing 3/3" in out[0]
    assert "failing" in out[1] and "/6" in out[1]
    with open(exercises / "exercise1.py", "a") as f:
        f.write("# an edit after the check\n")
    assert "not checked" in toynn("list", cwd=workspace).stdout.splitlines()[0]


def test_hint_shows_one_more_each_call(toynn, workspace):
    hints, n = ladder.get("exercise3").hints, len(ladder.get("exercise3").hints)
    first = toynn("hint", "exercise3", cwd=workspace).stdout
    second = toynn("hint", "exercise3", cwd=workspace).stdout
    assert first.splitlines() == [f"Hint 1 of {n}: {hints[0]}"]   # the hint's text, not only its number
    assert second.splitlines() == [f"Hint 1 of {n}: {hints[0]}", f"Hint 2 of {n}: {hints[1]}"]
    one = ladder.get("exercise1").hints
    assert toynn("hint", "exercise1", cwd=workspace).stdout.splitlines() == [   # per exercise
        f"Hint 1 of {len(one)}: {one[0]}"]


def test_help_lists_every_command_with_its_whole_summary(tmp_path):
    for columns in ("80", "60"):   # click cuts a summary that does not fit with "..."
        env = {**os.environ, "COLUMNS": columns}
        out = subprocess.run([sys.executable, "-m", "toynn_tui", "--help"], cwd=tmp_path, env=env,
                             capture_output=True, text=True).stdout
        listed = out.split("Commands:", 1)[1]
        assert "..." not in listed, listed
        for name, cmd in main.commands.items():
            summary = cmd.get_short_help_str(limit=1000)
            assert summary.endswith(".") and name in listed, (name, summary)
            assert " ".join(summary.split()) in " ".join(listed.replace(f"  {name} ", " ").split()), (name, listed)


def test_init_help_says_what_it_creates_and_init_here_needs_no_cd(toynn, tmp_path):
    helped = " ".join(toynn("init", "--help", cwd=tmp_path).stdout.split())
    for ex in ladder.load():
        assert ex.file in helped, ex.file
    assert "exercises/" in helped and "never overwritten" in helped
    here = toynn("init", cwd=tmp_path)
    assert here.returncode == 0 and (tmp_path / "exercises" / "exercise1.py").is_file()
    assert here.stdout.splitlines()[-1] == "Next: toynn check exercise1"   # not "cd . && ..."
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"   # not inside the workspace just made
    elsewhere.mkdir()
    there = toynn("init", "my drills", cwd=elsewhere)
    assert there.stdout.splitlines()[-1] == "Next: cd 'my drills' && toynn check exercise1"
