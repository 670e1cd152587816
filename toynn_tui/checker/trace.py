"""The exact wrong line(s), found by values: trace the learner's first iteration and match it.

`find(...)` runs the learner's `train(X, y, iterations=1)` in the sandbox once
more, traced line by line (child.Tracer records every local array after every
line), and matches each recorded array against the reference's quantities of
that iteration, computed from the learner's *own* starting weights
(`lines.nodes`):
- a local named as in the article (l1, l2_delta, syn1 ...) must hold that quantity;
- a local of another name must hold *some* quantity (an alias, a slope, a
  transposed copy), so splitting or merging lines changes nothing;
- the first line whose value departs is *the* line. Then the trace is run
  again with the reference's value put in place right after that line, and
  the next departing line is found, and so on: every mistake, in loop order.
Also: the loop body run more or less than once (the iteration count), a
weight no line updates, and a return of the wrong arrays. Everything is decided
here, from plain arrays; the child only records and substitutes.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

import numpy as np

from toynn_tui.checker import lines as L
from toynn_tui.checker.compare import close
from toynn_tui.checker.mistakes.catalogue import Mistake, get
from toynn_tui.checker.sandbox import Call, run_plan

MAX_FINDINGS = 4


@dataclass
class Finding:
    line: int | None           # 1-based line of the learner's file (None: no line does it)
    text: str                  # that line's code
    node: str                  # the quantity it should compute ("l2_delta"), or "loop" / "return"
    mistake: Mistake | None
    expected: np.ndarray | None = None
    yours: np.ndarray | None = None
    count: int = 1             # the line's run it was seen on
    # the local that went wrong and after which line: where the reference value is put to go on
    local: str | None = None
    local_line: int | None = None
    should: str = ""           # no known mistake fits: what the line should compute, in the contract's words

    @property
    def title(self) -> str:
        if self.mistake:
            return self.mistake.title
        return self.should or f"{self.node} is not the article's"

    def where(self, file_name: str) -> str:
        """`exercise3.py:26: l2_delta = l2_error — slope missing from the delta`, as the report shows it."""
        at = f"{file_name}:{self.line}: {self.text}" if self.line else f"{file_name}: (no line) {self.text}"
        return f"{at} — {self.title}"

    def to_json(self) -> dict:
        return {"line": self.line, "code": self.text, "quantity": self.node,
                "diagnosis": self.mistake.id if self.mistake else None, "title": self.title}


@dataclass
class Loop:
    header: int
    body: range


def loop_of(source: str, func: str = "train") -> Loop | None:
    """The first for/while loop of top-level `func` (read as text; the code is never run here)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == func:
            for sub in ast.walk(node):
                if isinstance(sub, (ast.For, ast.While)):
                    if any(isinstance(s, (ast.For, ast.While)) for b in sub.body for s in ast.walk(b)):
                        return None   # a loop in the loop (one example at a time): not traced line by line
                    return Loop(sub.lineno, range(sub.body[0].lineno, (sub.end_lineno or sub.lineno) + 1))
    return None


def _code(src: list[str], line: int | None) -> str:
    """The code of 1-based `line` of the learner's source, or "" when there is no such line."""
    return src[line - 1].strip() if line and 0 < line <= len(src) else ""


def _read(source: bytes) -> tuple[Loop | None, list[str]]:
    text = source.decode("utf-8", "replace")
    return loop_of(text), text.splitlines()


def loop_line(source: bytes) -> Finding | None:
    """The loop's own line, for a mistake of the iteration count (seen in the weights, not in a line's value)."""
    loop, src = _read(source)
    return Finding(loop.header, _code(src, loop.header), "loop", None) if loop else None


@dataclass
class _State:
    sign: int | None = None
    seen: set = field(default_factory=set)


def first_finding(trace, returned: list[np.ndarray] | None, n: L.Nodes, loop: Loop, src: list[str],
                  put_right: dict | None = None) -> Finding | None:
    """The first wrong line of one traced iteration, or None when every line and the return are right.

    `returned`: the arrays train returned (None when it raised: then only the lines it ran are judged).
    `put_right`: (line, run, local) -> quantity, the lines already found wrong whose value the child
    replaced with the reference's (their record still shows the learner's value: skip it).
    """
    put_right = put_right or {}
    if trace.counts.get(loop.body.start, 0) != 1:
        returned = None   # its weights are not one iteration's: judge the first pass's lines only
    st = _State()
    suspect = None   # a line holding no quantity at all (kept until a named line shows the damage)
    for r in trace.records:
        if r.line not in loop.body or r.count != 1:
            continue
        fixed = put_right.get((r.line, r.count, r.name))
        if fixed is not None:
            st.seen.add(fixed)
            suspect = None
            continue
        st.seen.update(w for w in n.weights if close(n.values[w], r.value))
        if r.name in L.NAMED[n.layers]:
            s = L.matches(r.value, r.name, n, st.sign)
            if s is None:
                at = suspect or r
                return Finding(at.line, _code(src, at.line), r.name, L.name_mistake(r.name, r.value, n, st.sign),
                               L.expected(r.name, n, st.sign), r.value, r.count, r.name, r.line)
            if r.name in L.SIGNED:
                st.sign = s
            st.seen.add(r.name)
            suspect = None
            continue
        if not any(L.matches(r.value, q, n, st.sign) is not None for q in n.values):
            suspect = suspect or r
    if returned is None:
        return None   # it raised: the traceback names that line
    if suspect is not None and not _right(returned, n):
        # no article name showed the damage (renamed locals): the first line holding no quantity
        node, mistake = _guess(suspect.value, n, st.sign)
        return Finding(suspect.line, _code(src, suspect.line), node, mistake, None, suspect.value, suspect.count)
    frozen = [w for w in n.weights if w not in st.seen]   # no array ever holds their update
    if frozen:
        mistake = ({"syn0": "first-layer-frozen", "syn1": "second-layer-frozen"}[frozen[0]]
                   if len(frozen) == 1 and n.layers == 3 else "no-update")
        return Finding(None, f"no line of the loop updates {' or '.join(frozen)}", frozen[0], get(mistake))
    if not _right(returned, n):
        ret = trace.return_line
        return Finding(ret, _code(src, ret), "return", _return_mistake(returned, n.updated()))
    return None


