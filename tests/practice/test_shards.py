"""`--shard I/N` and `--shard auto`: which students a shard holds, read from what a runner gives.

The split must be the same on every machine and every Python (a salted
`hash()` would split the class differently in each process), each student in
exactly one shard; `auto` must read GitHub Actions' (TOYNN_SHARD), Slurm's and
Kubernetes' variables with their own numbering, and refuse in one line what
it cannot use. The gradebook records the run, so merge can check the parts.
"""
import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from toynn_tui.checker import launch
from toynn_tui.cli import main
from toynn_tui.practice import shards
from toynn_tui.practice.shards import Shard


# -- I/N -------------------------------------------------------------------------------
def test_i_of_n_counts_from_one_and_refuses_what_does_not_exist():
    assert shards.parse("2/3") == Shard(2, 3) and shards.parse(" 3/3 ") == Shard(3, 3)
    for bad in ("0/3", "4/3", "1/0", "3", "a/b", "", "1/2/3"):
        with pytest.raises(ValueError):
            shards.parse(bad)


def test_the_split_is_pinned_and_does_not_depend_on_pythons_hash_seed():
    # sha256 of the name: these are the shards on every machine, today and after an upgrade
    pinned = {"alice": [1, 3, 1, 7], "bob": [2, 2, 2, 3], "Zoë": [2, 1, 4, 3], "李": [2, 3, 2, 3]}
    assert {n: [shards.shard_of(n, k) for k in (2, 3, 4, 7)] for n in pinned} == pinned
    code = "from toynn_tui.practice.shards import shard_of; print([shard_of(n, 7) for n in ('alice', 'bob', 'eve')])"
    seen = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout for seed in ("0", "1", "12345")}
    assert len(seen) == 1


def test_every_student_is_in_exactly_one_shard():
    class Sub:
        def __init__(self, student):
            self.student = student
    subs = [Sub(f"student{i:03d}") for i in range(200)]
    for n in (1, 2, 3, 5, 8):
        parts = [shards.select(subs, Shard(i, n)) for i in range(1, n + 1)]
        names = [s.student for part in parts for s in part]
        assert sorted(names) == sorted(s.student for s in subs)
        assert min(map(len, parts)) > 200 / n / 2   # no shard left nearly empty by the hash


