"""Hostile files against the limits of one whole check, not of one process.

Each limit used to hold per process: a file could spread its memory over
/dev/shm, memfds and forked children, and spend the time limit once per child
the checker started. Every attack here is measured from outside (the host's
/proc/meminfo sampled while `toynn check` runs, the wall time of the check),
whichever wall held on this machine (a cgroup, or the fallback: a tiny
/dev/shm, few descriptors, no forks); the report says which one it was.
"""
from __future__ import annotations

import json
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

GiB = 1 << 30
MiB = 1 << 20
LIMIT = GiB                  # the checker's memory limit for the whole check
FLOOD = LIMIT + 256 * MiB    # just over the limit: enough to see it hold, little to wait for


def _meminfo() -> dict[str, int]:
    out = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, value = line.split(":", 1)
            out[key] = int(value.split()[0]) * 1024
    return out


@contextmanager
def host_memory():
    """How far the host's shared memory rose and its available memory fell, sampled every 10 ms."""
    base = _meminfo()
    seen = {"shmem": 0, "used": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            now = _meminfo()
            seen["shmem"] = max(seen["shmem"], now["Shmem"] - base["Shmem"])
            seen["used"] = max(seen["used"], base["MemAvailable"] - now["MemAvailable"])
            time.sleep(0.01)
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        done.set()
        thread.join()


def _held_to_the_limit(data: dict, h) -> None:
    """Whichever wall held: no pass; when the memory limit was what stopped it, the learner is told so."""
    assert data["status"] != "pass", data
    walls = data["toynn"].get("limits") or ""
    assert walls, data["toynn"]     # the report names the wall
    if "memory" in (data["toynn"].get("ended") or ""):
        assert "used more than the memory limit of 1 GiB" in h.said(data), h.said(data)


def test_files_in_dev_shm_count_against_the_memory_limit(tmp_path, h):
    path = tmp_path / "exercise3.py"
    # each file stays under the file-size limit (8 MB); together they are over the memory limit
    path.write_text(h.at_top(
        f"for _n in range({FLOOD // (8 * MiB)}):\n"
        "    with open(f'/dev/shm/hoard{_n}', 'wb') as _f:\n"
        f"        _f.write(b'x' * {8 * MiB - 4096})"))
    with host_memory() as seen:
        code, data, _ = h.check_json("exercise3", path, timeout=30)
    assert seen["shmem"] < LIMIT, f"/dev/shm grew by {seen['shmem'] / GiB:.2f} GiB on the host"
    _held_to_the_limit(data, h)


def test_memfds_count_against_the_memory_limit(tmp_path, h):
    # each memfd stays under the file-size limit (8 MB); together they are over the memory limit
    path = tmp_path / "exercise3.py"
    path.write_text(h.at_top(
        "import os\n"
        "_kept = []\n"
        f"for _ in range({FLOOD // (8 * MiB)}):\n"
        "    _fd = os.memfd_create('hoard')\n"
        f"    os.write(_fd, b'x' * {8 * MiB - 4096})\n"
        "    _kept.append(_fd)"))
    with host_memory() as seen:
        code, data, _ = h.check_json("exercise3", path, timeout=30)
    assert seen["shmem"] < LIMIT, f"memfds held {seen['shmem'] / GiB:.2f} GiB on the host"
    _held_to_the_limit(data, h)


def test_forked_children_share_one_memory_limit(tmp_path, h):
    # the checker itself (pytest, numpy) takes some of the host's memory too: allow it 320 MB
    children, each = 4, 450 * MiB
    path = tmp_path / "exercise3.py"
    path.write_text(h.in_train(
        "import os, time\n"
        "_pids = []\n"
        f"for _ in range({children}):\n"
        "    try:\n"
        "        _pid = os.fork()\n"
        "    except OSError:\n"
        "        break\n"
        "    if _pid == 0:\n"
        f"        _hoard = b'x' * {each}\n"
        "        time.sleep(2)\n"
        "        os._exit(0)\n"
        "    _pids.append(_pid)\n"
        "for _pid in _pids:\n"
        "    os.waitpid(_pid, 0)"))
    with host_memory() as seen:
        code, data, _ = h.check_json("exercise3", path, timeout=30)
    walls = data["toynn"].get("limits") or ""
    if walls and "cgroup" not in walls and "no forks" not in walls:
        pytest.skip(f"no wall bounds forked children together here ({walls})")
    assert seen["used"] < LIMIT + 320 * MiB, f"the children took {seen['used'] / GiB:.2f} GiB of the host"
    _held_to_the_limit(data, h)


def _tasks() -> int:
    with open("/proc/loadavg") as f:
        return int(f.read().split()[3].split("/")[1])   # every thread of the host


def test_a_fork_bomb_is_held_to_a_few_processes(tmp_path, h):
    """Before, 2^11 processes of one file crowded out the classmates graded beside it."""
    nap = h.daemon("")[1]
    path = tmp_path / "exercise3.py"
    path.write_text(h.in_train(
        "import os\n"
        "for _ in range(11):\n"
        "    try:\n"
        "        os.fork()\n"
        "    except OSError:\n"
        "        break\n"
        f"os.execv('/bin/sleep', ['sleep', '{nap}'])"))
    base, peak, done = _tasks(), [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tasks() - base)
            time.sleep(0.01)
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        code, data, took = h.check_json("exercise3", path, timeout=5)
    finally:
        done.set()
        thread.join()
    assert data["status"] != "pass", data
    assert peak[0] < 100, f"the file ran {peak[0]} processes at once"
    assert took < 5 + 10, took
    time.sleep(1)
    assert h.processes_with(f"sleep {nap}") == [], "the fork bomb outlived its check"


SLOW_WHEN_TRACED = (   # fast on the grading run, asleep in every re-run that explains a wrong update
    "    import sys, time\n"
    "    if sys.gettrace() is not None:\n"
    "        time.sleep(100)\n")


def test_one_time_limit_covers_every_run_of_the_check(tmp_path, h):
    """Before, each child had the whole limit: a file asleep in the explanatory re-runs took 3x as long."""
    wrong = h.SOLUTION.replace("syn1 += l1.T.dot(l2_delta)", "syn1 -= l1.T.dot(l2_delta)")
    path = tmp_path / "exercise3.py"
    path.write_text(wrong.replace(h.TRAIN, h.TRAIN + SLOW_WHEN_TRACED, 1))
    budget = 4
    code, data, took = h.check_json("exercise3", path, timeout=budget)
    assert code == 1 and data["status"] != "pass", data
    assert took < budget + 5, f"the check took {took:.1f} s under a {budget} s limit"
    assert "time limit" in h.said(data), h.said(data)
    assert "time limit" in (data["toynn"].get("ended") or ""), data["toynn"]


def test_what_the_sandbox_tells_about_the_host(tmp_path, h):
    """The host's name and paths stay outside: a neutral hostname, no home or repo path in mountinfo.
    One bind keeps its host path: the interpreter's own prefix (a pyenv Python lives in a home folder),
    which Python finds its standard library by."""
    home = str(Path.home())
    secrets = sorted({home, str(h.REPO), sys.prefix, str(tmp_path)})
    interpreter = str(Path(sys.base_prefix).resolve())
    path = tmp_path / "exercise1.py"
    path.write_text(
        "import os, json\n"
        "def nonlin(x, deriv=False):\n"
        "    mounts = open('/proc/self/mountinfo').read().splitlines()\n"
        f"    leaks = [m for m in mounts if any(s in m for s in {secrets!r}) and {interpreter!r} not in m]\n"
        "    seen = {'hostname': os.uname().nodename, 'mounts': len(mounts), 'leaks': leaks[:3],\n"
        "            'dev': sorted(os.listdir('/dev'))}\n"
        "    raise RuntimeError('SEEN' + json.dumps(seen) + 'END')\n")
    code, data, _ = h.check_json("exercise1", path)
    text = h.said(data)
    seen = json.loads(text.split("SEEN", 1)[1].split("END", 1)[0])
    assert seen["hostname"] == "toynn", seen
    assert seen["leaks"] == [], seen
    assert 0 < seen["mounts"] < 40, seen
    assert set(seen["dev"]) <= {"core", "fd", "full", "null", "ptmx", "pts", "random", "shm", "stderr",
                                "stdin", "stdout", "tty", "urandom", "zero"}, seen
