"""One check's cgroup: the memory and pids walls every process the learner's file starts shares.

`limits.CheckLimits` makes one per check where the machine gives a writable cgroup (v2: a
delegated subtree with the memory and pids controllers; v1: the memory and pids hierarchies,
under our own cgroups), kills everything in it after each child and removes it when the
check ends. memory.max / memory.limit_in_bytes counts anonymous memory, tmpfs files and
memfds of all its processes at once; pids.max keeps a fork bomb from crowding out classmates.
"""
from __future__ import annotations

import os
import secrets
import signal
import time
from pathlib import Path

MEMORY_LIMIT = 1 << 30          # bytes the learner's processes may hold together (per process without a cgroup)
PIDS_LIMIT = 64                 # processes (and threads) of one check at once


class Cgroup:
    """One cgroup (a dir per v1 hierarchy, or one v2 dir) with the memory and pids limits set."""

    def __init__(self, dirs: dict[str, Path], v2: bool) -> None:
        self.dirs, self.v2 = dirs, v2    # controller ("memory", "pids"; "" for v2) -> its folder
        self._procs = [str(d / "cgroup.procs") for d in dict.fromkeys(dirs.values())]

    @classmethod
    def make(cls) -> "Cgroup | None":
        """A fresh cgroup under our own, or None when the machine gives us none to write."""
        name = f"toynn-{os.getpid()}-{secrets.token_hex(4)}"
        for make in (_make_v2, _make_v1):
            try:
                found = make(name)
            except OSError:
                found = None
            if found is not None:
                found.sweep()
                return found
        return None

    def sweep(self) -> None:
        """Remove the cgroups beside ours left by a checker that was killed (kill -9 cleans nothing up)."""
        for parent in {d.parent for d in self.dirs.values()}:
            for old in parent.glob("toynn-*-*"):
                pid = old.name.split("-")[1]
                if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                    Cgroup({"": old}, v2=True).remove()

    @property
    def memory(self) -> Path | None:
        return self.dirs.get("" if self.v2 else "memory")

    @property
    def pids(self) -> Path | None:
        return self.dirs.get("" if self.v2 else "pids")

    def enter(self) -> None:
        """Move this process in (called in the child between fork and exec: no allocation-heavy work)."""
        me = str(os.getpid()).encode()
        for path in self._procs:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, me)
            finally:
                os.close(fd)

    def ooms(self) -> int:
        """How many times the kernel killed a process in it for want of memory."""
        if self.memory is None:
            return 0
        stats = _keyed(self.memory / ("memory.events" if self.v2 else "memory.oom_control"))
        return stats.get("oom_kill", 0)

    def peak(self) -> int | None:
        """The most memory its processes held at once (bytes), where the kernel keeps it."""
        if self.memory is None:
            return None
        return _number(self.memory / ("memory.peak" if self.v2 else "memory.max_usage_in_bytes"))

    def kill_all(self, patience: float = 5.0) -> None:
        """SIGKILL every process in it until none is left (a learner's process cannot leave it)."""
        if self.v2 and self.memory is not None and (self.memory / "cgroup.kill").exists():
            _write(self.memory / "cgroup.kill", "1")
        end = time.monotonic() + patience
        while time.monotonic() < end:
            pids = {int(p) for path in self._procs for p in _read(Path(path)).split() if p.isdigit()}
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        """Kill what is left in it and remove it (the kernel may need a moment to let go of the dead)."""
        self.kill_all()
        for d in dict.fromkeys(self.dirs.values()):
            for _ in range(100):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def _make_v2(name: str) -> Cgroup | None:
    own = _own().get("")
    mount = _mounts().get("cgroup2")
    if own is None or mount is None or not own.startswith("/"):
        return None
    parent = Path(mount + own.rstrip("/"))
    if not {"memory", "pids"} <= set(_read(parent / "cgroup.controllers").split()):
        return None
    if not {"memory", "pids"} <= set(_read(parent / "cgroup.subtree_control").split()):
        _write(parent / "cgroup.subtree_control", "+memory +pids")   # refused while we are in it: caught
    d = parent / name
    d.mkdir(mode=0o700)
    try:
        _write(d / "memory.max", str(MEMORY_LIMIT))
        if (d / "memory.swap.max").exists():
            _write(d / "memory.swap.max", "0")
        _write(d / "pids.max", str(PIDS_LIMIT))
    except OSError:
        d.rmdir()
        raise
    return Cgroup({"": d}, v2=True)


def _make_v1(name: str) -> Cgroup | None:
    own, mounts = _own(), _mounts()
    dirs: dict[str, Path] = {}
    try:
        for controller in ("memory", "pids"):
            if controller not in own or controller not in mounts:
                continue
            d = Path(mounts[controller] + own[controller].rstrip("/")) / name
            d.mkdir(mode=0o700)
            dirs[controller] = d
            if controller == "memory":
                _write(d / "memory.limit_in_bytes", str(MEMORY_LIMIT))
                if (d / "memory.memsw.limit_in_bytes").exists():   # memory and swap together: no swapping out
                    _write(d / "memory.memsw.limit_in_bytes", str(MEMORY_LIMIT))
            else:
                _write(d / "pids.max", str(PIDS_LIMIT))
    except OSError:
        Cgroup(dirs, v2=False).remove()
        raise
    if "memory" not in dirs:   # the memory wall is what a cgroup is for here; pids alone is not worth it
        Cgroup(dirs, v2=False).remove()
        return None
    return Cgroup(dirs, v2=False)


def _own() -> dict[str, str]:
    """Our cgroup per controller ("" for v2), from /proc/self/cgroup."""
    out: dict[str, str] = {}
    for line in _read(Path("/proc/self/cgroup")).splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                out[controller] = parts[2]
    return out


def _mounts() -> dict[str, str]:
    """Where each v1 controller's hierarchy and the v2 hierarchy ("cgroup2") are mounted (at their root)."""
    out: dict[str, str] = {}
    for line in _read(Path("/proc/self/mountinfo")).splitlines():
        left, _, right = line.partition(" - ")
        fields, rest = left.split(), right.split()
        if len(fields) < 5 or len(rest) < 3 or fields[3] != "/":
            continue
        if rest[0] == "cgroup2":
            out.setdefault("cgroup2", fields[4])
        elif rest[0] == "cgroup":
            for opt in rest[2].split(","):
                out.setdefault(opt, fields[4])
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _write(path: Path, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def _number(path: Path) -> int | None:
    text = _read(path).strip()
    return int(text) if text.isdigit() else None


def _keyed(path: Path) -> dict[str, int]:
    out = {}
    for line in _read(path).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            out[parts[0]] = int(parts[1])
    return out
