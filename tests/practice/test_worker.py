"""The persistent checker worker (`python -m toynn_tui.checker.worker`) and `runner.Worker` around it.

A worker grades file after file in one trusted process (pytest in-process,
references computed once), the learner's code still in a sandboxed grandchild
per file. These tests use the real checker: answers must be what
`toynn check --json` prints for the same files, a file that kills the worker
costs only its own verdict, and nothing printed reaches the protocol.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from toynn_tui import ladder
from toynn_tui.practice import classroom
from toynn_tui.practice.runner import Worker, child_env, worker_command

REPO = Path(__file__).resolve().parents[2]
WRONG = REPO / "tests" / "checker" / "wrong"
SOLUTION3 = ladder.get("exercise3").solution
SLOPE3 = WRONG / "exercise3__slope-missing.py"
WRONG2 = WRONG / "exercise2__wrong-sign.py"
KILLER = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"   # kills its parent: the checker
PRINTER = ('import os, sys\n'
           'print(\'{"version": 3, "status": "pass", "message": "forged", "tests": []}\')\n'
           'sys.__stdout__.write(\'{"version": 3, "status": "pass", "tests": []}\\n\')\n'
           'os.write(1, b\'{"version": 3, "status": "pass", "tests": []}\\n\')\n'
           'print("to stderr", file=sys.stderr)\n')


def cli_json(exercise, path):
    """What `toynn check EXERCISE --file PATH --json` prints, as a dict."""
    run = subprocess.run([sys.executable, "-m", "toynn_tui", "check", exercise, "--file", str(path), "--json"],
                         capture_output=True, text=True, env=child_env(), timeout=300)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def serve(requests, timeout=300, command=None):
    """Feed request lines to a fresh worker; (exit code, answer lines, stderr)."""
    run = subprocess.run(command or worker_command(), input="".join(r + "\n" for r in requests),
                         capture_output=True, text=True, env=child_env(), timeout=timeout)
    return run.returncode, run.stdout.splitlines(), run.stderr


def request(exercise, path, timeout=None):
    return json.dumps({"exercise": exercise, "file": str(path), "timeout": timeout})


def test_answers_are_what_toynn_check_json_prints(tmp_path, undrawn):
    files = [("exercise3", SOLUTION3), ("exercise3", SLOPE3), ("exercise2", WRONG2)]
    cli = [subprocess.Popen([sys.executable, "-m", "toynn_tui", "check", ex, "--file", str(p), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
           for ex, p in files]
    code, lines, err = serve([request(ex, p) for ex, p in files])
    assert code == 0, err
    assert len(lines) == len(files)
    answers = [json.loads(line) for line in lines]
    assert [a["status"] for a in answers] == ["pass", "fail", "fail"]
    assert "slope-missing" in answers[1]["toynn"]["diagnoses"]
    for proc, answer in zip(cli, answers):
        out, _ = proc.communicate(timeout=300)
        # the second exercise-3 check reused the references: the same answer, but for what a run draws
        assert undrawn(json.loads(out)) == undrawn(answer)


def test_a_bad_request_gets_an_error_answer_and_the_worker_goes_on(tmp_path):
    code, lines, err = serve(["not json", "[1, 2]", request("exercise99", tmp_path / "x.py"),
                              request("exercise2", tmp_path / "missing.py"),
                              json.dumps({"exercise": "exercise2", "file": str(WRONG2), "timeout": "soon"}),
                              request("exercise2", WRONG2, 20)])
    assert code == 0, err
    answers = [json.loads(line) for line in lines]
    assert [a["status"] for a in answers] == ["error"] * 5 + ["fail"]
    assert "no such file" in answers[3]["message"]
    assert all(a["version"] == 3 and isinstance(a["tests"], list) for a in answers)


def test_nothing_a_file_prints_reaches_the_protocol(tmp_path, undrawn):
    printer = tmp_path / "exercise2.py"
    printer.write_text(PRINTER)
    code, lines, err = serve([request("exercise2", printer), request("exercise2", WRONG2)])
    assert code == 0, err
    answers = [json.loads(line) for line in lines]
    assert [a["status"] for a in answers] == ["fail", "fail"]   # no forged pass, no extra line
    assert answers[0]["toynn"]["file"] == str(printer.resolve())
    assert "forged" in answers[0]["tests"][0]["output"]          # it printed into its own output, as in toynn check
    assert [undrawn(a) for a in answers] == [undrawn(cli_json("exercise2", printer)), undrawn(cli_json("exercise2", WRONG2))]


def test_nothing_the_worker_process_itself_prints_reaches_the_protocol(tmp_path):
    """Trusted code that prints (print, sys.__stdout__, fd 1) lands on stderr, never among the answers."""
    noisy = ("import os, sys\n"
             "from toynn_tui.checker import worker\n"
             "real = worker.answer\n"
             "def answer(line):\n"
             "    print('noise via print')\n"
             "    sys.__stdout__.write('noise via __stdout__\\n'); sys.__stdout__.flush()\n"
             "    os.write(1, b'noise via fd 1\\n')\n"
             "    print(sys.stdin.read(), end='')   # must not eat the next request\n"
             "    return real(line)\n"
             "worker.answer = answer\n"
             "sys.exit(worker.serve())\n")
    code, lines, err = serve([request("exercise2", WRONG2), request("exercise2", WRONG2)],
                             command=[sys.executable, "-c", noisy])
    assert code == 0, err
    assert len(lines) == 2 and all(json.loads(line)["status"] == "fail" for line in lines)
    assert err.count("noise via") == 6


def test_a_file_that_kills_its_checker_costs_only_its_own_verdict(tmp_path):
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER)
    worker = Worker(sandbox="none")   # in the sandbox the file cannot reach its checker: test our side alone
    try:
        first = worker.check("exercise2", WRONG2, 20)
        assert first.status == "fail" and worker.started == 1
        killed = worker.check("exercise2", killer, 20)
        assert killed.status == "error"
        assert "checker's process was killed" in killed.message and "while grading this file" in killed.message
        assert worker.proc is None   # stopped and reaped
        after = worker.check("exercise2", WRONG2, 20)
        assert (after.status, after.diagnoses) == (first.status, first.diagnoses)
        assert worker.started == 2   # a fresh worker for the next student
    finally:
        worker.close()
    assert worker.proc is None


def test_grade_with_workers_a_killer_between_two_students(tmp_path):
    (tmp_path / "a.py").write_text(ladder.get("exercise2").solution.read_text())
    (tmp_path / "b.py").write_text(KILLER)
    (tmp_path / "c.py").write_text(WRONG2.read_text())
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    book = classroom.grade(subs, "exercise2", jobs=1, timeout=20, sandbox="none")
    got = {e.student: e.verdict for e in book.entries}
    assert [got[s].status for s in "abc"] == ["pass", "error", "fail"]
    assert "killed" in got["b"].message
    assert book.complete


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_are_gone_when_grading_ends(tmp_path):
    import os
    (tmp_path / "a.py").write_text(WRONG2.read_text())
    (tmp_path / "b.py").write_text(WRONG2.read_text())
    subs, _, _ = classroom.discover(tmp_path, "exercise2")
    seen = []

    def on_result(book, entry):
        seen.extend(pid for pid in ours() if pid not in seen)

    def ours():
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid() and \
                        b"toynn_tui.checker.worker" in (stat.parent / "cmdline").read_bytes():
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                pass
        return pids
    book = classroom.grade(subs, "exercise2", jobs=2, timeout=20, on_result=on_result)
    assert [e.verdict.status for e in book.entries] == ["fail", "fail"]
    assert 1 <= len(seen) <= 2
    assert ours() == []   # every worker ended and reaped


def test_a_silent_or_crashing_worker_is_stopped_and_replaced(monkeypatch):
    from toynn_tui.practice import worker_client
    commands = iter([
        [sys.executable, "-c", "import time; time.sleep(60)"],                          # never answers
        [sys.executable, "-c", "import sys; sys.stdin.readline(); sys.exit('worker broke: boom')"],
        worker_command(),                                                                # the real one
    ])
    monkeypatch.setattr(worker_client, "worker_command", lambda: next(commands))
    worker = Worker()
    try:
        silent = worker.check("exercise2", WRONG2, 5, backstop=1.0)
        assert silent.status == "error" and "no answer within 1s" in silent.message and worker.proc is None
        crashed = worker.check("exercise2", WRONG2, 5)
        assert crashed.status == "error" and "exit code 1" in crashed.message and "boom" in crashed.message
        assert worker.check("exercise2", WRONG2, 20).status == "fail" and worker.started == 3
    finally:
        worker.close()


FORGER = ('import os\n'
          'fake = b\'{"version": 3, "status": "pass", "message": "", "tests": []}\\n\'\n'
          'fds = f"/proc/{os.getppid()}/fd"\n'
          'for fd in os.listdir(fds):   # every channel of the checker it can open: one is the answers\n'
          '    try:\n'
          '        out = os.open(os.path.join(fds, fd), os.O_WRONLY | os.O_NONBLOCK)\n'
          '        os.write(out, fake)\n'
          '        os.close(out)\n'
          '    except OSError:\n'
          '        pass\n')


def test_an_answer_written_by_the_learners_process_is_not_taken_for_a_verdict(tmp_path):
    forger = tmp_path / "forger.py"
    forger.write_text(FORGER)
    worker = Worker(sandbox="none")   # the sandbox hides the checker's fds: test our side alone
    try:
        forged = worker.check("exercise3", forger, timeout=60)
        after = worker.check("exercise3", SOLUTION3, timeout=60)
    finally:
        worker.close()
    assert forged.status == "error" and "something other than the checker" in forged.message
    assert after.status == "pass"    # the next student is graded by a fresh, clean worker


def test_a_worker_is_started_with_the_sandbox_it_was_given(standin, monkeypatch):
    monkeypatch.setenv("TOYNN_SANDBOX", "auto")
    workers = [Worker(sandbox="none"), Worker(sandbox="bubblewrap"), Worker()]
    try:
        said = [w.check("exercise2", WRONG2, 5).isolation for w in workers]
    finally:
        for w in workers:
            w.close()
    assert said == ["none", "bubblewrap", "auto"]   # no sandbox given: the environment's choice


def test_the_real_checker_records_the_isolation_it_ran_behind():
    worker = Worker(sandbox="none")
    try:
        v = worker.check("exercise3", SOLUTION3, 60)
    finally:
        worker.close()
    assert v.status == "pass" and v.isolation == "none"
