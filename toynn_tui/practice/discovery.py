"""Finding a class's submissions in SUBMISSIONS, without ever leaving that folder.

SUBMISSIONS holds one file per student (`alice.py`) or one folder per student
(`bob/` with the exercise file somewhere inside). It is whatever the teacher
unpacked from the students, so a link in it can point anywhere the teacher
can read: the shipped solution (which would then be graded as a student's
work), a classmate's file (`mallory.py -> alice.py`: alice's pass graded as
mallory's), the teacher's home (walked in full), or round in a loop. So:
- a link is never graded nor walked, wherever it leads: it is skipped and
  *listed* with where it leads ("mallory.py (to alice.py)", "(leads out)",
  "(broken link)"), so the teacher sees who handed in a link instead of a file;
- a hard link cannot be told from a file: it is graded, and `copies` flags it
  (with any other file of identical content) as "same as" its classmate;
- a file that is not a regular one (a FIFO, a device) is found here but never
  graded (`classroom` gives it an error verdict): reading it could block for
  ever or read a device.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.practice import copies

SKIP_DIRS = {"__pycache__", ".git", ".toynn", ".pytest_cache", ".venv", "venv", "node_modules"}


@dataclass
class Submission:
    student: str
    path: Path | None      # the file to grade, or None when none could be found
    problem: str = ""      # why there is no file
    flags: list = field(default_factory=list)   # integrity flags found here ("same as bob"), added to its verdict


def discover(folder: Path, exercise: str) -> tuple[list[Submission], list[str], list[str]]:
    """The submissions in `folder` sorted by student, the entries that are not submissions,
    and the links skipped (paths relative to `folder`, each with where it leads)."""
    folder = Path(folder)
    root = Path(os.path.realpath(folder))
    subs, ignored, links = [], [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if entry.name.startswith(".") or entry.name in SKIP_DIRS:
            continue
        if entry.is_symlink():
            links.append(_listed(entry, root))
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
    copies.flag(subs)
    return subs, ignored, links


def _from_folder(student: Path, exercise: str, folder: Path, root: Path, links: list[str]) -> Submission:
    wanted, others, skipped = [], [], []
    for here, dirs, files in os.walk(student):  # followlinks=False, and linked folders are dropped below
        here = Path(here)
        kept = []
        for d in sorted(dirs):
            p = here / d
            if d in SKIP_DIRS or d.startswith("."):
                continue
            if p.is_symlink():
                skipped.append(_listed(p, root, folder))
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            p = here / name
            if p.is_symlink():
                skipped.append(_listed(p, root, folder))
                continue
            if name == f"{exercise}.py":
                wanted.append(p)
            elif name.endswith(".py") and name != "conftest.py":
                others.append(p)
    links += skipped
    if wanted:  # the shallowest exercise file (e.g. exercises/exercise3.py in a workspace)
        return Submission(student.name, min(wanted, key=lambda p: (len(p.parts), str(p))))
    if len(others) == 1:
        return Submission(student.name, others[0])
    found = f"{len(others)} other .py files" if others else "no .py file"
    if skipped:   # say why a link she handed in is not her file
        found += f"; links are not graded: {', '.join(skipped)}"
    return Submission(student.name, None, f"no {exercise}.py in the folder ({found})")


def _listed(path: Path, root: Path, folder: Path | None = None) -> str:
    """A skipped link as the teacher reads it: its path (relative to `folder`) and where it leads."""
    name = path.relative_to(folder).as_posix() if folder is not None else path.name
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError:  # a loop, or nothing there
        return f"{name} (broken link)"
    if not _under(target, root):
        return f"{name} (leads out)"
    inside = target.relative_to(root).as_posix() + ("/" if target.is_dir() else "")
    return f"{name} (to {inside})"


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