# -- auto ------------------------------------------------------------------------------
@pytest.mark.parametrize("env, expected", [
    ({"TOYNN_SHARD": "2", "TOYNN_SHARD_COUNT": "4"}, Shard(2, 4)),   # a GitHub Actions matrix value
    ({"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"}, Shard(1, 3)),
    ({"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, Shard(3, 3)),
    ({"SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "3",
      "SLURM_ARRAY_TASK_MAX": "14", "SLURM_ARRAY_TASK_STEP": "2"}, Shard(3, 3)),          # --array=10-14:2
    ({"JOB_COMPLETION_INDEX": "0", "TOYNN_SHARD_COUNT": "5"}, Shard(1, 5)),             # Kubernetes, 0-based
    ({"TOYNN_SHARD": "1", "TOYNN_SHARD_COUNT": "2", "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "0",
      "SLURM_ARRAY_TASK_COUNT": "9"}, Shard(1, 2)),                                     # the explicit one wins
])
def test_auto_reads_each_runners_numbering(env, expected):
    shard, found = shards.from_env(env)
    assert shard == expected
    assert f"shard {expected}" in found and next(iter(env)) in found   # says what it used


@pytest.mark.parametrize("env, says", [
    ({}, "TOYNN_SHARD and TOYNN_SHARD_COUNT"),
    ({"TOYNN_SHARD": "2"}, "TOYNN_SHARD_COUNT is not"),
    ({"JOB_COMPLETION_INDEX": "1"}, "set TOYNN_SHARD_COUNT"),
    ({"SLURM_ARRAY_TASK_ID": "1"}, "SLURM_ARRAY_TASK_MIN is not"),
    ({"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3",
      "SLURM_ARRAY_TASK_MAX": "9"}, "not one range"),                                   # --array=1,5,9
    ({"TOYNN_SHARD": "5", "TOYNN_SHARD_COUNT": "4"}, "numbered 1 to 4"),
    ({"TOYNN_SHARD": "two", "TOYNN_SHARD_COUNT": "4"}, "not a whole number"),
])
def test_auto_refuses_in_one_line_what_it_cannot_use(env, says):
    with pytest.raises(ValueError) as err:
        shards.from_env(env)
    assert says in str(err.value) and "\n" not in str(err.value)


# -- the grading tests' digest ---------------------------------------------------------
def test_the_digest_changes_with_any_grading_test_and_only_with_them(tmp_path):
    copy = tmp_path / "grading"
    shutil.copytree(shards.GRADING_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert shards.grading_digest(copy) == shards.grading_digest()
    (copy / "__pycache__").mkdir(exist_ok=True)   # byte-code is not the tests
    assert shards.grading_digest(copy) == shards.grading_digest()
    with open(copy / "test_exercise2.py", "a") as f:
        f.write("\n# one more line\n")
    assert shards.grading_digest(copy) != shards.grading_digest()


# -- the command -----------------------------------------------------------------------
@pytest.fixture
def klass(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("alice", "bob", "carol", "dave"):
        (subs / f"{name}.py").write_text("good" if name < "c" else "bad")
    monkeypatch.setattr(launch, "status", lambda: type("S", (), {"ok": True, "name": "bubblewrap", "why": ""})())
    return subs


def test_auto_grades_only_its_shard_says_where_it_found_it_and_records_it(klass, tmp_path, standin):
    env = {"SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "3"}
    run = CliRunner(env=env).invoke(main, ["grade", str(klass), "-e", "exercise2", "--shard", "auto",
                                           "-o", str(tmp_path / "s3.json")], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert "--shard auto: shard 3/3 from SLURM_ARRAY_TASK_ID=6, SLURM_ARRAY_TASK_MIN=4" in run.stderr
    mine = [n for n in ("alice", "bob", "carol", "dave") if shards.shard_of(n, 3) == 3]
    assert mine == ["alice", "carol"]
    assert sorted(os.path.basename(f)[:-3] for f in standin()) == mine   # the others' code never ran
    doc = json.loads((tmp_path / "s3.json").read_text())
    assert [s["student"] for s in doc["students"]] == mine
    assert doc["shard"] == {"index": 3, "count": 3, "class_submissions": 4,
                            "roster": shards.roster(["alice", "bob", "carol", "dave"])}
    assert doc["toynn_version"] == shards.toynn_version() and doc["grading_tests"] == shards.grading_digest()
    assert "graded 2 of 2 submissions (shard 3/3: 4 in the class)" in run.stdout


def test_a_run_without_shard_records_one_of_one(klass, tmp_path, standin):
    run = CliRunner().invoke(main, ["grade", str(klass), "-e", "exercise2", "-o", str(tmp_path / "g.json")])
    assert run.exit_code == 0, run.output
    doc = json.loads((tmp_path / "g.json").read_text())
    assert doc["shard"]["index"] == doc["shard"]["count"] == 1 and len(doc["students"]) == 4


def test_an_empty_shard_still_writes_its_gradebook(klass, tmp_path, standin):
    # 4 students in 7 shards: some shard holds nobody, and merge needs its (empty) gradebook all the same
    empty = next(i for i in range(1, 8) if all(shards.shard_of(n, 7) != i for n in ("alice", "bob", "carol", "dave")))
    run = CliRunner().invoke(main, ["grade", str(klass), "-e", "exercise2", "--shard", f"{empty}/7",
                                    "-o", str(tmp_path / "e.json")])
    assert run.exit_code == 0, run.output
    doc = json.loads((tmp_path / "e.json").read_text())
    assert doc["students"] == [] and doc["complete"] is True and doc["shard"]["index"] == empty
    assert standin() == []


def test_a_bad_shard_is_a_usage_error_before_any_grading(klass, tmp_path, standin):
    run = CliRunner().invoke(main, ["grade", str(klass), "-e", "exercise2", "--shard", "3/2"])
    assert run.exit_code == 2 and "numbered 1 to 2" in run.stderr
    run = CliRunner(env={"TOYNN_SHARD": "1"}).invoke(main, ["grade", str(klass), "-e", "exercise2", "--shard", "auto"])
    assert run.exit_code == 2 and "TOYNN_SHARD_COUNT is not" in run.stderr
    assert standin() == []
