"""The exact wrong line(s) of any net's loop, found by values, and named only when a mistake fits.

`find(job, rung, name, start)` runs the learner's train for call `name`'s
settings once more in the sandbox, traced line by line, for K updates (one, or
as many as it takes for a mistake that shows later: the second epoch's new
shuffle, a second dropout mask, a velocity carried over). The reference's value
of every line of the spec's loop comes from the engine (`linevalues.replay`,
from the learner's own starting parameters and the draws that follow the seed).
`rungmatch` finds the first record that departs. Then:
- it is *named* only when replaying a mistake (an edit of the spec's lines,
  `mistakes.edits.every`) from the reference's own state at that update gives
  the learner's very value there, and leaves every quantity the learner got
  right as it was;
- otherwise it says where the file departs, with the contract's own line;
- the reference's value is put in place after that line and the trace runs
  again, so every mistake of the file is found, in loop order.
The loop run more or fewer times than asked, or a whole epoch per iteration,
is read from how often the loop's lines ran (`rungloop`).
"""
from __future__ import annotations

import ast

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare, rungname
from toynn_tui.checker.linevalues import Replay, replay
from toynn_tui.checker.mistakes import get
from toynn_tui.checker.mistakes.layer_edits import MISTAKES as OPTION_MISTAKES
from toynn_tui.checker.rungloop import (Loop, code, count_finding, epochs, examples_or_batches, loop_of, statements,
                                        updates_for)
from toynn_tui.checker.rungmatch import Departure, Matcher
from toynn_tui.checker.sandbox import Call
from toynn_tui.checker.trace import Finding
from toynn_tui.i18n import _

MAX_FINDINGS = 4
MAX_RUNS = 6       # traced runs of one file: a mistake found again in a later update costs one


def _should(dep: Departure, lines) -> str:
    line = next((ln for ln in lines if ln.target == dep.quantity), None)
    text = line.text if line else dep.quantity
    return _("{name} is not the contract's `{line}` (from update {update} on)").format(
        name=dep.quantity, line=text, update=dep.update + 1)


def _finding(dep: Departure, m: Matcher, records, spec, src, returned) -> list[Finding]:
    """The finding(s) of one departure: the line, named when a mistake fits (and the other line of a
    mistake that moved a line: its new place)."""
    mine = m.last_value(records, dep)
    edit, on, moved = rungname.name(dep, m, mine, spec, records, returned)
    mistake = edit.mistake if edit else None
    on_line = _assigned(src, edit.at) if edit is not None and edit.at else None
    if edit is not None and on_line is None and dep.quantity not in (changed := edit.changed(spec)):
        # the mistake is on a line that computed nothing new (a draw skipped): the line that writes it
        on_line = _assigned(src, tuple(changed), m.body)
    if on_line is not None:
        on = type(on)(on_line, on.count, on.name, on.value, on.passes)
    f = Finding(on.line, code(src, on.line), dep.quantity or "value", mistake, dep.expected, mine, dep.record.passes,
                dep.record.name if dep.quantity else None, dep.record.line)
    if mistake is None:
        f.should = _should(dep, m.ref.lines) if dep.quantity else \
            _("{name} holds none of the contract's quantities (update {update})").format(name=on.name, update=dep.update + 1)
    return [Finding(r.line, code(src, r.line), r.name, mistake) for r in moved] + [f]


def _same_mistake(a: Finding, b: Finding) -> bool:
    return a.mistake is not None and b.mistake is not None and a.mistake.id == b.mistake.id


def _assigned(src: list[str], names: tuple[str, ...], within: range | None = None) -> int | None:
    """The line of train (within `within`) that assigns one of `names` (`batches = ...`, `order = ...`)."""
    try:
        tree = ast.parse("\n".join(src))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in names for t in node.targets) \
                and (within is None or node.lineno in within):
            return node.lineno
    return None


def _merge_sign(findings: list[Finding], m: Matcher, spec, src) -> list[Finding]:
    """Every weight 'updated with the wrong sign' under an error of the opposite sign: one mistake,
    on the error's line (error = output - y with += updates)."""
    signs = [f for f in findings if f.mistake is not None and f.mistake.id == "wrong-sign"]
    weights = [n for n in spec.param_names if n.startswith("syn")]
    if m.sign == -1 and m.sign_record is not None and len(signs) == len(weights) == len(
            {f.node for f in signs}):
        r = m.sign_record
        rest = [f for f in findings if f not in signs]
        return [Finding(r.line, code(src, r.line), r.name, get("wrong-sign"))] + rest
    return findings


