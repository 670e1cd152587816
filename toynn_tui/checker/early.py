"""Start the learner's child before pytest: its start-up and training overlap ours.

A check's wall time is at least the learner's own run. Without this, the child
started only when pytest reached the grading fixture, after pytest's import and
collection (about half a second here) - time in which the learner's code could
already have been training. So `session.grade` reads the exercise's PLAN from
its grading file, starts the child in a thread (`sandbox.run_plan` waits on a
process: the thread holds no CPU), imports pytest and collects while the child
runs, and the fixture then takes this run (`take`) instead of starting one. The
trusted references (`warm`) are computed in the fixture while the child still
trains, as before. `stop()` ends the child if grading ends without taking it
(Ctrl-C, a broken grading file).
"""
from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

from toynn_tui import procs
from toynn_tui.checker.sandbox import ChildRun


def load_plan(grading_file: Path):
    """The PLAN (inputs, names, calls) a grading file declares, read without pytest."""
    spec = importlib.util.spec_from_file_location(f"_toynn_plan_{grading_file.stem}", grading_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PLAN


class Early:
    """One child run, started now, handed to the fixture that asks for the same plan."""

    def __init__(self, job, plan) -> None:
        self.plan = plan
        self.run: ChildRun | None = None
        self.error: BaseException | None = None
        self._proc = None
        self._lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(target=self._work, args=(job,), name="toynn-early-child", daemon=True)
        self._thread.start()

    def _work(self, job) -> None:
        inputs, _, calls = self.plan
        try:
            self.run = job.run(inputs, calls, on_spawn=self._spawned)
        except BaseException as exc:   # reported to whoever takes the run
            self.error = exc

    def _spawned(self, proc) -> None:
        with self._lock:
            self._proc = proc
            if self._stopped:
                procs.kill(proc)

    def matches(self, plan) -> bool:
        inputs, names, calls = plan
        mine_inputs, mine_names, mine_calls = self.plan
        return sorted(inputs) == sorted(mine_inputs) and names == mine_names and calls == mine_calls

    def take(self, meanwhile=None) -> ChildRun:
        """The run, once the child is done; `meanwhile` (trusted work) runs first, while it trains."""
        if meanwhile is not None:
            meanwhile()
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.run

    def stop(self) -> None:
        """End the child if it still runs (grading ended without taking it)."""
        with self._lock:
            self._stopped = True
            if self._proc is not None:
                procs.kill(self._proc)
        self._thread.join(5)
