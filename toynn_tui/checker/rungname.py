"""Naming a departure: which mistake, replayed from the reference's own state, IS the learner's value.

A mistake is an edit of the spec's lines (`mistakes.edits.every`). It is
replayed for the departing update from the state the reference reached before
it (the trace put every earlier departure right, so the learner's run was there
too), with the quantities the trace put right in this update pinned as well.
It names the departure only when all of this holds:
- it gives the learner's value of the departing quantity, as the learner's
  update left it;
- it leaves every quantity the learner got right in this update as it was;
- every weight it moves, the learner moved to the same place;
- for a departure seen only in a local of the learner's own name (no
  quantity), its run to the end gives the very parameters train returned.
Of several, the one that gives the most of the learner's later values wins.
Then the line: the learner's record that first holds the mistake's own value
(`out_delta = err`, not the line after it), and, for a mistake that moves a
line, that line in its new place as well.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare
from toynn_tui.checker.linevalues import Replay, replay, replay_update
from toynn_tui.checker.mistakes import edits, get, with_detail
from toynn_tui.checker.mistakes.catalogue import Mistake
from toynn_tui.checker.rungmatch import Departure, Matcher, fits, signs_of
from toynn_tui.i18n import _

PARAM = re.compile(r"(syn|b|gamma|beta|v)\d+$")


def agrees(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and fits(a, b) is not None


def _holds(alt: Replay, value: np.ndarray) -> bool:
    return any(fits(value, v, (1, -1), True) is not None for st in alt.of(0) for v in [st.value] + st.parts)


def _ends_as_returned(start, lines, updates: int, returned) -> bool:
    """The edited lines run from `start` to the end of the traced updates give `returned`."""
    if returned is None:
        return False
    try:
        with np.errstate(all="ignore"):
            tail = replay(start.copy(lines), updates, parts=False)
    except Exception:   # an edit that cannot run from here is not the learner's
        return False
    return compare.same(tail.params, returned)


def _about(m: Matcher, changed: list[str]) -> set[str]:
    """The parameters a mistake is about: those the lines it changes write, or whose lines read what
    they write (a velocity's weight, a delta's weight). A second mistake elsewhere is not its business."""
    out = {q for q in changed if PARAM.match(q)}
    for line in m.ref.lines:
        if PARAM.match(line.target) and any(re.search(rf"\b{re.escape(q)}\b", line.text) for q in changed):
            out.add(line.target)
    return out


def _consistent(dep: Departure, m: Matcher, alt: Replay, mine, later, start, lines, returned,
                edit_changed: list[str]) -> int | None:
    """How many of the learner's later values the edit's replay gives, or None when it is not the learner's."""
    u = dep.update
    if any(not agrees(alt.value(0, q), m.ref.value(u, q)) for q in dep.seen):
        return None   # the edit would also change what the learner got right
    if dep.quantity is None:
        held = any(fits(dep.record.value, st.value, (1, -1), True) is not None
                   and not agrees(st.value, m.ref.value(u, st.target)) for st in alt.of(0))
        return 0 if held and _ends_as_returned(start, lines, m.updates - u, returned) else None
    theirs, right = alt.value(0, dep.quantity), m.ref.value(u, dep.quantity)
    if theirs is None or agrees(theirs, right):
        return None   # the edit does not change this quantity
    if fits(mine, theirs, signs_of(dep.quantity, dep.sign)) is None:
        return None   # the learner's value, as its update left it, is not this mistake's
    about = _about(m, edit_changed)
    for r in later:
        want = alt.value(0, r.name)
        if (r is not dep.record and r.name in about and fits(r.value, want, signs_of(r.name, dep.sign)) is None
                and not agrees(want, m.ref.value(u, r.name))):
            return None   # the weight this mistake is about, moved elsewhere than the learner moved it
    return sum(fits(r.value, alt.value(0, r.name), signs_of(r.name, dep.sign)) is not None for r in later)


