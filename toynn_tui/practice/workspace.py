"""Where a learner's things live inside a workspace (the folder `toynn init` made).

The checker's convention is `exercises/EXERCISE.py` under the current
directory; practice adds a private `.toynn/` folder beside it for the drill
history and the archived attempts, so a learner can delete it to start over.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

STATE_DIR = ".toynn"


def exercise_file(workspace: Path, exercise: str) -> Path:
    """The learner's file for `exercise` (the same default `toynn check` uses)."""
    return Path(workspace) / "exercises" / f"{exercise}.py"


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
    the rename itself survives a power cut.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
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
