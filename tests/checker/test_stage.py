"""numpy's kept tree of hard links: made once, and never taken from a folder that is not safely ours."""
from __future__ import annotations

import os
import tempfile

from toynn_tui.checker import stage


def _use_tmp(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path / f"toynn-{os.getuid()}"


def test_the_tree_is_made_once_and_holds_numpy(tmp_path, monkeypatch):
    root = _use_tmp(monkeypatch, tmp_path)
    numpy_dir = stage.numpy_folder()
    first = stage._tree(numpy_dir)
    assert first is not None and first.parent == root
    assert os.stat(first / "numpy" / "__init__.py").st_ino == os.stat(numpy_dir / "__init__.py").st_ino
    assert stage._tree(numpy_dir) == first                      # kept: not made again
    assert [p.name for p in root.iterdir()] == [first.name]     # no half-made tree left beside it


def test_a_folder_others_may_write_or_a_link_is_never_used(tmp_path, monkeypatch):
    root = _use_tmp(monkeypatch, tmp_path)
    root.mkdir(mode=0o700)
    os.chmod(root, 0o777)   # someone could have put their own "numpy" in it
    assert stage._tree(stage.numpy_folder()) is None
    os.rmdir(root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    root.symlink_to(elsewhere)
    assert stage._tree(stage.numpy_folder()) is None
    # and the check then binds numpy from where it is
    job = tmp_path / "job"
    job.mkdir()
    args = stage.binds(job, "/sandbox/child.py", "/sandbox/site")
    assert str(stage.numpy_folder()) in args
