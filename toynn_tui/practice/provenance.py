"""What a verdict depended on: the versions, the BLAS kernel and the CPU features of the process
that computes verdicts.

The trusted references (the engine's expected arrays) and the comparisons are computed in the
grading process, the one that runs `toynn grade`; the learner's file runs in a sandboxed child
started with the same interpreter and numpy, and inherits this process's environment
(NPY_DISABLE_CPU_FEATURES, OPENBLAS_CORETYPE), so measuring here describes both.

`record()` goes into every gradebook (a JSON block, JUnit <properties>); the CSV stays as LMS
readers expect and carries none of it. `verdict_settings()` is the part that could change a
verdict, which `toynn grade merge` requires to agree across shards (see docs/tolerances.md).
"""
from __future__ import annotations

import os
import platform

import numpy as np

from toynn_tui.i18n import _

ENV_KEYS = ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES", "OPENBLAS_CORETYPE",
            "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def _cpu() -> dict:
    """The CPU features numpy found and the ones it was built to use (baseline and dispatch)."""
    try:
        from numpy._core import _multiarray_umath as m
    except ImportError:   # numpy 1.x keeps it under numpy.core
        from numpy.core import _multiarray_umath as m
    found = getattr(m, "__cpu_features__", {})
    return {"features": sorted(k for k, v in found.items() if v),
            "baseline": list(getattr(m, "__cpu_baseline__", [])),
            "dispatch": list(getattr(m, "__cpu_dispatch__", []))}


def _blas() -> list[dict]:
    """The BLAS libraries loaded into this process, as threadpoolctl reports them."""
    from threadpoolctl import threadpool_info
    keys = ("internal_api", "version", "architecture", "threading_layer", "num_threads", "prefix")
    return [{k: lib.get(k) for k in keys} for lib in threadpool_info() if lib.get("user_api") == "blas"]


def record() -> dict:
    from toynn_tui import __version__ as toynn_version
    return {"toynn": toynn_version, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "numpy": np.__version__,
            "machine": platform.machine(), "system": platform.system(),
            "blas": _blas(), "cpu": _cpu(),
            "env": {k: os.environ[k] for k in ENV_KEYS if k in os.environ}}


def _minor(version: str) -> str:
    return ".".join(str(version).split(".")[:2])


def verdict_settings(rec: dict) -> dict:
    """The settings that could change a verdict: toynn's version (the checks and their plan) and
    numpy's major.minor (its algorithms, e.g. pairwise sums, may change between releases).
    BLAS kernels and CPU features are left out: tests/practice/test_provenance.py grades a class
    under several and the verdicts agree, within the tolerances of checker/compare.py."""
    return {"toynn": rec.get("toynn"), "numpy": _minor(rec.get("numpy", "?"))}


def mismatch(recs: list[dict]) -> str | None:
    """A sentence naming the first verdict setting on which these records disagree, or None."""
    settings = [verdict_settings(r) for r in recs if r]
    for key in ("toynn", "numpy"):
        values = sorted({str(s[key]) for s in settings})
        if len(values) > 1:
            return _("the shards were graded under different {setting} versions ({values}): "
                     "grade them again under one").format(setting=key, values=", ".join(values))
    return None


def junit_properties(rec: dict) -> list[tuple[str, str]]:
    """The record as flat JUnit property (name, value) pairs."""
    blas = rec.get("blas") or [{}]
    b = blas[0]
    return [("toynn", str(rec.get("toynn"))), ("python", str(rec.get("python"))),
            ("numpy", str(rec.get("numpy"))),
            ("blas", "{} {} {}".format(b.get("internal_api"), b.get("version"), b.get("architecture"))),
            ("cpu_features", " ".join(rec.get("cpu", {}).get("features", []))),
            ("env", " ".join(f"{k}={v}" for k, v in sorted(rec.get("env", {}).items())))]
