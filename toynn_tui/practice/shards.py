"""Grading a class in N parts on N machines (`toynn grade --shard I/N`), and what each part records.

A student's shard is fixed by their name alone: sha256 of the name's bytes,
as an integer, modulo N (plus one: shards are numbered from 1, as a teacher
counts them). Python's `hash()` would not do: it is salted per process
(PYTHONHASHSEED), so two machines would split the class differently and some
students would be graded twice, others never. sha256 gives every machine and
every Python version the same split, whatever order the folder is listed in.

`from_env` reads the index and count a runner gives (`--shard auto`):
TOYNN_SHARD / TOYNN_SHARD_COUNT (1-based: what a GitHub Actions matrix passes),
Slurm's job array (SLURM_ARRAY_TASK_ID from SLURM_ARRAY_TASK_MIN, in steps of
SLURM_ARRAY_TASK_STEP, SLURM_ARRAY_TASK_COUNT tasks) or a Kubernetes Indexed
Job (JOB_COMPLETION_INDEX, 0-based; the count, which Kubernetes does not pass,
from TOYNN_SHARD_COUNT).

`record` is what a gradebook keeps about its run so `merge` can refuse parts
that do not belong together: the shard and N, the class it was cut from (its
size and a digest of its names), the toynn version and a digest of the
grading tests (the files in toynn_tui/checker/grading/).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from toynn_tui.i18n import _
GRADING_DIR = Path(__file__).resolve().parent.parent / "checker" / "grading"


@dataclass(frozen=True)
class Shard:
    index: int = 1   # from 1
    count: int = 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(text: str) -> Shard:
    """"I/N" (1 <= I <= N) as a Shard; ValueError with a one-line reason otherwise."""
    index, sep, count = str(text).strip().partition("/")
    try:
        if not sep:
            raise ValueError
        shard = Shard(int(index), int(count))
    except ValueError:
        raise ValueError(_("{text} is not I/N (e.g. 2/4) nor auto").format(text=repr(text))) from None
    return _checked(shard, f"{text!r}")


def _checked(shard: Shard, source: str) -> Shard:
    if shard.count < 1:
        raise ValueError(_("{source}: the number of shards must be at least 1").format(source=source))
    if not 1 <= shard.index <= shard.count:
        raise ValueError(_("{source}: shard {index} of {count} does not exist "
                           "(shards are numbered 1 to {count})").format(
                               source=source, index=shard.index, count=shard.count))
    return shard


def from_env(env: Mapping[str, str] | None = None) -> tuple[Shard, str]:
    """The shard the runner's environment names, and a line saying where it was found.

    ValueError (one line, naming the variables to set) when it names none, or
    an incomplete or impossible one. TOYNN_SHARD wins over a scheduler's own
    variables: it is the teacher's explicit choice.
    """
    env = os.environ if env is None else env
    if "TOYNN_SHARD" in env:
        count = _int(env, "TOYNN_SHARD_COUNT", _("{name} is set").format(name="TOYNN_SHARD"))
        index = _int(env, "TOYNN_SHARD")
        return _found(Shard(index, count), env, "TOYNN_SHARD", "TOYNN_SHARD_COUNT")
    if "SLURM_ARRAY_TASK_ID" in env:
        task = _int(env, "SLURM_ARRAY_TASK_ID")
        low = _int(env, "SLURM_ARRAY_TASK_MIN", _("{name} is set").format(name="SLURM_ARRAY_TASK_ID"))
        count = _int(env, "SLURM_ARRAY_TASK_COUNT", _("{name} is set").format(name="SLURM_ARRAY_TASK_ID"))
        step = _int(env, "SLURM_ARRAY_TASK_STEP") if "SLURM_ARRAY_TASK_STEP" in env else 1
        # --array=0-3 and --array=1-4 are both 4 shards; a list like --array=1,5,9 has no
        # position for a task that its own variables can tell, so only a range is accepted
        high = _int(env, "SLURM_ARRAY_TASK_MAX") if "SLURM_ARRAY_TASK_MAX" in env else low + (count - 1) * step
        if step < 1 or (task - low) % step or low + (count - 1) * step != high:
            raise ValueError(_("--shard auto: the Slurm array is not one range (e.g. --array=1-8): "
                               "give --shard I/N yourself"))
        return _found(Shard((task - low) // step + 1, count), env, "SLURM_ARRAY_TASK_ID",
                      "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT")
    if "JOB_COMPLETION_INDEX" in env:
        count = _int(env, "TOYNN_SHARD_COUNT", _("JOB_COMPLETION_INDEX is set (Kubernetes does not pass "
                                                 "the Job's completions: set TOYNN_SHARD_COUNT to it)"))
        index = _int(env, "JOB_COMPLETION_INDEX")
        return _found(Shard(index + 1, count), env, "JOB_COMPLETION_INDEX", "TOYNN_SHARD_COUNT")
    raise ValueError(_("--shard auto found no shard in the environment: set TOYNN_SHARD and TOYNN_SHARD_COUNT "
                       "(1-based), or run in a Slurm job array or a Kubernetes Indexed Job"))


def _int(env: Mapping[str, str], name: str, because: str = "") -> int:
    if name not in env:
        raise ValueError(_("--shard auto: {because}, but {name} is not").format(because=because, name=name))
    try:
        return int(env[name])
    except ValueError:
        raise ValueError(_("--shard auto: {name}={value} is not a whole number").format(
            name=name, value=repr(env[name]))) from None


def _found(shard: Shard, env: Mapping[str, str], *names: str) -> tuple[Shard, str]:
    where = ", ".join(f"{n}={env[n]}" for n in names)
    return _checked(shard, f"--shard auto ({where})"), _("shard {shard} from {where}").format(shard=shard, where=where)


def shard_of(student: str, count: int) -> int:
    """The shard (from 1) `student` belongs to among `count`; the same on every machine."""
    # surrogateescape: a name with undecodable bytes hashes as the bytes it was on disk
    digest = hashlib.sha256(student.encode("utf-8", "surrogateescape")).hexdigest()
    return int(digest, 16) % count + 1


def select(subs: list, shard: Shard) -> list:
    """The submissions (anything with `.student`) that belong to `shard`, in their order."""
    return [s for s in subs if shard_of(s.student, shard.count) == shard.index]


def roster(students: Iterable[str]) -> str:
    """A digest of a class's names (any order): shards cut from the same folder share it."""
    h = hashlib.sha256()
    for name in sorted(students):
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
    return "sha256:" + h.hexdigest()


def toynn_version() -> str:
    """The installed toynn's version (its package metadata), else the source's own."""
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("toynn")
    except (ImportError, PackageNotFoundError):
        from toynn_tui import __version__
        return __version__


def grading_digest(folder: Path = GRADING_DIR) -> str:
    """sha256 over the grading tests (name and bytes of each file, sorted by name): shards graded by
    different tests would put different grades side by side in one gradebook."""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")):
        data = path.read_bytes()
        h.update(f"{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    return "sha256:" + h.hexdigest()


def record(shard: Shard = Shard(), students: Iterable[str] | None = None) -> dict:
    """What a gradebook keeps about the run that wrote it (the top-level keys of its JSON)."""
    shard_part = {"index": shard.index, "count": shard.count}
    if students is not None:
        names = list(students)
        shard_part.update(class_submissions=len(names), roster=roster(names))
    return {"toynn_version": toynn_version(), "grading_tests": grading_digest(), "shard": shard_part}
