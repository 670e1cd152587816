"""The runner files a teacher copies (docs/ci/), run here as far as they can be.

No GitHub runner or Slurm cluster here, so what they would run is run: the
GitHub Actions workflow's shell steps once per matrix value with the
variables the runner would set, its merge step on the files its artifact
steps name; the Slurm array script once per task id (from 0, so toynn's
normalisation by SLURM_ARRAY_TASK_MIN is exercised) and the merge script
after. Each class gradebook must equal an unsharded run's.
"""
import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CI = REPO / "docs" / "ci"
WORKFLOW = (CI / "github-actions-grade.yml").read_text()


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """A 4-student exercise2 class and its unsharded gradebook (whole.csv)."""
    root = tmp_path_factory.mktemp("ci")
    subs = root / "subs"
    subs.mkdir()
    for name in ("ann", "ben"):
        shutil.copy(REPO / "solutions/exercise2.py", subs / f"{name}.py")
    for mistake in ("wrong-sign", "slope-missing"):
        shutil.copy(REPO / f"tests/checker/wrong/exercise2__{mistake}.py", subs / f"{mistake}.py")
    run = subprocess.run([sys.executable, "-m", "toynn_tui", "grade", "subs", "-e", "exercise2", "-o", "whole.csv"],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return root


def env(**more):
    """This environment with toynn's own bin folder first on PATH, as an activated venv would have it."""
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "TOYNN_SHARD", "GITHUB_"))}
    return {**base, "PATH": path, **more}


def sh(script, cwd, args=(), **variables):
    return subprocess.Popen(["bash", "-e", *script, *args], cwd=cwd, env=env(**variables), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(procs):
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (out, err)


# -- GitHub Actions ----------------------------------------------------------------------
def step(name: str) -> dict:
    """A step of the workflow by its name: its `run:` block, and the `with:` keys of the action after it."""
    lines = WORKFLOW.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip() == f"- name: {name}")
    run = next(i for i in range(at, len(lines)) if lines[i].strip() == "run: |")
    indent = len(lines[run + 1]) - len(lines[run + 1].lstrip())
    block = []
    for ln in lines[run + 1:]:
        if ln.strip() and len(ln) - len(ln.lstrip()) < indent:
            break
        block.append(ln[indent:])
    return {"run": "\n".join(block), "then": next(ln.strip() for ln in lines[run + 1 + len(block):] if ln.strip())}


def upload_paths() -> list[str]:
    """The `path:` of each upload-artifact step, in order."""
    return re.findall(r"upload-artifact@v4\s+with:\s+name: .+\s+path: (.+)", WORKFLOW)


def test_the_workflow_uses_artifact_actions_v4_and_merges_what_it_uploaded():
    assert re.findall(r"uses: actions/(?:upload|download)-artifact@(\S+)", WORKFLOW) == ["v4"] * 3
    uploaded = re.search(r"name: (grades-shard-\$\{\{ matrix.shard \}\})", WORKFLOW).group(1)
    pattern = re.search(r"pattern: (\S+)", WORKFLOW).group(1)
    assert all(fnmatch.fnmatch(uploaded.replace("${{ matrix.shard }}", str(i)), pattern) for i in (1, 2, 3, 4))
    assert "merge-multiple: true" in WORKFLOW and "needs: grade" in WORKFLOW
    assert "TOYNN_SHARD: ${{ matrix.shard }}" in WORKFLOW and "TOYNN_SHARD_COUNT: ${{ strategy.job-total }}" in WORKFLOW
    assert "\t" not in WORKFLOW   # YAML forbids tabs for indentation


def test_the_workflows_steps_shard_and_merge_to_the_unsharded_gradebook(klass, tmp_path):
    matrix = [int(x) for x in re.search(r"shard: \[([\d, ]+)\]", WORKFLOW).group(1).split(",")]
    grade, merge = step("Grade this shard"), step("Merge the shards")
    assert "--shard auto" in grade["run"] and grade["then"] == "- uses: actions/upload-artifact@v4"
    shard_path, class_path = upload_paths()
    jobs = []
    for shard in matrix:   # one workspace per job, as each matrix job has its own runner
        work = tmp_path / f"job{shard}"
        shutil.copytree(klass / "subs", work / "subs")
        jobs.append(sh(["-c", grade["run"]], work, TOYNN_SHARD=str(shard), TOYNN_SHARD_COUNT=str(len(matrix)),
                       EXERCISE="exercise2", SUBMISSIONS="subs"))
    finish(jobs)
    merging = tmp_path / "merge"
    (merging / "shards").mkdir(parents=True)
    for shard in matrix:   # download-artifact with merge-multiple: every job's file in shards/
        shutil.copy(tmp_path / f"job{shard}" / shard_path.replace("${{ matrix.shard }}", str(shard)), merging / "shards")
    summary = tmp_path / "step-summary.md"
    finish([sh(["-c", merge["run"]], merging, GITHUB_STEP_SUMMARY=str(summary))])
    assert (merging / class_path / "grades.csv").read_text() == (klass / "whole.csv").read_text()
    assert {p.name for p in (merging / class_path).iterdir()} == {"grades.csv", "grades.json", "grades.xml"}
    assert "exercise2: graded 4 of 4 submissions" in summary.read_text()


def test_a_refused_merge_fails_the_workflows_step(tmp_path):
    (tmp_path / "shards").mkdir()
    proc = sh(["-c", step("Merge the shards")["run"]], tmp_path, GITHUB_STEP_SUMMARY=str(tmp_path / "s.md"))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and "not merged" in err   # despite the pipe into tee


# -- Slurm -------------------------------------------------------------------------------
def test_the_slurm_array_and_merge_scripts_give_the_unsharded_gradebook(klass, tmp_path):
    work = tmp_path / "cluster"
    shutil.copytree(klass / "subs", work / "subs")
    array = {"SLURM_ARRAY_JOB_ID": "4242", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2",
             "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_CPUS_PER_TASK": "1", "EXERCISE": "exercise2", "SUBMISSIONS": "subs"}
    finish([sh([str(CI / "slurm-grade.sh")], work, SLURM_ARRAY_TASK_ID=str(task), **array) for task in range(3)])
    grades = work / "grades" / "4242"
    assert sorted(p.name for p in grades.iterdir()) == ["shard-0.json", "shard-1.json", "shard-2.json"]
    finish([sh([str(CI / "slurm-merge.sh")], work, GRADES="grades/4242")])
    assert (grades / "class.csv").read_text() == (klass / "whole.csv").read_text()
    assert (grades / "class.json").exists() and (grades / "class.xml").exists()


def test_the_slurm_scripts_directives_come_before_any_command():
    for script in ("slurm-grade.sh", "slurm-merge.sh"):
        lines = (CI / script).read_text().splitlines()
        first_command = next(i for i, ln in enumerate(lines[1:], 1) if ln.strip() and not ln.startswith("#"))
        assert any(ln.startswith("#SBATCH") for ln in lines[:first_command])   # sbatch reads only those
        assert not any(ln.startswith("#SBATCH") for ln in lines[first_command:])
