"""The verdict table under numpy CPU-feature and OpenBLAS kernel settings.

Grades one small class (the reference answer, a few-ULP drift of it, and two real mistakes)
with `toynn grade --no-sandbox` in a fresh process per setting, and prints each student's
status and diagnoses side by side. A setting the machine cannot honour (numpy refuses to
disable a baseline feature, OpenBLAS does not know the kernel) is printed as skipped, with why.

    python bench/bench_repro.py            # all settings

Then, under the same settings, how far the trained nets' numbers drift from the default's: the
article's nets (10000 and 60000 updates) and three ladder nets, their final parameters and outputs,
as the largest relative difference and in ULP. docs/tolerances.md quotes it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = [
    ("default", {}),
    # numpy 2.x dispatches by groups (X86_V3 = AVX2+FMA3..., X86_V4 = AVX512): a single name such
    # as AVX2 disables nothing, and the baseline (X86_V2) cannot be disabled (numpy refuses to start)
    ("no AVX512 (X86_V4)", {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"}),
    ("no AVX2/FMA3 (X86_V3)", {"NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"}),
    ("baseline off (X86_V2)", {"NPY_DISABLE_CPU_FEATURES": "X86_V2"}),
    ("OpenBLAS Haswell", {"OPENBLAS_CORETYPE": "Haswell"}),
    ("OpenBLAS Sandybridge", {"OPENBLAS_CORETYPE": "Sandybridge"}),
    ("OpenBLAS Prescott", {"OPENBLAS_CORETYPE": "Prescott"}),
]


def make_class(folder: Path) -> None:
    good = (ROOT / "solutions" / "exercise2.py").read_text()
    (folder / "ann.py").write_text(good)
    # equivalent order of operations: the same numbers within a few ULP
    (folder / "bea.py").write_text(good.replace("np.dot(l0, syn0)", "l0 @ syn0"))
    (folder / "cid.py").write_text(good.replace("y - l1", "l1 - y"))
    (folder / "dot.py").write_text(good.replace("l1_error * nonlin(l1, True)", "l1_error * nonlin(l1)"))


def probe(env: dict, default: dict | None = None) -> tuple[str | None, dict]:
    """(why it cannot run, what the process reports) under this environment; a setting that changes
    nothing from `default` (the machine lacks the feature, the kernel is the one it runs) is skipped."""
    code = ("import json; from toynn_tui.practice import provenance as p; r = p.record();"
            "print(json.dumps({'blas': [b['architecture'] for b in r['blas']], 'cpu': r['cpu']['features']}))")
    run = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True)
    if run.returncode:
        lines = run.stderr.strip().splitlines() or ["failed"]
        return next((ln for ln in lines if "cannot" in ln), lines[-1])[:100], {}
    info = json.loads(run.stdout)
    if default and "NPY_DISABLE_CPU_FEATURES" in env and info["cpu"] == default["cpu"]:
        return "this CPU lacks it: numpy runs the same code paths as by default", info
    want = env.get("OPENBLAS_CORETYPE")
    if want and want.lower() not in [str(a).lower() for a in info["blas"]]:
        return f"OpenBLAS runs {info['blas']}, not {want}", info
    return None, info


def grade(subs: Path, out: Path, env: dict) -> dict:
    subprocess.run([sys.executable, "-m", "toynn_tui", "grade", str(subs), "-e", "exercise2", "--no-sandbox",
                    "-o", str(out)], env={**os.environ, "TOYNN_LANG": "en", **env}, capture_output=True, check=False)
    doc = json.loads(out.read_text())
    return {s["student"]: (s["status"], tuple(sorted(t.get("diagnosis") or "" for t in s["tests"]
                                                     if t.get("status") != "pass")))
            for s in doc["students"]}


def table() -> list[tuple[str, str, dict | None]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs"
        subs.mkdir()
        make_class(subs)
        default = probe({})[1]
        for i, (name, env) in enumerate(SETTINGS):
            why, info = probe(env, default if env else None)
            if why:
                rows.append((name, "skipped: " + why, None))
                continue
            kernel = ",".join(map(str, info["blas"])) + ("" if "X86_V3" in info["cpu"] else " noV3")
            rows.append((name, kernel, grade(subs, Path(tmp) / f"g{i}.json", env)))
    return rows


# trained in a fresh process per setting; every number printed as float.hex, so nothing is rounded
DRIFT_CODE = r"""
import json, numpy as np
from toynn_tui import engine
out = {}
for name in ("article2", "article3", "sizes", "minibatch", "batchnorm"):
    spec = engine.get_spec(name)
    net = engine.Net(spec=spec)
    net.run(net.total)
    out[name] = [float(v).hex() for w in net.weights + [net.out] for v in np.ravel(w)]
print(json.dumps(out))
"""


def trained(env: dict) -> dict:
    run = subprocess.run([sys.executable, "-c", DRIFT_CODE], env={**os.environ, **env}, capture_output=True,
                         text=True, check=True)
    return {k: np.array([float.fromhex(v) for v in vs]) for k, vs in json.loads(run.stdout).items()}


def drift(rows) -> list[str]:
    """Per setting that ran: each net's largest relative difference from the default, and in ULP."""
    base, lines = trained({}), []
    for name, env in SETTINGS[1:]:
        if next(r for r in rows if r[0] == name)[2] is None:
            continue
        other = trained(env)
        cells = []
        for net, b in base.items():
            o = other[net]
            rel = float(np.max(np.abs(o - b) / np.maximum(np.abs(b), 1e-300)))
            ulp = float(np.max(np.abs(o - b) / np.spacing(np.abs(b))))
            cells.append(f"{net} {rel:.1e} ({ulp:.0f} ULP)")
        lines.append(f"{name:24} " + "; ".join(cells))
    return lines


def main() -> None:
    rows = table()
    students = sorted(next((r[2] for r in rows if r[2]), {}))
    print(f"{'setting':24} {'kernel':18} " + " ".join(f"{s:>26}" for s in students))
    base = next((r[2] for r in rows if r[2]), None)
    for name, kernel, verdicts in rows:
        if verdicts is None:
            print(f"{name:24} {kernel}")
            continue
        cells = [f"{verdicts[s][0]}:{','.join(d for d in verdicts[s][1] if d) or '-'}"[:26] for s in students]
        same = "same" if verdicts == base else "DIFFERENT"
        print(f"{name:24} {kernel:18} " + " ".join(f"{c:>26}" for c in cells) + f"  {same}")
    print("\nlargest drift of the trained parameters and outputs from the default's:")
    for line in drift(rows):
        print(line)


if __name__ == "__main__":
    main()
