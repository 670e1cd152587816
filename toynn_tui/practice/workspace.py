"""Where a learner's things live inside a workspace (the folder `toynn init` made).

A workspace holds `exercises/EXERCISE.py` (or `EXERCISE.ipynb`); practice adds a private `.toynn/`
folder beside it for the drill history and the archived attempts, so a
learner can delete it to start over. The commands find the workspace from any
folder inside it (`find_workspace`), so `toynn check` works from `exercises/`.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import stat
from pathlib import Path

import click

from toynn_tui.i18n import _

STATE_DIR = ".toynn"
EXERCISES_DIR = "exercises"


def find_workspace(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `exercises/` or `.toynn/`; None outside any.

    Walking up is what lets a learner run the commands from inside
    `exercises/` (or deeper) instead of getting `exercises/exercises/...`.
    """
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / EXERCISES_DIR).is_dir() or (folder / STATE_DIR).is_dir():
            return folder
    return None


def is_source_tree(folder: Path) -> bool:
    """`folder` is a checkout of toynn itself (its pyproject names toynn, toynn_tui/ beside
    exercises/): its exercises/ are the project's tracked stubs, not a learner's files."""
    folder = Path(folder)
    try:
        pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return ((folder / "toynn_tui").is_dir() and (folder / EXERCISES_DIR).is_dir()
            and re.search(r'^name\s*=\s*"toynn"', pyproject, re.MULTILINE) is not None)


def source_tree_message(folder: Path) -> str:
    return _("{folder} is toynn's own source tree, not a workspace (its exercises/ are the project's "
             "stubs): make one with `toynn init my-drills`, then `cd my-drills`.").format(folder=folder)


class NotInWorkspace(click.ClickException):
    """Run outside any workspace where one is needed: one line, and the usage-error exit code."""

    exit_code = 2


def refuse_source_tree(folder: Path) -> Path:
    """`folder`, unless it is toynn's own source tree (then NotInWorkspace, saying so)."""
    if is_source_tree(folder):
        raise NotInWorkspace(source_tree_message(Path(folder).resolve()))
    return folder


def workspace_here(required: bool = False) -> Path:
    """The workspace the current folder is in (it or the nearest folder above holding exercises/
    or .toynn/). Outside any: the current folder, or with `required`, a NotInWorkspace error
    (for commands that would otherwise only report "missing" or make a stray .toynn/).
    Inside toynn's own source tree, always NotInWorkspace: grading or rewriting the project's
    tracked stubs would change the project, not a learner's work."""
    here = Path.cwd()
    found = find_workspace(here)
    if found is None and required:
        raise not_in_workspace(here)
    return refuse_source_tree(found or here)


def not_in_workspace(here: Path) -> NotInWorkspace:
    """The one line every command says outside any workspace (exit 2)."""
    return NotInWorkspace(_("{here} is not in a toynn workspace (no exercises/ here or above): "
                            "cd into yours, or make one with `toynn init`.").format(here=here))


def exercise_file(workspace: Path, exercise: str) -> Path:
    """The learner's file for `exercise` (the same default `toynn check` uses): exercises/EXERCISE.py,
    or exercises/EXERCISE.ipynb when only the notebook is there (`toynn init --notebook` made it).
    A .py beside the notebook wins: it is the file `toynn start` and `toynn drill` write."""
    py = exercise_py(workspace, exercise)
    notebook = py.with_suffix(".ipynb")
    return notebook if not py.exists() and notebook.exists() else py


def exercise_py(workspace: Path, exercise: str) -> Path:
    """exercises/EXERCISE.py, whichever file the learner works in: where a fresh .py attempt goes
    (writing Python text into a notebook would break it)."""
    return Path(workspace) / EXERCISES_DIR / f"{exercise}.py"


def state_dir(workspace: Path) -> Path:
    return Path(workspace) / STATE_DIR


def history_file(workspace: Path) -> Path:
    return state_dir(workspace) / "history.jsonl"


def attempts_dir(workspace: Path, exercise: str) -> Path:
    return state_dir(workspace) / "attempts" / exercise


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so a crash leaves either the old or the new file, never half.

    The temp file sits in the same folder (os.replace is only atomic within a
    filesystem) and is fsynced before the rename, then the folder is fsynced so
    the rename itself survives a power cut. The file keeps the mode it had; a
    new one gets the mode any other new file gets (0666 less the umask), not
    the 0600 of a private temp file: it is the learner's file, not a secret.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    fd, tmp = _new_temp(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            if mode is not None:
                os.fchmod(f.fileno(), mode)
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _new_temp(path: Path) -> tuple[int, str]:
    """A new, exclusive temp file beside `path`, created with 0666 so the umask decides its mode
    (tempfile.mkstemp would make it 0600 whatever the umask)."""
    while True:
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a directory; the rename is still atomic
    finally:
        os.close(fd)


def append_synced(fd: int, data: bytes) -> None:
    """Append `data` with one write (a short write goes on) and fsync: a crash or kill -9 at any
    moment leaves at worst a torn *last* line of an append-only JSON-lines file."""
    view = memoryview(data)
    while view:   # one write in practice; loop only if the OS writes short
        view = view[os.write(fd, view):]
    os.fsync(fd)


def json_lines(path: Path) -> list[dict]:
    """The whole JSON objects of an append-only file, in order; torn lines and junk are skipped,
    a missing file is empty."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return []
    out = []
    for line in raw.splitlines():
        try:
            rec = json.loads(line)
        except ValueError:  # a torn line (crash mid-append) or junk: not a record
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out
