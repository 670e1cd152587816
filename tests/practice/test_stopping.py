"""Stopping a check (Ctrl-C, the backstop) also ends the learner's process the checker started.

The checker runs the learner's file in a grandchild that leads its own session,
out of reach of a kill of the checker's process group: killing only the checker
left that grandchild running (for ever, if it sleeps) and its temp folder behind.
These tests use the real checker on a file that sleeps for ever.
"""
import os
import subprocess
import time
from pathlib import Path

import pytest

from toynn_tui.practice import classroom
from toynn_tui.practice.runner import Verdict, check_command, child_env, run_check, stop

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the learner's process")

SLEEPY = "import time\nwhile True:\n    time.sleep(1)\n"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_for_learner(checker_pid: int, limit: float = 30.0) -> int:
    """The pid of the learner's process once the checker has started it."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        for pid in children(checker_pid):
            try:
                if b"child.py" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
            except OSError:
                pass
        time.sleep(0.05)
    raise AssertionError("the checker never started the learner's process")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def reap():
    """Pids to SIGKILL after the test should it fail and leave them running."""
    pids = []
    yield pids
    for pid in pids:
        try:
            os.kill(pid, 9)
        except OSError:
            pass


def test_stop_ends_the_learners_process_too(tmp_path, reap):
    f = tmp_path / "sleepy.py"
    f.write_text(SLEEPY)
    proc = subprocess.Popen(check_command("exercise1", f, 60), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_env(), start_new_session=True)
    reap.append(proc.pid)
    learner = wait_for_learner(proc.pid)
    reap.append(learner)
    t0 = time.monotonic()
    stop([proc])
    proc.communicate()
    assert time.monotonic() - t0 < 10
    assert not alive(learner)


def test_ctrl_c_while_grading_leaves_no_learner_process(tmp_path, reap):
    (tmp_path / "a_quick.py").write_text("x = 1\n")
    (tmp_path / "b_sleepy.py").write_text(SLEEPY)
    subs, _, _ = classroom.discover(tmp_path, "exercise1")
    learners = []

    def check(exercise, path, timeout=None, on_start=None):
        if path.name == "b_sleepy.py":
            def started(proc):
                reap.append(proc.pid)
                on_start(proc)
            return run_check(exercise, path, 60, on_start=started)
        # the quick student returns once the sleepy one's file is running
        deadline = time.monotonic() + 30
        while not reap and time.monotonic() < deadline:
            time.sleep(0.05)
        learners.append(wait_for_learner(reap[0]))
        reap.append(learners[0])
        return Verdict(exercise, str(path), "fail")

    def on_result(book, entry):
        raise KeyboardInterrupt  # Ctrl-C, once the first student is graded

    with pytest.raises(classroom.Interrupted) as stopped:
        classroom.grade(subs, "exercise1", jobs=2, on_result=on_result, check=check)
    assert stopped.value.book.not_graded == ["b_sleepy"]
    assert learners and not alive(learners[0])


def test_ctrl_c_while_workers_grade_leaves_no_learner_process_and_no_worker(tmp_path, reap):
    """The default `grade`: persistent checker workers. Ctrl-C stops them, and their learners' processes."""
    (tmp_path / "a_quick.py").write_text("x = 1\n")
    (tmp_path / "b_sleepy.py").write_text(SLEEPY)
    subs, _, _ = classroom.discover(tmp_path, "exercise1")
    workers, learners = [], []

    def on_result(book, entry):
        # Ctrl-C once the first student is graded and the sleepy one's file runs under the other worker
        deadline = time.monotonic() + 60
        while not learners and time.monotonic() < deadline:
            for pid in children(os.getpid()):
                try:
                    if b"toynn_tui.checker.worker" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                        continue
                except OSError:
                    continue
                if pid not in workers:
                    workers.append(pid)
                    reap.append(pid)
                for child in children(pid):
                    try:
                        if b"child.py" in Path(f"/proc/{child}/cmdline").read_bytes():
                            learners.append(child)
                            reap.append(child)
                    except OSError:
                        pass
            time.sleep(0.05)
        raise KeyboardInterrupt

    t0 = time.monotonic()
    with pytest.raises(classroom.Interrupted) as stopped:
        classroom.grade(subs, "exercise1", jobs=2, timeout=60, on_result=on_result)
    assert stopped.value.book.not_graded == ["b_sleepy"]
    assert [e.student for e in stopped.value.book.entries] == ["a_quick"]
    assert learners and not alive(learners[0])
    assert workers and not any(alive(pid) for pid in workers)
    assert time.monotonic() - t0 < 40   # far less than the 60 s the sleepy file may run
