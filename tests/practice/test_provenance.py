"""Verdicts do not depend on the machine: the same class graded under other numpy CPU-feature
settings and OpenBLAS kernels gets the same statuses and mistakes; a few-ULP drift of a correct
answer passes and a mistake-sized one fails; gradebooks record the settings; merge refuses
shards from different numpy versions and names the setting."""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from toynn_tui.checker import compare
from toynn_tui.practice import provenance

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_repro.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_repro", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_record_names_numpy_the_blas_kernel_and_the_cpu_features():
    rec = provenance.record()
    assert rec["numpy"] == np.__version__
    assert rec["blas"] and rec["blas"][0]["internal_api"]
    assert rec["cpu"]["baseline"] and set(rec["cpu"]["baseline"]) <= set(rec["cpu"]["features"]) | {"X86_V2"}


def test_merge_refuses_a_different_numpy_minor_and_says_so():
    a, b = provenance.record(), {**provenance.record(), "numpy": "1.26.4"}
    why = provenance.mismatch([a, b])
    assert why and "numpy" in why and "1.26" in why
    c = {**a, "blas": [{"internal_api": "openblas", "architecture": "Sandybridge"}]}
    assert provenance.mismatch([a, c]) is None   # a BLAS kernel alone changes no verdict


def test_a_few_ulp_pass_and_a_mistake_fails():
    w = np.array([[9.67299303], [-0.2078435], [-4.62963669]])
    assert compare.close(w, w + 4 * np.spacing(w))
    assert compare.close(w, w * (1 + 1e-9))
    assert not compare.close(w, w * (1 + 1e-3))


def test_the_same_verdicts_under_other_cpu_features_and_blas_kernels():
    bench = _bench()
    bench.SETTINGS = [s for s in bench.SETTINGS if s[0] in ("default", "no AVX2/FMA3 (X86_V3)", "OpenBLAS Sandybridge")]
    rows = bench.table()
    graded = [r for r in rows if r[2] is not None]
    skipped = [r for r in rows if r[2] is None]
    assert graded[0][0] == "default"
    if len(graded) < 2:
        pytest.skip("this machine honours no other setting: " + "; ".join(r[1] for r in skipped))
    base = graded[0][2]
    assert base["ann"][0] == "pass" and base["cid"][0] == "fail"
    for name, kernel, verdicts in graded[1:]:
        assert verdicts == base, name


def test_json_and_junit_gradebooks_carry_the_record_and_the_csv_does_not():
    import json
    from toynn_tui.practice import gradebook
    book = gradebook.Book("exercise2", entries=[], submissions=0)
    doc = json.loads(gradebook.to_json(book))
    assert doc["provenance"]["numpy"] == np.__version__ and doc["provenance"]["blas"]
    xml = gradebook.to_junit(book)
    assert 'name="numpy"' in xml and 'name="blas"' in xml
    assert "numpy" not in gradebook.to_csv(book)
