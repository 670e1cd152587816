"""Judge one traced run of a learner's train against the reference's line values: the first departure.

The learner's records (`sandbox.Record`: a local array after a line's n-th run)
are read in the order they were made. A record inside the loop, on the line's
n-th run, belongs to update n-1. Then:
- a local named as a quantity of the contract's loop (l1, l2_delta, v0, d1,
  zhat1, order, syn1, b0 ...) must hold that quantity of that update, or a later
  one it becomes (`l1 *= d1` makes l1 the masked layer), or the weight it was
  before its update; a value it holds only for a moment, put right by a later
  line of the same update, is a line split in two;
- a local of a name of its own must hold some quantity or part of a line of
  that update (a slope, a dot product, a transposed copy); the first that holds
  none is a *suspect*, blamed when a named quantity then goes wrong;
- errors, deltas and velocities may all carry the opposite sign (error =
  output - y with -= updates): one convention per file, fixed by its first one.
Everything here is trusted numpy on plain arrays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from toynn_tui.checker import compare
from toynn_tui.checker.linevalues import Replay

SIGNED = re.compile(r"(l\d+_error|l\d+_delta|z\d+_delta|v\d+)$")


def fits(value: np.ndarray, want: np.ndarray | None, signs=(1,), transposed: bool = False) -> int | None:
    """The sign under which `value` is `want` (or its transpose, when allowed), else None."""
    if want is None or value is None:
        return None
    numeric = want.dtype.kind == "f" and value.dtype.kind == "f"
    for s in (signs if numeric else (1,)):
        w = s * want if numeric else want
        if value.shape == w.shape and _close(w, value):
            return s
        if transposed and value.ndim == 2 and value.shape == w.T.shape and value.shape != w.shape \
                and _close(w.T, value):
            return s
    return None


def _close(want: np.ndarray, value: np.ndarray) -> bool:
    if want.dtype.kind in "iub" or value.dtype.kind in "iub":
        return bool(np.array_equal(want, value))
    return compare.close(want, value)


def signs_of(name: str, sign: int | None) -> tuple:
    if not SIGNED.fullmatch(name):
        return (1,)
    return (sign,) if sign else (1, -1)


@dataclass
class Departure:
    record: object                   # the learner's Record that first departs
    quantity: str | None             # the contract's name it should hold (None: unknown, a suspect only)
    expected: np.ndarray | None
    update: int
    suspect: object | None = None    # an own-named local before it that held no quantity
    seen: set = field(default_factory=set)
    sign: int | None = None
    sign_record: object | None = None
    pinned: set = field(default_factory=set)   # quantities of that update put right before it


@dataclass
class Matcher:
    """The reference's `Replay` of K updates, the spec's names, and what the learner's records showed."""

    ref: Replay
    names: set
    params: tuple
    body: range
    updates: int
    sign: int | None = None
    sign_record: object | None = None

    def _index(self, name: str) -> int:
        return next((i for i, ln in enumerate(self.ref.lines) if ln.target == name), -1)

    def _named_fits(self, r, u: int, later: list) -> bool:
        q = r.name
        s = fits(r.value, self.ref.value(u, q), signs_of(q, self.sign))
        if s is not None:
            if SIGNED.fullmatch(q) and self.sign is None:
                self.sign, self.sign_record = s, r
            return True
        if q in self.params or q.startswith("v"):
            if fits(r.value, self.ref.before(u, q)) is not None:
                return True   # not updated yet (a copy, or the line before its update)
        at = self._index(q)
        for st in self.ref.of(u):   # it became a later quantity (`l1 *= d1`)
            if st.index > at and fits(r.value, st.value, signs_of(st.target, self.sign)) is not None:
                return True
        want = self.ref.value(u, q)   # a line split in two: a later record of the name puts it right
        return any(o.name == q and fits(o.value, want, signs_of(q, self.sign)) is not None for o in later)

    def _shaped(self, r, u: int) -> bool:
        """A contract's name holding an array of another shape is a name of the learner's own
        (`b1` for the hidden layer's bias, counted from 1)."""
        want = self.ref.value(u, r.name)
        return want is not None and want.shape == r.value.shape

    def _own_fits(self, r, u: int) -> bool:
        for st in self.ref.of(u):
            for v in [st.value] + st.parts:
                if fits(r.value, v, (1, -1), transposed=True) is not None:
                    return True
        return any(fits(r.value, self.ref.before(u, p)) is not None for p in self.params)

    def first(self, records: list, put_right: dict) -> Departure | None:
        seen: dict[int, set] = {}
        pinned: dict[int, set] = {}
        suspect = None
        mine = [r for r in records if r.line in self.body and 1 <= r.passes <= self.updates]
        for k, r in enumerate(mine):
            u = r.passes - 1
            if (r.line, r.count, r.name) in put_right:   # a departure found before, put right since
                pinned.setdefault(u, set()).add(put_right[(r.line, r.count, r.name)])
                suspect = None
                continue
            if r.name in self.names and self._shaped(r, u):
                later = [o for o in mine[k + 1:] if o.passes == r.passes]
                if self._named_fits(r, u, later):
                    seen.setdefault(u, set()).add(r.name)
                    if suspect is not None and suspect.passes == r.passes:
                        suspect = None
                    continue
                q = r.name
                want = self.ref.value(u, q)
                s = (self.sign or 1) if SIGNED.fullmatch(q) else 1
                return Departure(r, q, None if want is None else s * want if want.dtype.kind == "f" else want,
                                 u, suspect if suspect is not None and suspect.passes == r.passes else None,
                                 set(seen.get(u, ())), self.sign, self.sign_record, set(pinned.get(u, ())))
            if not self._own_fits(r, u):
                suspect = suspect or r
        if suspect is not None:
            u = suspect.passes - 1
            return Departure(suspect, None, None, u, suspect, set(seen.get(u, ())), self.sign, self.sign_record,
                             set(pinned.get(u, ())))
        return None

    def later_named(self, records: list, dep: Departure) -> list:
        """The learner's named records of the departing update from the departure on (an edit that
        explains the departure should explain them too)."""
        start = next((k for k, r in enumerate(records) if r is dep.record), len(records))
        return [r for r in records[start:] if r.passes == dep.record.passes and r.name in self.names
                and r.line in self.body]

    def last_value(self, records: list, dep: Departure) -> np.ndarray:
        """The departing local as the learner's update left it (a mistake made over two lines)."""
        same = [r for r in records if r.name == dep.record.name and r.passes == dep.record.passes
                and r.line in self.body]
        return same[-1].value if same else dep.record.value
