"""A checker killed from outside (kill -9 by a teacher, an out-of-memory killer) takes its learner's process along."""
import os
import signal
import subprocess
import sys
import time
import uuid


def test_the_learners_process_dies_with_a_killed_checker(tmp_path, h):
    name = f"probe_{uuid.uuid4().hex[:12]}.py"      # its path inside the sandbox names the process
    learner = tmp_path / name
    learner.write_text("import time\ntime.sleep(120)\n")
    checker = subprocess.Popen([sys.executable, "-m", "toynn_tui", "check", "exercise1", "--file", str(learner)],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not h.processes_with(f"/exercise/{name}") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert h.processes_with(f"/exercise/{name}"), "the learner's process never started"
        os.kill(checker.pid, signal.SIGKILL)
        checker.wait()
        deadline = time.monotonic() + 10
        while h.processes_with(f"/exercise/{name}") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert h.processes_with(f"/exercise/{name}") == [], "the learner's process outlived its checker"
    finally:
        if checker.poll() is None:
            checker.kill()
            checker.wait()
