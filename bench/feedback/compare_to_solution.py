"""Does each corpus file really differ from the reference answer (and each correct one not)?

    python3 bench/feedback/compare_to_solution.py [--only exerciseN]

Imports every file of rungs/manifest.toml and solutions/EX.py in this process and compares
their train() results (rtol 1e-9) at the ladder's defaults (iterations 0, 1, 5, 50; 200 with
seed 7) and at each of its `others` (5 and 200 updates, on y_other = 1 - y, seeds 3, 4, ...);
for exercise10 also predict(). A wrong file that matches everywhere is not observably wrong;
a correct file that differs anywhere is not correct. Prints one line per file.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
RUNGS = Path(__file__).resolve().parent / "rungs"


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def settings(ex: dict) -> list:
    d = dict(ex.get("defaults", {}))
    others = [dict(o) for o in ex.get("others", [])] + ([dict(ex["other"])] if "other" in ex else [])
    for s in [d] + others:
        if "sizes" in s:
            s["sizes"] = tuple(s["sizes"])
    return ([(d, k, 1, False) for k in (0, 1, 5, 50)] + [(d, 200, 7, False)]
            + [(o, k, 3 + n, True) for n, o in enumerate(others) for k in (5, 200)])


def run(mod, kw: dict, k: int, seed: int, other: bool):
    X, y = mod.X.copy(), (1 - mod.y) if other else mod.y.copy()
    y0 = y.copy()
    try:
        with np.errstate(all="ignore"):
            out = [np.asarray(a, dtype=float) for a in mod.train(X, y, iterations=k, seed=seed, **kw)]
    except Exception as exc:  # noqa: BLE001 - a crash is a result here
        return f"{type(exc).__name__}"
    return out if np.array_equal(X, mod.X) and np.array_equal(y, y0) else "changed X or y"


def same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return len(a) == len(b) and all(p.shape == q.shape and np.allclose(p, q, rtol=1e-9, atol=1e-12)
                                    for p, q in zip(a, b))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    args = ap.parse_args()
    ladder = {e["name"]: e for e in tomllib.loads((ROOT / "toynn_tui/ladder.toml").read_text())["exercise"]}
    bad = 0
    for n, entry in enumerate(tomllib.loads((RUNGS / "manifest.toml").read_text())["file"]):
        ex = entry["exercise"]
        if args.only and ex != args.only:
            continue
        sol = load(ROOT / "solutions" / f"{ex}.py", f"sol_{n}")
        try:
            mod = load(RUNGS / entry["path"], f"cand_{n}")
        except Exception as exc:  # noqa: BLE001
            print(f"{entry['path']:46s} does not import: {exc}")
            bad += 1
            continue
        diffs = [(kw, k) for kw, k, seed, other in settings(ladder[ex])
                 if not same(run(mod, kw, k, seed, other), run(sol, kw, k, seed, other))]
        if ex == "exercise10":
            s0, s1 = sol.train(sol.X.copy(), sol.y.copy(), iterations=3)
            if not np.allclose(mod.predict(sol.X, s0, s1), sol.predict(sol.X, s0, s1)):
                diffs.append(("predict", None))
        wrong = bool(entry["mistakes"])
        ok = bool(diffs) == wrong
        bad += not ok
        what = f"differs in {len(diffs)} runs, first {diffs[0]}" if diffs else "same numbers everywhere"
        print(f"{entry['path']:46s} {'wrong' if wrong else 'correct':7s} {what}{'' if ok else '   <-- !'}")
    print(f"{bad} file(s) not as the manifest says")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
