"""The file a toynn check grades (`Job`), and the state of one grading run (`RunState`).

One `RunState` per `session.grade`: the pytest plugin that runs the grading
files owns it and hands it to the grading fixture, as Exercism's test runner
keeps its run state in its plugin object. Nothing of a run lives in a module
global, so nothing of one check can leak into the next one in the same process.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toynn_tui.checker.limits import CheckLimits
from toynn_tui.checker.sandbox import ChildRun, run_plan


@dataclass(frozen=True)
class Job:
    exercise: str
    file: Path
    module: str
    timeout: float | None
    source: bytes = b""        # the file as read once, bounded: what runs, what is scanned and shown
    # the check's one time limit and memory wall, shared by every child it starts (None: one per child)
    limits: CheckLimits | None = None

    def run(self, inputs: dict, calls: list, meanwhile=None, on_spawn=None) -> ChildRun:
        """`calls` on this job's file (its snapshot), in the sandbox: `sandbox.run_plan`."""
        return run_plan(self.file, self.module, inputs, calls, self.timeout, meanwhile=meanwhile,
                        source=self.source, on_spawn=on_spawn, limits=self.limits)


class RunState:
    """What one grading run holds: the job, the child started before pytest (`early.Early`, taken
    at most once), and the child runs the fixtures hand back (the last one's printing is reported)."""

    def __init__(self, job: Job, early=None) -> None:
        self.job = job
        self._early = early
        self._runs: list[ChildRun] = []

    def take_early(self, plan, meanwhile=None) -> ChildRun | None:
        """The early child's run for `plan` (running `meanwhile` while it trains), or None when there is none."""
        found, self._early = self._early, None
        if found is None or not found.matches(plan):
            if found is not None:
                found.stop()
            return None
        return found.take(meanwhile)

    @property
    def limits(self) -> CheckLimits | None:
        """The check's limits (one deadline, one cgroup), which every child of this run shares."""
        return self.job.limits

    def remember(self, run: ChildRun) -> None:
        """A fixture's child run, for the learner's printed output."""
        self._runs.append(run)

    def last_run(self) -> ChildRun | None:
        return self._runs[-1] if self._runs else None

    def stop(self) -> None:
        """End the early child when nothing took it (Ctrl-C, a broken grading file): never leave it running."""
        found, self._early = self._early, None
        if found is not None:
            found.stop()
        if self.job.limits is not None:   # every process of the check killed, its cgroup removed
            self.job.limits.close()