class Unseeded(Exception):
    """The learner's train draws another start at every call, and its loop draws too (shuffles, masks):
    no run of it can be compared with the reference's, update for update."""


def _reproducible(job, first, X, y, target, kwargs, seed, spec) -> bool:
    """A third call of iterations=0 gives the second's numbers (they only differ from the start the
    checks saw by what its loop did: one iteration too many, say), so the seed is there."""
    third = job.run({"X": X, target: y}, [Call("train", ("X", target), {**kwargs, "iterations": 0, "seed": seed},
                                               len(spec.param_names))]).calls
    return bool(third) and third[0].status == "ok" and compare.same(first.arrays, third[0].arrays)


def _pinned_start(call, loop: Loop, spec: engine.Spec):
    """The start one unseeded run drew, read off its draw lines, and the substitutions that make every
    later traced run start from it (its loop draws nothing, so the rest is then the same)."""
    if spec.batch_size is not None or spec.dropout is not None:
        raise Unseeded()
    shapes = spec.param_shapes()
    found = {}
    for r in call.trace.records:
        if r.line >= loop.header:
            continue
        which = r.name if r.name in shapes and r.value.shape == shapes[r.name] else next(
            (n for n in spec.param_names if n not in found and r.value.shape == shapes[n]), None)
        if which is not None and which not in found and r.value.shape == shapes[which]:
            found[which] = r
    if set(found) != set(spec.param_names) or not compare.same([found[n].value for n in spec.param_names],
                                                               call.arrays):
        raise Unseeded()
    refs = {f"start{j}": found[n].value for j, n in enumerate(spec.param_names)}
    subs = [[found[n].line, found[n].count, found[n].name, f"start{j}"] for j, n in enumerate(spec.param_names)]
    return [found[n].value for n in spec.param_names], subs, refs


def find(job, rung, name: str, start: list[np.ndarray], updates: int | None = None) -> list[Finding]:
    """Every wrong line of the learner's first updates for call `name`, in loop order."""
    source = job.source.decode("utf-8", "replace")
    loop, src, starts = loop_of(source), source.splitlines(), statements(source)
    if loop is None:
        return []
    target, seed, _iterations, kwargs = rung.calls[name]
    spec = rung.spec_of(name)
    X, y = rung.inputs["X"], rung.inputs[target]
    k = updates or updates_for(spec, len(X))
    started = _start(job, loop, start, X, y, target, kwargs, seed, spec)
    if started is None:
        return []
    start, subs, refs = started
    put_right, findings = {}, []
    net = engine.Net(spec=spec.with_(iterations=k), seed=seed, X=X, y=y, weights=start)
    ref = replay(net, k)
    names = set(engine.lines.names(ref.lines)) | set(spec.param_names)
    m = Matcher(ref, names, tuple(spec.param_names), loop.body, k)
    counted_off = False
    epoch_net = engine.Net(spec=spec.with_(iterations=k), seed=seed, X=X, y=y, weights=start)
    for _run in range(MAX_RUNS):
        if len(findings) >= MAX_FINDINGS:
            break
        call = Call("train", ("X", target), {**kwargs, "iterations": k, "seed": seed}, len(spec.param_names),
                    trace=subs, passes=k + 2, watch=loop.watch)
        run = job.run({"X": X, target: y, **refs}, [call])
        result = run.calls[0] if run.calls else None
        if result is None or result.trace is None:
            break
        if not findings and (counted := epochs(result, loop, k, epoch_net, src)) is not None:
            return [counted]
        if loop.watch is None or examples_or_batches(result.trace, loop, k, spec):
            break   # updates inside a loop of their own: no line runs once per update to count them by
        if not findings and (counted := count_finding(result.trace, loop, k, spec, src)) is not None:
            findings.append(counted)
            if counted.mistake.id == "one-iteration-too-few":
                break   # the loop never ran its k updates: no update to judge
            counted_off = True   # the returned weights are not k updates': only the lines are judged
        m.sign, m.sign_record = None, None
        dep = m.first(result.trace.records, put_right)
        if dep is None:
            if not counted_off:
                findings += _unseen(result, ref, spec, start, src, result.trace)
            break
        returned = result.arrays if result.status == "ok" and not counted_off else None
        for found in _finding(dep, m, result.trace.records, spec, src, returned):
            found.line = starts.get(found.line, found.line)
            found.text = code(src, found.line)
            if not any(f.line == found.line and (f.node == found.node or _same_mistake(f, found)) for f in findings):
                findings.append(found)   # (the same line again in a later update is the same mistake)
        if dep.quantity is None or dep.expected is None:
            break   # a suspect alone: nothing known to put in its place
        key = f"ref{len(refs)}"
        refs[key] = dep.expected
        subs = subs + [[dep.record.line, dep.record.count, dep.record.name, key]]
        put_right[(dep.record.line, dep.record.count, dep.record.name)] = dep.quantity
    if subs and not findings and refs and all(k.startswith("start") for k in refs):
        raise Unseeded()   # right from the start it drew: only the start is wrong (said above)
    return _merge_sign(findings, m, spec, src)


