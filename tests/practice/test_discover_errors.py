"""A student's entry that cannot be read is that student's error row; the others are graded.

The attack: a folder nested deeper than PATH_MAX (GNU tar extracts such trees,
and `os.mkdir` relative to a folder's descriptor builds one), where every
lookup by path fails with "File name too long". Before, discovery raised and
nobody was graded.
"""
import csv
import io
import os
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from toynn_tui.checker import launch
from toynn_tui.cli import main

PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096


def nest(top, depth_bytes, leaf="exercise2.py"):
    """Folders named d*200 inside each other under `top` past `depth_bytes`, `leaf` at the bottom."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth_bytes // 201 + 1):
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, b"good")
        os.close(out)
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="builds the tree relative to folder descriptors")
def test_a_folder_deeper_than_path_max_is_that_students_error_and_the_others_are_graded(tmp_path, standin,
                                                                                         monkeypatch):
    monkeypatch.setattr(launch, "status", lambda: SimpleNamespace(ok=True, name="bubblewrap", why=""))
    subs = tmp_path / "subs"
    (subs / "deep").mkdir(parents=True)
    (subs / "alice.py").write_text("good")
    (subs / "zoe").mkdir()
    (subs / "zoe" / "exercise2.py").write_text("good")
    nest(subs / "deep", PATH_MAX + 200)
    run = CliRunner().invoke(main, ["grade", str(subs), "-e", "exercise2", "-o", str(tmp_path / "g.csv")])
    assert run.exit_code == 0, run.output + repr(run.exception)
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO((tmp_path / "g.csv").read_text()))}
    assert rows["alice"]["status"] == "pass" and rows["zoe"]["status"] == "pass"
    assert rows["deep"]["status"] == "error"
    assert "File name too long" in rows["deep"]["message"] and "characters" in rows["deep"]["message"]
    assert len(rows["deep"]["message"]) < 200, rows["deep"]["message"]    # readable: not the whole path
    assert "deep: could not read all of the folder: File name too long" in run.stdout
