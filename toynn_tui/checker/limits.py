"""The limits of one check, for everything the learner's file starts together: memory, processes, time.

An rlimit holds per process: a file could spread its memory over files in a
tmpfs, memfds and forked children, and a time limit per child was spent once
per child a check started. So a check owns one `CheckLimits`, shared by every
child it starts (`sandbox.run_plan`):
- one deadline: each child gets the time that is left, and a child that would
  start after it does not start;
- a cgroup of its own where the machine gives one (v2: a delegated subtree
  with the memory and pids controllers; v1: the memory and pids hierarchies,
  under our own cgroups): memory.max / memory.limit_in_bytes counts anonymous
  memory, tmpfs files (/dev/shm) and memfds of all its processes at once, and
  pids.max keeps a fork bomb from crowding out classmates graded beside it.
  Everything in it is killed after each child, and the cgroup is removed when
  the check ends; an OOM kill in it is the learner's "used more than the
  memory limit".
- without a writable cgroup, the walls per process (`rlimits`), and with
  bubblewrap a read-only /dev with a tiny /dev/shm (`launch`) and no forks
  (RLIMIT_NPROC set inside the sandbox's user namespace, where it counts only
  the sandbox's processes: the grader's own are never counted against it).
`walls()` says in words which of these held.
"""
from __future__ import annotations

import os
import resource
import time

from toynn_tui.checker.cgroup import MEMORY_LIMIT, PIDS_LIMIT, Cgroup  # noqa: F401  (the walls' sizes live there)

FILE_LIMIT = 8 << 20            # bytes any file the child writes may reach
NOFILE_LIMIT = 64               # descriptors per process: memfds and pipes held open are memory too
DEFAULT_TIMEOUT = 30.0          # seconds for the whole check; a correct exercise 3 needs about 1 s here
MEMORY_EXCEEDED = "it used more than the memory limit of 1 GiB"


def timed_out(seconds: float) -> str:
    return f"it was stopped after the time limit of {seconds:g} s"


class CheckLimits:
    """What one check may use, shared by every child it starts: one deadline, one cgroup (made at the
    first child). Owned by the check's run state (`job.RunState`); `close()` when the check ends."""

    def __init__(self, timeout: float | None = None, sandboxed: bool = False) -> None:
        self.seconds = DEFAULT_TIMEOUT if timeout is None else float(timeout)
        self.deadline = time.monotonic() + self.seconds
        self.sandboxed = sandboxed
        self.cgroup: Cgroup | None = None
        self._made = False
        self.ended = ""           # the first limit the file ran into (timed_out / MEMORY_EXCEEDED), "" if none
        self._ooms = 0
        self._walls = ""          # said once the check is over

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def start(self) -> None:
        """Before a child: the cgroup, made once per check."""
        if not self._made:
            self._made = True
            self.cgroup = Cgroup.make()

    def finish(self, ended: str) -> str:
        """After a child (every process of it killed): how it ended, in the limits' words; remembered."""
        if self.cgroup is not None:
            self.cgroup.kill_all()
            ooms = self.cgroup.ooms()
            if ooms > self._ooms:
                self._ooms, ended = ooms, MEMORY_EXCEEDED
        if ("time limit" in ended or ended == MEMORY_EXCEEDED) and not self.ended:
            self.ended = ended
        return ended

    def spent(self) -> str:
        """The reason a child is not started any more ("" while there is time left)."""
        if self.remaining() > 0:
            return ""
        if not self.ended:
            self.ended = timed_out(self.seconds)
        return self.ended

    def walls(self) -> str:
        """Which walls held, in words (the report and ChildRun say it)."""
        if self._walls:
            return self._walls
        if self.cgroup is not None:
            pids = f" and {PIDS_LIMIT} processes" if self.cgroup.pids is not None else ""
            return f"cgroup memory 1 GiB{pids} for the whole check"
        if self.sandboxed:
            forks = "no forks" if os.geteuid() != 0 else "forks unlimited (root)"
            return f"rlimits per process (memory 1 GiB, {NOFILE_LIMIT} files), a 1 MiB /dev/shm, {forks}"
        return f"rlimits per process (memory 1 GiB, {NOFILE_LIMIT} files)"

    def close(self) -> None:
        """Kill every process left in the cgroup and remove it (the words of `walls` stay)."""
        self._walls = self.walls()
        if self.cgroup is not None:
            self.cgroup.remove()
            self.cgroup = None


def rlimits(timeout: float):
    """The limits of each process we start (bwrap's child inherits them): the wall per process."""
    cpu = int(timeout) + 5

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (NOFILE_LIMIT, NOFILE_LIMIT))
    return apply
