"""Hostile files against `toynn check`: each is an attack that worked before the sandbox.

Every case writes the attack as a student would and runs `toynn check` as a
learner would; the verdict is never a pass, nothing of the machine changes,
and nothing the file started is left running.
"""
from __future__ import annotations

import socket
import time
from pathlib import Path

import toynn_tui

PACKAGE = Path(toynn_tui.__file__).resolve().parent
REPO = PACKAGE.parent if (PACKAGE.parent / "solutions").is_dir() else Path(__file__).resolve().parents[2]
STUB3 = (REPO / "exercises" / "exercise3.py").read_text()
# where a student on the class machine would look for the reference answers
SOLUTION_FILES = [str(REPO / "solutions" / "exercise3.py"), str(PACKAGE / "_ladder" / "solutions" / "exercise3.py")]


def test_removing_the_import_guard_does_not_reach_the_engine(tmp_path, h):
    path = tmp_path / "exercise3.py"
    path.write_text(STUB3 + (   # after the stub: its train() is replaced
        "import sys\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != '_NoToynn']\n"
        f"sys.path[:0] = [{str(REPO)!r}, {str(PACKAGE.parent)!r}]\n"
        "from toynn_tui import engine\n"
        "def train(X, y, iterations=60000, seed=1):\n"
        "    return tuple(engine.train(X, y, 3, iterations, seed))\n"))
    code, data, _ = h.check_json("exercise3", path)
    assert code == 1 and data["status"] == "error", data
    assert "No module named 'toynn_tui'" in h.said(data)


def test_the_shipped_solution_cannot_be_read_from_disk(tmp_path, h):
    path = tmp_path / "exercise3.py"
    path.write_text(STUB3 + (
        "import os\n"
        f"for _p in {SOLUTION_FILES!r}:\n"
        "    if os.path.exists(_p):\n"
        "        exec(open(_p).read())\n"
        "        break\n"))
    code, data, _ = h.check_json("exercise3", path)
    assert code == 1 and data["status"] != "pass", data
    assert "not written yet" in h.said(data)
    assert data["toynn"]["flags"] and "exec" in data["toynn"]["flags"]   # and the teacher is told


def test_changing_x_and_replacing_numpys_comparisons_is_still_caught(tmp_path, h):
    path = tmp_path / "exercise1.py"
    path.write_text(
        "import numpy as np\n"
        "def nonlin(x, deriv=False):\n"
        "    np.array_equal = lambda *a, **k: True\n"
        "    np.allclose = lambda *a, **k: True\n"
        "    out = x * (1 - x) if deriv else 1 / (1 + np.exp(-x))\n"
        "    x += 1          # the input, changed in place\n"
        "    return out\n")
    code, data, _ = h.check_json("exercise1", path)
    assert code == 1, data
    by_name = {t["name"]: t for t in data["tests"]}
    assert by_name["the input array is left unchanged"]["status"] == "fail", data
    assert by_name["sigmoid of arrays of any shape"]["status"] == "pass"   # only that check fails


def test_nothing_is_written_into_the_installation(tmp_path, h):
    site = Path(np_file()).parent.parent
    targets = [site / "toynn_pwned.pth", PACKAGE / "toynn_pwned.py", PACKAGE / "checker" / "toynn_pwned.py",
               REPO / "toynn_pwned.txt"]
    path = tmp_path / "exercise3.py"
    path.write_text(h.at_top(
        f"for _p in {[str(t) for t in targets]!r}:\n"
        "    try:\n"
        "        open(_p, 'w').write('# a .pth here would run at every start of this Python\\n')\n"
        "    except OSError:\n"
        "        pass"))
    try:
        code, data, _ = h.check_json("exercise3", path)
        written = [str(t) for t in targets if t.exists()]
        assert written == [], written
        assert (code, data["status"]) == (0, "pass"), data   # the attack failed quietly; the net is right
    finally:
        for t in targets:
            t.unlink(missing_ok=True)


def np_file() -> str:
    import numpy
    return numpy.__file__


def test_no_network(tmp_path, h):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    path = tmp_path / "exercise3.py"
    path.write_text(h.in_train(
        "import socket\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'answers please')\n"
        "except OSError:\n"
        "    pass"))
    try:
        code, data, _ = h.check_json("exercise3", path)
        try:
            conn, _ = server.accept()
            conn.close()
            reached = True
        except (TimeoutError, socket.timeout):
            reached = False
    finally:
        server.close()
    assert not reached, "the learner's file connected to this machine"
    assert data["status"] == "pass", data   # it still gets graded on its numbers


