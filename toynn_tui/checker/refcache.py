"""The long reference runs, kept on disk: computed once per install of the engine, not once per check.

A check's trusted side spends most of its work on the same run every time: the
contract's own call (the defaults, seed 1: 60 000 updates for the article's
net). Only the short calls of the secret plan change from run to run
(checker.secret). So a run of at least LONG updates is stored here, under a key
made of everything its numbers depend on: the engine's own source and data
files (a changed engine is another key, whatever the version says), numpy's
version, the spec, the seed, the inputs' bytes and the count.

The folder is the user's cache ($TOYNN_CACHE, else $XDG_CACHE_HOME/toynn, else
~/.cache/toynn), outside anything the sandbox mounts: a learner's file can
neither read the answers there nor plant its own. TOYNN_CACHE=off turns it off.
An entry that cannot be read, or does not hold what the run returns, is
computed again; a cache that cannot be written is simply not used.
"""
from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

LONG = 1000          # updates: shorter runs cost less than reading a file
ENV = "TOYNN_CACHE"


def folder() -> Path | None:
    """Where the entries live, or None when the cache is turned off."""
    chosen = os.environ.get(ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / "references"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toynn" / "references"


@functools.cache
def _engine_digest() -> str:
    """A digest of the engine's files (code and data): what every reference number comes from."""
    from toynn_tui import engine
    root = Path(engine.__file__).resolve().parent
    h = hashlib.sha256(np.__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _entry(key: tuple) -> Path | None:
    where = folder()
    if where is None:
        return None
    spec, seed, (x_shape, x_bytes, y_shape, y_bytes), iterations = key
    h = hashlib.sha256(_engine_digest().encode())
    for part in (repr(spec), repr(seed), repr(x_shape), repr(y_shape), repr(iterations)):
        h.update(part.encode() + b"\0")
    h.update(x_bytes + b"\0" + y_bytes)
    return where / f"{h.hexdigest()}.npz"


def load(key: tuple, count: int) -> list[np.ndarray] | None:
    """The stored run for `key`, or None unless it holds `count` float arrays."""
    path = _entry(key) if key[3] >= LONG else None
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if sorted(data.files) != sorted(["key"] + [f"w{i}" for i in range(count)]) \
                    or str(data["key"]) != path.stem:   # an entry written for this very key
                return None
            weights = [np.array(data[f"w{i}"]) for i in range(count)]
    except (OSError, ValueError, KeyError, EOFError):   # np.load's ways of refusing a file
        return None
    return weights if all(w.dtype == float for w in weights) else None


def store(key: tuple, weights: list[np.ndarray]) -> None:
    """Keep the run for `key` (written whole or not at all: a temporary file, then renamed)."""
    path = _entry(key) if key[3] >= LONG else None
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, key=np.array(path.stem), **{f"w{i}": w for i, w in enumerate(weights)})
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