def _start(job, loop, start, X, y, target, kwargs, seed, spec):
    """(start, subs, refs) the trace begins from: the learner's own start, or, when each call draws
    another (not seeded), the one this run drew, pinned in place; None when the start cannot be seen."""
    again = job.run({"X": X, target: y}, [Call("train", ("X", target), {**kwargs, "iterations": 0, "seed": seed},
                                               len(spec.param_names), trace=[], passes=3)]).calls
    if not again or again[0].status != "ok" or again[0].trace is None:
        return None
    if not compare.same(start, again[0].arrays) and not _reproducible(job, again[0], X, y, target, kwargs, seed, spec):
        return _pinned_start(again[0], loop, spec)   # another start each call: not seeded
    return start, [], {}


def _permutation(got, want) -> bool:
    """Every returned array is a different one of the right arrays (each used once: two equal returns
    are not a reordering of two different parameters)."""
    free = list(range(len(want)))
    for a in got:
        k = next((i for i in free if want[i].shape == a.shape and compare.close(want[i], a)), None)
        if k is None:
            return False
        free.remove(k)
    return not free


def _unseen(result, ref: Replay, spec, start, src, trace) -> list[Finding]:
    """No line departed, yet the run is wrong: a weight that never moves, or the return."""
    if result.status != "ok" or len(result.arrays) != len(spec.param_names):
        return []
    want = ref.params
    frozen = [n for n, got, s, w in zip(spec.param_names, result.arrays, start, want)
              if got.shape == s.shape and compare.close(s, got) and not compare.close(w, got)]
    if frozen:
        depth = spec.depth
        mistake = (get("no-update") if frozen == [n for n in spec.param_names if n.startswith("syn")] else
                   get("first-layer-frozen") if frozen == ["syn0"] else
                   get("second-layer-frozen") if frozen == ["syn1"] and depth == 2 else
                   OPTION_MISTAKES["bn-scale-not-learned"] if all(n[:4] in ("gamm", "beta") for n in frozen) else
                   OPTION_MISTAKES["frozen-layer"] if all(n.startswith("syn") for n in frozen) else
                   get("bias-not-updated") if all(n[0] == "b" and n[:4] != "beta" for n in frozen) else None)
        return [Finding(None, _("no line of the loop updates {names}").format(names=_(" or ").join(frozen)), frozen[0], mistake)]
    if compare.same(want, result.arrays):
        return []
    got = result.arrays
    # the right arrays in another order, or transposed: the return line. Anything else is not known
    # to be the return's fault (the loop may live in a method the trace does not see)
    reordered = _permutation(got, want)
    transposed = len(got) == len(want) and all(a.shape == w.T.shape and compare.close(w.T, a) for a, w in zip(got, want))
    if not (reordered or transposed):
        return []
    return [Finding(trace.return_line, code(src, trace.return_line), "return",
                    get("transposed") if transposed else get("wrong-shape"),
                    should=_("train returns {names}, in that order").format(names=", ".join(spec.param_names)))]
