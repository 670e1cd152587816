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
- whatever cannot be read in one student's entry (a folder nested deeper than
  PATH_MAX, one without permission) makes that student's error row, with the
  reason; it never stops the others from being found;
- a file that is not a regular one (a FIFO, a device) is found here but never
  graded (`classroom` gives it an error verdict): reading it could block for
  ever or read a device.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.practice import copies
from toynn_tui.i18n import _, ngettext

SOURCES = (".py", ".ipynb")   # a student's answer: a Python file or a Jupyter notebook (checker.notebook)
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
        try:
            if entry.is_symlink():
                links.append(_listed(entry, root))
            elif entry.is_dir():
                subs.append(_from_folder(entry, exercise, folder, root, links))
            elif entry.suffix in SOURCES:
                subs.append(Submission(entry.stem, entry))
            else:
                ignored.append(entry.name)
        except OSError as exc:   # this student's entry only: an error row, and the others are graded
            name = entry.stem if entry.suffix in SOURCES else entry.name
            subs.append(Submission(name, None, _("could not be read: {why}").format(why=_reason(exc, folder))))
    names = [s.student for s in subs]
    for s in subs:  # alice.py and alice/ side by side: tell them apart
        if names.count(s.student) > 1 and s.path is not None:
            s.student = s.path.name if s.path.parent == folder else s.student + "/"
    copies.flag(subs)
    return subs, ignored, links


def _from_folder(student: Path, exercise: str, folder: Path, root: Path, links: list[str]) -> Submission:
    wanted, others, skipped, errors = [], [], [], []
    # followlinks=False, and linked folders are dropped below; a folder that cannot be listed
    # (deeper than PATH_MAX, no permission) is kept in `errors`, not raised
    for here, dirs, files in os.walk(student, onerror=errors.append):
        here = Path(here)
        kept = []
        for d in sorted(dirs):
            if d in SKIP_DIRS or d.startswith("."):
                continue
            link = _is_link(here / d, errors)
            if link:
                skipped.append(_listed(here / d, root, folder))
            elif link is False:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            p = here / name
            link = _is_link(p, errors)
            if link:
                skipped.append(_listed(p, root, folder))
            elif link is None:
                continue
            elif name in (f"{exercise}.py", f"{exercise}.ipynb"):
                wanted.append(p)
            elif name.endswith(SOURCES) and name != "conftest.py":
                others.append(p)
    links += skipped
    if wanted:  # the shallowest exercise file (e.g. exercises/exercise3.py in a workspace); .py before .ipynb
        return Submission(student.name, min(wanted, key=lambda p: (len(p.parts), p.suffix != ".py", str(p))))
    if errors:   # what could not be read may hold the file: say so rather than guess
        return Submission(student.name, None, _("could not read all of the folder: {why}").format(
            why=_reason(errors[0], folder)))
    if len(others) == 1:
        return Submission(student.name, others[0])
    found = (ngettext("{n} other .py or .ipynb file", "{n} other .py or .ipynb files", len(others)).format(
        n=len(others)) if others else _("no .py or .ipynb file"))
    if skipped:   # say why a link she handed in is not her file
        found = _("{found}; links are not graded: {links}").format(found=found, links=", ".join(skipped))
    return Submission(student.name, None, _("no {exercise}.py or {exercise}.ipynb in the folder ({found})").format(
        exercise=exercise, found=found))


def _is_link(path: Path, errors: list) -> bool | None:
    """Whether `path` is a symbolic link; None (the error kept in `errors`) when it cannot be looked at."""
    try:
        return path.is_symlink()
    except OSError as exc:
        errors.append(exc)
        return None


def _reason(exc: OSError, folder: Path) -> str:
    """An OSError as the teacher reads it: its reason and, cut short, the path it was about."""
    where = str(exc.filename or "")
    if where.startswith(str(folder) + os.sep):
        where = where[len(str(folder)) + 1:]
    if len(where) > 80:   # a path past PATH_MAX is thousands of characters: its length says enough
        where = _("{start}... ({n} characters)").format(start=where[:60], n=len(where))
    return f"{exc.strerror or exc}" + (f": {where}" if where else "")


def _listed(path: Path, root: Path, folder: Path | None = None) -> str:
    """A skipped link as the teacher reads it: its path (relative to `folder`) and where it leads."""
    name = path.relative_to(folder).as_posix() if folder is not None else path.name
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError:  # a loop, or nothing there
        return _("{name} (broken link)").format(name=name)
    if not _under(target, root):
        return _("{name} (leads out)").format(name=name)
    inside = target.relative_to(root).as_posix() + ("/" if target.is_dir() else "")
    return _("{name} (to {inside})").format(name=name, inside=inside)


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