def _right(returned: list[np.ndarray], n: L.Nodes) -> bool:
    want = n.updated()
    return len(returned) == len(want) and all(close(b, a) for a, b in zip(returned, want))


def _guess(value: np.ndarray, n: L.Nodes, sign: int | None) -> tuple[str, Mistake | None]:
    """For a local of a name of its own: the quantity of its shape whose known mistake it is."""
    for q in n.values:
        if q in ("l0", "y") or n.values[q].shape != value.shape:
            continue
        mistake = L.name_mistake(q, value, n, sign)
        if mistake is not None:
            return q, mistake
    return "value", None


def _return_mistake(returned, want) -> Mistake | None:
    if len(returned) == len(want) and all(a.shape == b.T.shape and close(b.T, a) for a, b in zip(returned, want)):
        return get("transposed")
    if len(returned) == 2 and len(want) == 2 and close(want[1], returned[0]) and close(want[0], returned[1]):
        return get("wrong-shape")
    return None


def loop_finding(trace, loop: Loop, src: list[str]) -> Finding | None:
    """The loop body run other than once for iterations=1: an iteration count mistake, on the loop's line."""
    passes = trace.counts.get(loop.body.start, 0)
    if passes == 1:
        return None
    mistake = get("one-iteration-too-many" if passes == 2 else
                  "ignores-iterations" if passes > 2 else "one-iteration-too-few")
    return Finding(loop.header, _code(src, loop.header), "loop", mistake)


def find(file, module: str, layers: int, X: np.ndarray, y: np.ndarray, start: list[np.ndarray],
         source: bytes, seed: int, timeout: float | None = None) -> list[Finding]:
    """Every wrong line of the learner's first iteration, in loop order (at most MAX_FINDINGS runs)."""
    loop, src = _read(source)
    if loop is None:
        return []
    n = L.nodes(layers, X, y, start)
    subs: list[list] = []
    refs: dict[str, np.ndarray] = {}
    put_right: dict = {}
    findings: list[Finding] = []
    for _ in range(MAX_FINDINGS):
        call = Call("train", ("X", "y"), {"iterations": 1, "seed": seed}, layers - 1, trace=subs)
        run = run_plan(file, module, {"X": X, "y": y, **refs}, [call], timeout, source=source)
        result = run.calls[0]
        if result.trace is None:
            break
        if not findings and (counted := loop_finding(result.trace, loop, src)) is not None:
            findings.append(counted)
            if counted.mistake.id == "one-iteration-too-few":
                break   # the body never ran: no line to judge
        found = first_finding(result.trace, result.arrays if result.status == "ok" else None, n, loop, src,
                              put_right)
        if found is None:
            break
        findings.append(found)
        if found.local is None or found.expected is None:
            break   # nothing to put right and go on from (the loop count, a missing update, the return)
        key = f"ref{len(refs)}"
        refs[key] = found.expected
        subs = subs + [[found.local_line, found.count, found.local, key]]
        put_right[(found.local_line, found.count, found.local)] = found.node
    return findings


def find_draws(file, module: str, layers: int, X: np.ndarray, y: np.ndarray, source: bytes, seed: int,
               reference: list[np.ndarray], diagnosed: Mistake | None,
               timeout: float | None = None) -> list[Finding]:
    """The draw line(s) of the starting weights that give other numbers than the seeded draw.

    Traced `train(X, y, iterations=0)`: each array bound before the loop with a weight's
    shape (syn0 first, then syn1, or by the article's names) is compared with the
    seeded reference draw; every line that differs is named, with `diagnosed` (the
    mistake the start's numbers show) on the first.
    """
    loop, src = _read(source)
    call = Call("train", ("X", "y"), {"iterations": 0, "seed": seed}, layers - 1, trace=[])
    run = run_plan(file, module, {"X": X, "y": y}, [call], timeout, source=source)
    tr = run.calls[0].trace
    if tr is None:
        return []
    names = list(L.WEIGHTS[: layers - 1])
    findings, judged = [], set()
    for r in tr.records:
        if loop is not None and r.line >= loop.header:
            continue
        which = r.name if r.name in names else next(
            (w for w, ref in zip(names, reference) if w not in judged and r.value.shape in (ref.shape, ref.T.shape)), None)
        if which is None or which in judged:
            continue
        judged.add(which)
        ref = reference[names.index(which)]
        if not close(ref, r.value):
            findings.append(Finding(r.line, _code(src, r.line), which, None if findings else diagnosed, ref, r.value))
    return findings
