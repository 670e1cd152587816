"""The wheel carries the compiled catalogues: `pip install` is all the set-up for another language.

Builds a wheel of a copy of the source (the build hook writes each .mo next to its .po,
so the copy keeps this checkout as it is) and reads the catalogue out of the zip.
"""
from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ["pyproject.toml", "hatch_build.py", "README.md", "babel.cfg", "toynn_tui", "exercises", "solutions"]


def test_the_wheel_holds_each_compiled_catalogue(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCE:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(path, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "out"),
                           str(src)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next((tmp_path / "out").glob("toynn-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        mo = z.read("toynn_tui/locale/zh_CN/LC_MESSAGES/toynn.mo")
    assert not [n for n in names if n.endswith(".po")], "the sources of the catalogues need not ship"
    zh = gettext.GNUTranslations(io.BytesIO(mo))
    assert zh.gettext("The sigmoid and its slope") != "The sigmoid and its slope"   # exercise1's title, translated
