"""What the sandbox binds of our own files (the child script, numpy), from folders that name no host path.

bubblewrap's binds show their source in the sandbox's /proc/self/mountinfo, so
binding the virtual environment's numpy would tell a learner's file where the
repository and the grader's home are. So numpy is bound from a tree of hard
links (no bytes copied) in a folder of ours under the temporary folder, and
the child script from a copy in the job's folder.

The tree is made once per numpy (keyed on its folder and its __init__.py's
inode and mtime: an upgrade is a new tree), not once per check: linking its
~750 files cost about 0.07 s of every check's start. It is kept in a folder
only our user can enter (made 0700, and refused unless it is a real folder of
ours that nobody else can write), built under a temporary name and renamed in
whole, so a half-made tree is never bound. Where any of this cannot be done
(another filesystem, someone else's files), numpy is bound from where it is.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import stat
import tempfile
from pathlib import Path

CHILD = Path(__file__).resolve().parent / "child.py"


def binds(jobdir: Path, in_child: str, in_site: str) -> list[str]:
    """bubblewrap's arguments binding the child script at `in_child` and numpy under `in_site`."""
    stage = jobdir / "stage"
    stage.mkdir()
    shutil.copyfile(CHILD, stage / "child.py")
    args = ["--ro-bind", str(stage / "child.py"), in_child]
    numpy_dir = numpy_folder()
    tree = _tree(numpy_dir)
    for name in ("numpy", "numpy.libs"):   # numpy.libs: the wheel's own OpenBLAS, found through $ORIGIN
        src = tree / name if tree is not None else numpy_dir.parent / name
        if src.is_dir():
            args += ["--ro-bind", str(src), f"{in_site}/{name}"]
    return args


def numpy_folder() -> Path:
    """numpy's package folder, found without importing it (the check starts before numpy is needed)."""
    found = importlib.util.find_spec("numpy")
    return Path(found.origin).resolve().parent


def _own_folder() -> Path | None:
    """Our user's folder under the temporary folder, or None when it is not safely ours."""
    root = Path(tempfile.gettempdir()) / f"toynn-{os.getuid()}"
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None   # a link, someone else's, or a folder others may write: never bound
    return root


def _tree(numpy_dir: Path) -> Path | None:
    """The kept tree of hard links holding numpy (and numpy.libs beside it), made on first use."""
    root = _own_folder()
    if root is None:
        return None
    st = os.stat(numpy_dir / "__init__.py")
    key = hashlib.sha256(f"{numpy_dir}\0{st.st_ino}\0{st.st_mtime_ns}".encode()).hexdigest()[:16]
    tree = root / f"numpy-{key}"
    if tree.is_dir():
        return tree
    building = Path(tempfile.mkdtemp(dir=root, prefix=".building-"))
    try:
        for name in ("numpy", "numpy.libs"):
            src = numpy_dir.parent / name
            if src.is_dir():
                _link_tree(src, building / name)
        os.rename(building, tree)   # whole or not at all; another check may have won the race
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
        return tree if tree.is_dir() else None
    return tree


def _link_tree(src: Path, dst: Path) -> None:
    """`src` as a tree of hard links at `dst`, its tests left out."""
    for here, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d != "tests"]
        into = dst / os.path.relpath(here, src)
        into.mkdir(exist_ok=True)
        for f in files:
            os.link(os.path.join(here, f), into / f, follow_symlinks=False)