def test_a_double_forked_daemon_dies_with_the_check(tmp_path, h):
    marker = tmp_path / "i-outlived-my-check"
    code, nap = h.daemon(f"time.sleep(2)\nopen({str(marker)!r}, 'w').write('still here')")
    path = tmp_path / "exercise3.py"
    path.write_text(h.at_top(code))
    code, data, took = h.check_json("exercise3", path)
    assert data["status"] == "pass", data    # the net itself is right
    time.sleep(3)
    assert not marker.exists(), "a process of the learner's outlived its check and wrote to the machine"
    assert h.processes_with(f"sleep {nap}") == []
    assert took < 10 + 5


def test_a_file_cannot_see_or_signal_its_checker(tmp_path, h):
    """Before the sandbox, a file killed its checker (found through /proc) and left no verdict."""
    path = tmp_path / "exercise1.py"
    path.write_text(
        "import os, signal\n"
        "for _pid in os.listdir('/proc'):\n"
        "    if _pid.isdigit() and int(_pid) != os.getpid():\n"
        "        try:\n"
        "            if b'toynn_tui' in open(f'/proc/{_pid}/cmdline', 'rb').read():\n"
        "                os.kill(int(_pid), signal.SIGKILL)\n"
        "        except OSError:\n"
        "            pass\n"
        "def nonlin(x, deriv=False):\n"
        "    return x\n")
    proc = h.toynn("check", "exercise1", "--file", str(path), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr    # a verdict, not a killed checker (-9)
    assert "checks pass" in proc.stdout


def test_escape_sequences_from_the_file_never_reach_the_terminal(tmp_path, h):
    path = tmp_path / "exercise3.py"
    path.write_text(h.in_train("print('\\x1b[2J\\x07')\nraise ValueError('\\x1b]0;pwned\\x07\\x1b[31m')"))
    proc = h.toynn("check", "exercise3", "--file", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout + proc.stderr
    assert "\\x1b]0;pwned\\x07" in proc.stdout   # shown, as text


def test_a_fifo_as_the_file_gets_a_verdict_not_a_hang(tmp_path, h):
    import os
    fifo = tmp_path / "exercise3.py"
    os.mkfifo(fifo)
    proc = h.toynn("check", "exercise3", "--file", str(fifo), cwd=tmp_path, timeout=60)
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
    assert "regular file" in proc.stdout + proc.stderr


def test_what_the_learners_process_can_see(tmp_path, h):
    """The isolation, measured by trying from inside: only Python, numpy, its own file and a scratch /tmp."""
    path = tmp_path / "exercise1.py"
    path.write_text(
        "import os, json, socket\n"
        "def _can_write(p):\n"
        "    try:\n"
        "        open(p, 'w').write('x'); return True\n"
        "    except OSError:\n"
        "        return False\n"
        "def nonlin(x, deriv=False):\n"
        "    seen = {\n"
        "        'root': sorted(os.listdir('/')),\n"
        f"        'repo': os.path.exists({str(REPO)!r}),\n"
        f"        'package': os.path.exists({str(PACKAGE)!r}),\n"
        f"        'submission_folder': os.path.exists({str(tmp_path)!r}),\n"
        "        'write_tmp': _can_write('/tmp/scratch.txt'),\n"
        "        'write_own_file': _can_write(__file__),\n"
        "        'uid': os.getuid(), 'pids': sorted(int(p) for p in os.listdir('/proc') if p.isdigit()),\n"
        "        'hostname': socket.gethostname(),\n"
        "    }\n"
        "    raise RuntimeError('SEEN' + json.dumps(seen) + 'END')\n")
    code, data, _ = h.check_json("exercise1", path)
    import json
    text = h.said(data)
    seen = json.loads(text.split("SEEN", 1)[1].split("END", 1)[0])
    assert seen["repo"] is False and seen["package"] is False and seen["submission_folder"] is False, seen
    assert seen["write_tmp"] is True and seen["write_own_file"] is False, seen
    assert seen["uid"] == 65534, seen
    assert max(seen["pids"]) < 10, seen      # its own pid namespace: a handful of processes
    assert set(seen["root"]) <= {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "proc", "dev",
                                 "tmp", "sandbox", "exercise", "root", "opt", "home"}, seen
