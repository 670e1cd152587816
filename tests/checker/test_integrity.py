"""integrity.scan: honest files give no flags, each attack gives its flag, hostile text never crashes it."""
from __future__ import annotations

from pathlib import Path

import pytest

from toynn_tui import ladder
from toynn_tui.checker.integrity import scan

REPO = Path(__file__).resolve().parents[2]
HONEST = sorted([*REPO.glob("solutions/exercise*.py"), *REPO.glob("exercises/exercise*.py"),
                 *(REPO / "tests/checker/wrong").glob("*.py")])


def test_the_honest_files_are_there():
    # guards against the glob silently finding nothing and the next test passing vacuously
    assert len([f for f in HONEST if f.parent.name in ("solutions", "exercises")]) == 2 * len(ladder.load())


@pytest.mark.parametrize("path", HONEST, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_solutions_stubs_and_honest_mistakes_have_no_flags(path):
    assert scan(path.read_text()) == []


@pytest.mark.parametrize("source", [
    "import numpy as np\nimport math, random, time\n",
    "import sys\nsys.exit(1)\n",              # a mistake, not an attack
    "import numpy as np\nnp.random.seed(1)\nx = np.load('w.npy', allow_pickle=True)\n",
    "path = 'x'\nmodules = []\nos = 3\n",     # the words alone, not the modules
    "# import os, open the file\ns = 'exec(1)'\n",
])
def test_harmless_code_has_no_flags(source):
    assert scan(source) == []


@pytest.mark.parametrize("source, flag", [
    ("import os\nos.kill(os.getppid(), 9)\n", "os"),
    ("import importlib.util\n", "importlib"),
    ("import sys\nsys.meta_path.clear()\n", "sys.meta_path"),
    ("import sys as s\ns.modules['numpy'] = None\n", "sys.modules"),
    ("import sys\nsys.path.insert(0, '/tmp')\n", "sys.path"),
    ("import sys\nf = sys._getframe(1)\n", "sys._getframe"),
    ("from sys import meta_path\n", "sys.meta_path"),
    ("open('/etc/passwd').read()\n", "open"),
    ("__import__('subprocess')\n", "__import__"),
    ("__import__('subprocess')\n", "subprocess"),
    ("exec('import os')\n", "exec"),
    ("eval('1+1')\n", "eval"),
    ("from ctypes import CDLL\n", "ctypes"),
    ("import signal\n", "signal"),
    ("import os.path as p\n", "os"),
    ("from os import path\n", "os"),
    ("getattr(__builtins__, 'open')('x')\n", "__builtins__"),
    ("getattr(__builtins__, 'open')('x')\n", "open"),
    ("import builtins\nbuiltins.exec('1')\n", "builtins"),
    ("import importlib\nimportlib.import_module('socket')\n", "socket"),
    ("from urllib.request import urlopen\n", "urllib"),
    ("import pickle\n", "pickle"),
    ("import marshal\n", "marshal"),
    ("import gc, inspect\n", "inspect"),
    ("import numpy as np\nnp.dot = lambda a, b: 0\n", "setattr"),
    ("import numpy as np\nsetattr(np, 'dot', None)\n", "setattr"),
    ("().__class__.__bases__[0].__subclasses__()\n", "__subclasses__"),
    ("g = globals()\n", "globals"),
])
def test_each_attack_gets_its_flag(source, flag):
    assert flag in scan(source)


def test_flags_are_sorted_and_unique():
    flags = scan("import os, os\nimport subprocess\nopen('a'); open('b')\n")
    assert flags == ["open", "os", "subprocess"]


@pytest.mark.parametrize("source, flag", [
    ("def train(:\n    import os\n", "os"),
    ("import subprocess\nx = '''never closed\n", "subprocess"),    # the tokenizer gives up too
    ("import sys\n  sys.meta_path.clear()\n y = (\n", "sys.meta_path"),
])
def test_a_file_that_does_not_parse_still_gets_flags(source, flag):
    assert flag in scan(source)


@pytest.mark.parametrize("source", [
    "import numpy as np\n" + "#" * 5_000_000,                # 5 MB
    "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n",       # 10 000 nested parentheses
    "x = " + "[" * 10_000 + "\n",
    "x = " + "-" * 100_000 + "1\n",
    "x = 1" + " + 1" * 50_000 + "\n",
    "import os\x00\n",
    "\udcff\n",
    "",
])
def test_hostile_text_never_crashes(source):
    flags = scan(source)
    assert isinstance(flags, list) and all(isinstance(f, str) for f in flags)


def test_a_huge_file_is_flagged_not_scanned():
    assert scan("import numpy as np\n" + "#" * 5_000_000) == ["too-large"]
