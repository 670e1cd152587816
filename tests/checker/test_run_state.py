"""One grading run's state lives in one object (job.RunState), handed to the fixtures: no module globals."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from toynn_tui.checker import session
from toynn_tui.checker.harness import Results
from toynn_tui.checker.job import Job, RunState
from toynn_tui.checker.sandbox import Call, CallResult, ChildRun

WRONG = Path(__file__).parent / "wrong"


class _Early:
    """Stands in for early.Early: a run for one plan, stopped when nothing takes it."""

    def __init__(self, plan, run) -> None:
        self.plan, self.run, self.stopped = plan, run, False

    def matches(self, plan) -> bool:
        return plan == self.plan

    def take(self, meanwhile=None):
        if meanwhile is not None:
            meanwhile()
        return self.run

    def stop(self) -> None:
        self.stopped = True


def _run(*calls: CallResult) -> ChildRun:
    return ChildRun(CallResult("ok"), list(calls), "", 0, "normally", 0.0)


def test_the_early_child_is_taken_once_for_its_own_plan_and_stopped_otherwise():
    job = Job("exercise1", Path("exercise1.py"), "exercise1", None)
    child = _Early("plan", _run())
    state = RunState(job, child)
    warmed = []
    assert state.take_early("plan", meanwhile=lambda: warmed.append(1)) is child.run and warmed == [1]
    assert state.take_early("plan") is None                    # taken once: the next fixture starts its own
    other = _Early("plan", _run())
    assert RunState(job, other).take_early("another plan") is None and other.stopped
    untaken = _Early("plan", _run())
    RunState(job, untaken).stop()
    assert untaken.stopped


def test_the_runs_handed_back_are_the_states_own():
    first, second = RunState(Job("e", Path("a.py"), "a", None)), RunState(Job("e", Path("b.py"), "b", None))
    run = _run()
    first.remember(run)
    assert first.last_run() is run and second.last_run() is None


def test_a_lazy_call_runs_on_the_results_own_job():
    asked = []

    class Recording(Job):
        def run(self, inputs, calls, meanwhile=None, on_spawn=None):
            asked.append((self.file, calls))
            return _run(CallResult("ok", arrays=[np.zeros(1)]))

    job = Recording("exercise2", Path("mine.py"), "exercise2", 6.0)
    res = Results(_run(), [], job.file, job=job)
    call = Call("train", ("X", "y"), {"iterations": 3}, 1)
    assert res.lazy("trace", call, {}).status == "ok"
    res.lazy("trace", call, {})                                 # once per job
    assert asked == [(Path("mine.py"), [call])]


def test_no_run_state_in_module_globals_and_no_harness_to_session_import():
    assert not any(hasattr(session, name) for name in ("_JOB", "_EARLY", "_RUNS", "current", "take_early"))
    code = "import sys, toynn_tui.checker.harness, toynn_tui.checker.rungexplain; print('toynn_tui.checker.session' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_two_checks_in_one_process_each_report_their_own_file():
    """Graded one after the other in the same process: nothing of the first is left for the second."""
    wrong = session.grade("exercise1", WRONG / "exercise1__slope-formula.py")
    right = session.grade("exercise1", WRONG.parent.parent.parent / "solutions" / "exercise1.py")
    assert wrong.status == "fail" and right.status == "pass", (wrong.message, right.message)
