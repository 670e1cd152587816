"""The reference's value of every line of a spec's loop, update by update, and of every part of it.

`replay(net, updates)` runs the engine's own `Net` line by line (the very lines
the code panel shows and the fast path compiles) and keeps, for each line run,
the value it wrote and the values of the sub-expressions of its right-hand side
(`np.dot(l1, syn1)`, `nonlin(l2, deriv=True)`, `l1.T.dot(l2_delta)` ...), taken
just before the line ran. A learner's local of a name of its own is judged by
whether it holds one of these: splitting a line in two, or merging two, changes
nothing. Random draws inside a part are evaluated on a copy of the random state,
so looking never changes the stream the line itself then draws from.

Trusted numpy only: the lines are our own generated text, never a learner's.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from toynn_tui.engine import Net, nonlin
from toynn_tui.engine.lines import Line


@dataclass
class Step:
    """One line run by the reference: what it wrote, and the values of its parts."""

    update: int
    index: int                 # the line's position in the loop
    target: str
    value: np.ndarray | None
    parts: list[np.ndarray] = field(default_factory=list)


@dataclass
class Replay:
    """`updates` updates of a net, line by line: every line's value, and the net at each update's start."""

    steps: list[Step]
    starts: list[Net]          # starts[u]: a copy of the net before update u (starts[-1]: after the last)
    lines: tuple[Line, ...]

    def of(self, update: int) -> list[Step]:
        return [s for s in self.steps if s.update == update]

    def value(self, update: int, name: str) -> np.ndarray | None:
        """`name` as update `update` left it (its line's value, or as it was when no line wrote it)."""
        written = [s.value for s in self.of(update) if s.target == name]
        if written:
            return written[0]
        after = self.starts[min(update + 1, len(self.starts) - 1)]
        v = getattr(after.s, name, None)
        return None if v is None else np.asarray(v)

    def before(self, update: int, name: str) -> np.ndarray | None:
        """`name` at the start of update `update` (a weight not moved yet)."""
        v = getattr(self.starts[update].s, name, None)
        return None if v is None else np.asarray(v)

    @property
    def params(self) -> list[np.ndarray]:
        return [np.array(w) for w in self.starts[-1].weights]


def _skip(node: ast.expr) -> bool:
    """Names, constants and module lookups (np.random) are no quantity a learner computes."""
    return isinstance(node, (ast.Name, ast.Constant, ast.Attribute, ast.keyword, ast.Slice, ast.Tuple))


@lru_cache(maxsize=512)
def _parts(text: str) -> tuple:
    """The compiled sub-expressions of a line's right-hand side (an augmented `a += e` adds `a + e`)."""
    tree = ast.parse(text)
    stmt = tree.body[0]
    if isinstance(stmt, ast.If):     # `if i % batches == 0: order = ...`: the draw is the part
        stmt = stmt.body[0]
    value = getattr(stmt, "value", None)
    if value is None:
        return ()
    nodes = [n for n in ast.walk(value) if isinstance(n, ast.expr) and not _skip(n)]
    exprs = [ast.unparse(n) for n in nodes]
    if isinstance(stmt, ast.AugAssign):
        exprs.append(ast.unparse(ast.BinOp(stmt.target, stmt.op, value)))
    return tuple(compile(e, "<toynn part>", "eval") for e in dict.fromkeys(exprs))


def _evaluate_parts(net: Net, line: Line) -> list[np.ndarray]:
    ns = dict(vars(net.s))
    ns["i"] = net.iteration
    rng = np.random.RandomState()
    rng.set_state(net.s.np.random.get_state())
    mod = type(net.s.np)("numpy")
    mod.__dict__.update(net.s.np.__dict__)
    mod.random = rng
    out = []
    with np.errstate(all="ignore"):
        for code in _parts(line.text):
            rng.set_state(net.s.np.random.get_state())   # each part draws as the line would
            ns["np"] = mod
            try:
                v = eval(code, {"nonlin": nonlin}, ns)    # our own generated text, never a learner's
            except Exception:   # a part that needs what the line binds (none today): not a quantity
                continue
            if isinstance(v, np.ndarray) and v.ndim:
                out.append(np.array(v))
    return out


def replay(net: Net, updates: int, parts: bool = True, pin: dict | None = None) -> Replay:
    """Run `updates` whole updates of `net` (from between updates) line by line, keeping every value.
    `pin`: name -> value put in place right after the line writing it (what the trace put right)."""
    steps, starts = [], [net.copy()]
    for u in range(updates):
        for index, line in enumerate(net.loop):
            got = _evaluate_parts(net, line) if parts else []
            with np.errstate(all="ignore"):
                net.step_line()
            if pin and line.target in pin:
                setattr(net.s, line.target, np.array(pin[line.target]))
            v = getattr(net.s, line.target, None)
            steps.append(Step(u, index, line.target, None if v is None else np.array(v), got))
        starts.append(net.copy())
    return Replay(steps, starts, net.loop)


def replay_update(start: Net, lines: tuple[Line, ...], parts: bool = True, pin: dict | None = None) -> Replay | None:
    """One update of `lines` (a mistake's edit) from the reference's own state `start`, or None when
    the edited lines cannot run there (a shape they break)."""
    try:
        twin = start.copy(lines)
        with np.errstate(all="ignore"):
            return replay(twin, 1, parts, pin)
    except Exception:   # an edit that cannot run from here is not what the learner did
        return None
