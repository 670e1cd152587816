"""A learner's file that kills the checker does not live on after it."""
import os
import signal
import subprocess
import sys
import time


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:   # a zombie waiting for its reaper counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_the_learners_process_dies_with_a_killed_checker(tmp_path):
    pidfile = tmp_path / "pid"
    learner = tmp_path / "exercise1.py"
    learner.write_text(
        "import os, signal, time\n"
        f"open({str(pidfile)!r}, 'w').write(str(os.getpid()))\n"
        "os.kill(os.getppid(), signal.SIGKILL)   # kill the checker\n"
        "time.sleep(60)                           # and outlive it, if we can\n")
    proc = subprocess.run([sys.executable, "-m", "toynn_tui", "check", "exercise1", "--file", str(learner)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL          # the checker was killed: no verdict, and no pass
    pid = int(pidfile.read_text())
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), "the learner's process outlived the checker"