def name(dep: Departure, m: Matcher, mine: np.ndarray, spec: engine.Spec, records: list, returned):
    """(the edit, the record to point at, the records of a moved line) for a departure; (None, the
    suspect or the departing record, []) when no mistake of the library is the learner's."""
    start = m.ref.starts[dep.update]
    pin = {q: m.ref.value(dep.update, q) for q in dep.pinned}
    later = m.later_named(records, dep)
    best, best_score = None, -1
    for edit in edits.every(spec):
        lines = edit.lines(spec)
        # parts (sub-expressions) only where a suspect's value must be found among them
        alt = replay_update(start, lines, parts=dep.quantity is None, pin=pin)
        if alt is None:
            continue
        score = _consistent(dep, m, alt, mine, later, start, lines, returned,
                            edit.changed(spec) if edit.strict else [])
        if score is not None and score > best_score:
            best, best_score = edit, score
    if best is None:
        scaled = _scaled(dep, m, mine)
        return scaled, (dep.suspect or dep.record), []
    alt = replay_update(start, best.lines(spec), pin=pin)
    on = dep.suspect if dep.suspect is not None and _holds(alt, dep.suspect.value) else dep.record
    return best, _first_holding(dep, m, alt, records, best.changed(spec), on), _moved(dep, m, alt, records, best, spec)


@dataclass(frozen=True)
class Measured:
    """A mistake read off the learner's numbers rather than replayed: a step k times the contract's."""

    mistake: Mistake
    quantity: str
    at: tuple = ()
    strict: bool = False

    def changed(self, spec) -> list[str]:
        return [self.quantity]


def _scaled(dep: Departure, m: Matcher, mine: np.ndarray) -> Measured | None:
    """A weight's step that is c times the contract's (a learning rate, a mean): c measured, not guessed."""
    q = dep.quantity
    if q is None or not q.startswith(("syn", "b")) or q.startswith("beta"):
        return None
    before, right = m.ref.before(dep.update, q), m.ref.value(dep.update, q)
    if before is None or right is None or mine.shape != right.shape:
        return None
    step, got = (right - before).ravel(), (mine - before).ravel()
    if step.size < 2 or not np.any(step):   # one number is always some multiple of another: no evidence
        return None
    c = float(got.dot(step) / step.dot(step))
    if c <= 0 or abs(c - 1) < 1e-6 or not compare.close(before + c * (right - before), mine):
        return None
    # the factor must explain the departure, not sit within the tolerance of it (a small extra term, a
    # decay taken apart, leaves a step 1.001 times the contract's that no learning rate made)
    if np.abs(got - c * step).max() > 1e-3 * np.abs(got - step).max():
        return None
    n = len(m.ref.starts[0].X) if dep.update == 0 else None
    if n and abs(c * n - 1) < 1e-6:
        said = _("Measured: {name}'s step is 1/{n} of the contract's (a mean over the {n} examples).").format(name=q, n=n)
    else:
        said = _("Measured: {name}'s step is {factor} times the contract's.").format(name=q, factor=f"{c:.4g}")
    return Measured(with_detail(get("scaled-update"), said), q)


def _update_records(dep: Departure, m: Matcher, records: list) -> list:
    upto = next((k for k, r in enumerate(records) if r is dep.record), len(records))
    return [r for r in records[:upto + 1] if r.passes == dep.record.passes and r.line in m.body]


def _first_holding(dep: Departure, m: Matcher, alt: Replay, records: list, changed: list, on):
    """The learner's last record of the update, up to the departure, that holds the mistake's own value of
    a quantity the mistake changes (`out_delta = err` holds the slope-less delta): the mistake's line."""
    holding = [r for r in _update_records(dep, m, records) if r.line <= on.line and any(
        (v := alt.value(0, q)) is not None and not agrees(v, m.ref.value(dep.update, q))
        and fits(r.value, v, (1, -1), transposed=True) is not None for q in changed)]
    return holding[-1] if holding else on   # the last: `err = y - l2` holds it too, `out_delta = err` makes it


def _moved(dep: Departure, m: Matcher, alt: Replay, records: list, edit, spec) -> list:
    """For a mistake that moves a line (syn1 updated before l1's error): the learner's line in its new
    place, found by name before the departure."""
    lines = edit.lines(spec)
    if sorted(ln.text for ln in lines) != sorted(ln.text for ln in m.ref.lines):
        return []   # not a move: every line it changes computes something else
    names = [q for q in edit.changed(spec) if agrees(alt.value(0, q), m.ref.value(dep.update, q))]
    if not names or dep.quantity in names:
        return []
    return [r for r in _update_records(dep, m, records) if r.name in names and r is not dep.record][:1]
