"""The shape of a learner's training loop, read from the source and from how often its lines ran.

`loop_of` finds train's loop (its header, body, an inner loop of batches or
examples, and the first line that runs once per update); `statements` maps a
continued line to the statement it belongs to. From a traced run's line counts:
the loop run more or fewer times than asked (`count_finding`), an inner loop of
examples or batches (`examples_or_batches`), or a whole epoch per iteration,
named only when the numbers are those of k epochs (`epochs`).
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass

import numpy as np

from toynn_tui import engine
from toynn_tui.checker import compare
from toynn_tui.checker.mistakes import get
from toynn_tui.checker.mistakes.layer_edits import MISTAKES as OPTION_MISTAKES
from toynn_tui.checker.trace import Finding

MAX_UPDATES = 8   # updates traced at most (a mistake that shows in a later epoch needs a few)

@dataclass
class Loop:
    header: int
    body: range
    inner: int | None          # the header of a loop inside it (an epoch's batches, one example at a time)
    inner_first: int | None
    watch: int | None = None   # its first line that is no loop: runs once per update (None: there is none)


def loop_of(source: str) -> Loop | None:
    """The outermost loop of train (read as text; the code is never run here)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    train = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "train"), None)
    loops = [n for n in (train.body if train else []) if isinstance(n, (ast.For, ast.While))]
    if not loops:
        return None
    # the training loop, not one that draws the weights layer by layer before it
    counted = [n for n in loops if any(isinstance(x, ast.Name) and x.id == "iterations"
                                       for x in ast.walk(n.iter if isinstance(n, ast.For) else n.test))]
    outer = (counted or sorted(loops, key=lambda n: (n.end_lineno or n.lineno) - n.lineno))[-1 if not counted else 0]
    inner = next((n for b in outer.body for n in ast.walk(b) if isinstance(n, (ast.For, ast.While))), None)
    plain = next((n for n in outer.body if not isinstance(n, (ast.For, ast.While))), None)
    return Loop(outer.lineno, range(outer.body[0].lineno, (outer.end_lineno or outer.lineno) + 1),
                inner.lineno if inner else None, inner.body[0].lineno if inner else None,
                plain.lineno if plain else None)


def updates_for(spec: engine.Spec, rows: int) -> int:
    """How many updates to trace: enough for a mistake of the loop's own state to show."""
    k = 1
    if spec.batch_size:
        k = math.ceil(rows / spec.batch_size) + 1    # the second epoch's first update: its new shuffle
    if spec.dropout is not None or spec.momentum is not None:
        k = max(k, 2)                                # a second mask, a velocity carried over
    return min(k, MAX_UPDATES)


def code(src: list[str], line: int | None) -> str:
    return src[line - 1].strip() if line and 0 < line <= len(src) else ""


def loop_line(source: bytes) -> Finding | None:
    """The loop's own line, for a mistake of the iteration count seen in the weights, not in a line
    (none for a loop of loops: its count is not one line's)."""
    text = source.decode("utf-8", "replace")
    loop = loop_of(text)
    if loop is None or loop.inner is not None:
        return None
    return Finding(loop.header, code(text.splitlines(), loop.header), "loop", None)


def statements(source: str) -> dict[int, int]:
    """Every line of a simple statement -> the statement's first line (a record made on a
    continuation line of `z1_delta = (...\n ...)` belongs to the line the learner wrote it on)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not hasattr(node, "body"):
            for ln in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                out.setdefault(ln, node.lineno)
    return out


def count_finding(trace, loop: Loop, k: int, spec, src) -> Finding | None:
    """The loop run other than k times for iterations=k, or an inner loop running per iteration."""
    passes = trace.counts.get(loop.watch, 0)
    if passes == k or passes < k - 1:   # far fewer: the loop was left (a return before it), not miscounted
        return None
    mistake = get("one-iteration-too-many" if passes == k + 1 else
                  "ignores-iterations" if passes > k + 1 else "one-iteration-too-few")
    return Finding(loop.header, code(src, loop.header), "loop", mistake)


def examples_or_batches(trace, loop: Loop, k: int, spec) -> bool:
    """An inner loop that runs more often than a loop over the layers would: over examples or batches."""
    return loop.inner_first is not None and trace.counts.get(loop.inner_first, 0) > k * spec.depth + 1


def epochs(result, loop: Loop, k: int, net, src) -> Finding | None:
    """An inner loop ran more than once per iteration and train returned the parameters of k whole
    epochs: each iteration is an epoch (named only when the numbers are those of k epochs)."""
    if loop.inner_first is None or not net.spec.batch_size or result.status != "ok":
        return None
    if result.trace.counts.get(loop.inner_first, 0) <= k:
        return None
    epochs = net.copy()
    epochs.run(k * math.ceil(len(net.X) / net.spec.batch_size))
    if not compare.same([np.asarray(w) for w in epochs.weights], result.arrays):
        return None
    return Finding(loop.inner, code(src, loop.inner), "loop", OPTION_MISTAKES["epochs-not-updates"])
