"""The similarity report's calibration and cost: honest solutions against disguised copies.

bench/similarity/<exercise>/honest/ holds independent solutions written by hand (@ or dot
or einsum, a class, helpers, while loops, renamed locals, split lines). Each one's
disguised copy is made here the way a copier does it: locals renamed, comments
changed, blank lines and spacing changed, the two functions swapped (independent lines
reordered). Prints, per exercise, the honest pairs' max and 95th percentile against the
copies' min, the threshold in toynn_tui/practice/similarity.py, and the time of the
similarity step for a class of 300 beside grading that class with a stand-in worker.

    python bench/bench_similarity.py
"""
from __future__ import annotations

import itertools
import re
import sys
import time
from pathlib import Path

import numpy as np

from toynn_tui.practice import similarity

HERE = Path(__file__).resolve().parent / "similarity"
KEEP = {"np", "numpy", "nonlin", "train", "X", "y", "deriv", "iterations", "seed", "range", "self",
        "True", "False", "None", "T", "dot", "exp", "random", "return", "def", "for", "in", "import"}


def disguise(text: str, salt: str = "q") -> str:
    """A copy as a copier makes it: renamed locals, other comments and spacing, functions swapped."""
    names = set(re.findall(r"^\s*(\w+)\s*[+-]?=", text, re.M)) | set(re.findall(r"for (\w+) in", text))
    for name in sorted(names - KEEP, key=len, reverse=True):
        text = re.sub(rf"\b{name}\b", f"{salt}_{name[::-1]}x", text)
    lines = [re.sub(r"\s+#.*$", "", ln) for ln in text.splitlines() if not ln.strip().startswith("#")]
    text = "\n".join(ln.replace(" = ", "=").replace(", ", ",") for ln in lines)
    blocks = re.split(r"\n(?=def |class )", text)
    head, defs = blocks[0], blocks[1:]
    defs = defs[::-1]   # independent definitions, in another order
    return "# my solution\n" + "\n\n\n".join([head] + [d + "\n    # done" for d in defs]) + "\n"


def scores(exercise: str):
    files = sorted((HERE / exercise / "honest").glob("*.py"))
    texts = {p.stem: p.read_text() for p in files}
    texts.update({f"{s}_copy": disguise(t) for s, t in list(texts.items())})
    prints = similarity.fingerprints(texts, exercise)
    honest = [similarity.score(prints[a.stem], prints[b.stem])[0] for a, b in itertools.combinations(files, 2)]
    copies = [similarity.score(prints[p.stem], prints[f"{p.stem}_copy"])[0] for p in files]
    return np.array(honest), np.array(copies)


def class_of(n: int) -> dict:
    """n distinct students from the honest files, each disguised with its own salt (names differ)."""
    files = sorted(HERE.glob("exercise2/honest/*.py"))
    return {f"s{i:03d}": disguise(files[i % len(files)].read_text(), salt=f"s{i}") for i in range(n)}


def main() -> None:
    print(f"k={similarity.K} window={similarity.WINDOW} threshold={similarity.THRESHOLD}")
    print(f"{'exercise':10} {'honest pairs':>12} {'max':>6} {'p95':>6} {'p50':>6} | {'copies':>6} {'min':>6} {'p50':>6}  gap")
    for ex in ("exercise2", "exercise3"):
        h, c = scores(ex)
        print(f"{ex:10} {len(h):12d} {h.max():6.2f} {np.percentile(h, 95):6.2f} {np.percentile(h, 50):6.2f} | "
              f"{len(c):6d} {c.min():6.2f} {np.median(c):6.2f}  {c.min() - h.max():+.2f}")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    texts = class_of(n)
    t0 = time.perf_counter()
    report = similarity.compare_texts(texts, "exercise2")
    t1 = time.perf_counter()
    print(f"class of {n}: similarity step alone {t1 - t0:.2f} s for {n * (n - 1) // 2} pairs, "
          f"{len(report.flagged)} pairs flagged (the class is {len(list(HERE.glob('exercise2/honest/*.py')))} "
          f"solutions disguised over and over, so each group of copies is flagged)")
    off, on = (grading_time(texts, flag) for flag in ([], ["--similarity"]))
    print(f"toynn grade, {n} students, stand-in worker (protocol only, no real checks): "
          f"off {off:.2f} s | on {on:.2f} s | on/off {on / off:.2f}x")


STANDIN = """import json, sys
for line in sys.stdin:
    req = json.loads(line)
    print(json.dumps({"version": 3, "status": "pass", "message": "", "request": req["id"], "tests": [],
                      "toynn": {"diagnoses": [], "isolation": "bench", "flags": []}}), flush=True)
"""


def grading_time(texts: dict, flag: list) -> float:
    """`toynn grade` of the class in-process, its workers a stand-in that passes every file at once."""
    import tempfile
    from types import SimpleNamespace
    from click.testing import CliRunner
    from toynn_tui.checker import launch
    from toynn_tui.cli import main
    from toynn_tui.practice import worker_client
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "subs").mkdir()
        for s, t in texts.items():
            (tmp / "subs" / f"{s}.py").write_text(t)
        (tmp / "w.py").write_text(STANDIN)
        worker_client.worker_command = lambda: [sys.executable, str(tmp / "w.py")]
        launch.status = lambda: SimpleNamespace(ok=True, name="bubblewrap", why="")
        t0 = time.perf_counter()
        r = CliRunner().invoke(main, ["grade", str(tmp / "subs"), "-e", "exercise2", "-j", "2",
                                      "-o", str(tmp / "g.csv"), *flag], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return time.perf_counter() - t0


if __name__ == "__main__":
    main()
