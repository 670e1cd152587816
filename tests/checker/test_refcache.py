"""The long reference runs are computed once and read back after, and a bad entry is never believed."""
from __future__ import annotations

import numpy as np
import pytest

from toynn_tui import engine
from toynn_tui.checker import refcache, runs


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(refcache.ENV, str(tmp_path))
    monkeypatch.setattr(runs, "_TRAINED", {})   # this process's table: empty, as in a new check
    return tmp_path / "references"


def _no_training(monkeypatch):
    def refuse(self, n):
        raise AssertionError("the engine trained although the run was stored")
    monkeypatch.setattr(engine.Net, "run", refuse)


def test_a_long_run_is_stored_and_the_next_check_reads_it(cache, monkeypatch):
    spec = engine.article(2)
    X, y = engine.data.load(spec.data)
    first = runs.trained(2, X, y, 1, spec.iterations)
    assert len(list(cache.glob("*.npz"))) == 1
    runs._TRAINED.clear()   # the next check: another process
    _no_training(monkeypatch)
    again = runs.trained(2, X, y, 1, spec.iterations)
    assert len(first) == len(again) and all(np.array_equal(a, b) for a, b in zip(first, again))
    # `first` was the engine's own run (nothing was stored yet): the stored one is it, bit for bit


def test_a_short_run_is_not_stored(cache):
    X, y = engine.data.load("xor")
    runs.trained(3, X, y, 7, refcache.LONG - 1)
    assert not cache.exists() or not list(cache.glob("*.npz"))


@pytest.mark.parametrize("damage", [b"", b"not an npz at all", None])
def test_a_damaged_or_foreign_entry_is_computed_again(cache, damage):
    X, y = engine.data.load(engine.article(2).data)
    right = runs.trained(2, X, y, 1, 10000)
    (entry,) = cache.glob("*.npz")
    if damage is None:   # a well-formed file with other arrays in it, under this key's name
        np.savez(entry, key=np.array("another key"), w0=np.zeros((3, 1)))
    else:
        entry.write_bytes(damage)
    runs._TRAINED.clear()
    again = runs.trained(2, X, y, 1, 10000)
    assert all(np.array_equal(a, b) for a, b in zip(right, again))


def test_turned_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(refcache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(runs, "_TRAINED", {})
    X, y = engine.data.load(engine.article(2).data)
    runs.trained(2, X, y, 1, 10000)
    assert list(tmp_path.rglob("*")) == []
