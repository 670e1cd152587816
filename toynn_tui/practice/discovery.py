"""Finding a class's submissions in SUBMISSIONS, without ever leaving that folder.

SUBMISSIONS holds one file per student (`alice.py`) or one folder per student
(`bob/` with the exercise file somewhere inside). It is whatever the teacher
unpacked from the students, so a link in it can point anywhere the teacher
can read: the shipped solution (which would then be graded as a student's
work), the teacher's home (walked in full), or round in a loop. So:
- a link is followed only when its target exists and lies inside SUBMISSIONS;
  links leading out (or nowhere: dangling, a loop) are skipped and *listed*,
  so the teacher sees who handed in a link instead of a file;
- a linked folder is never walked, even one inside (it could lead round and
  round, or make one student's files another's);
- a file that is not a regular one (a FIFO, a device) is found here but never
  graded (`classroom` gives it an error verdict): reading it could block for
  ever or read a device.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SKIP_DIRS = {"__pycache__", ".git", ".toynn", ".pytest_cache", ".venv", "venv", "node_modules"}


@dataclass
class Submission:
    student: str
    path: Path | None      # the file to grade, or None when none could be found
    problem: str = ""      # why there is no file


def discover(folder: Path, exercise: str) -> tuple[list[Submission], list[str], list[str]]:
    """The submissions in `folder` sorted by student, the entries that are not submissions,
    and the links skipped because they lead out of `folder` (paths relative to it)."""
    folder = Path(folder)
    root = Path(os.path.realpath(folder))
    subs, ignored, links = [], [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if entry.name.startswith(".") or entry.name in SKIP_DIRS:
            continue
        if entry.is_symlink():
            where = _link(entry, root)
            if where != "inside":
                links.append(_listed(entry.name, where))
                continue
            if entry.is_dir():
                ignored.append(f"{entry.name} (link to a folder)")
                continue
        if entry.is_dir():
            subs.append(_from_folder(entry, exercise, folder, root, links))
        elif entry.suffix == ".py":
            subs.append(Submission(entry.stem, entry))
        else:
            ignored.append(entry.name)
    names = [s.student for s in subs]
    for s in subs:  # alice.py and alice/ side by side: tell them apart
        if names.count(s.student) > 1 and s.path is not None:
            s.student = s.path.name if s.path.parent == folder else s.student + "/"
    return subs, ignored, links


def _from_folder(student: Path, exercise: str, folder: Path, root: Path, links: list[str]) -> Submission:
    wanted, others = [], []
    for here, dirs, files in os.walk(student):  # followlinks=False, and linked folders are dropped below
        here = Path(here)
        kept = []
        for d in sorted(dirs):
            p = here / d
            if d in SKIP_DIRS or d.startswith("."):
                continue
            if p.is_symlink():
                where = _link(p, root)
                if where != "inside":
                    links.append(_listed(p.relative_to(folder).as_posix(), where))
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            p = here / name
            if p.is_symlink() and (where := _link(p, root)) != "inside":
                links.append(_listed(p.relative_to(folder).as_posix(), where))
                continue
            if name == f"{exercise}.py":
                wanted.append(p)
            elif name.endswith(".py") and name != "conftest.py":
                others.append(p)
    if wanted:  # the shallowest exercise file (e.g. exercises/exercise3.py in a workspace)
        return Submission(student.name, min(wanted, key=lambda p: (len(p.parts), str(p))))
    if len(others) == 1:
        return Submission(student.name, others[0])
    found = f"{len(others)} other .py files" if others else "no .py file"
    return Submission(student.name, None, f"no {exercise}.py in the folder ({found})")


def _link(path: Path, root: Path) -> str:
    """Where a link leads: "inside" `root` (to something that exists), "out" of it, or "broken" (a loop, dangling)."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError:  # a loop, or nothing there: judged by where it points
        return "broken" if _under(Path(os.path.realpath(path)), root) else "out"
    return "inside" if _under(target, root) else "out"


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _listed(name: str, where: str) -> str:
    return f"{name} (broken link)" if where == "broken" else name
