"""What the value trace found: one wrong line of the learner's file (`Finding`), as the report shows it.

The trace itself is one mechanism for every net (`rungtrace`, `rungmatch`,
`rungname`: the learner's arrays matched against the engine's value of every
line of the spec's loop; `rungstart` for the draws before it). This module
keeps what every check and report shares: the finding, and the loop's own
line for a mistake of the iteration count seen only in the weights.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np

from toynn_tui.checker.mistakes.catalogue import Mistake



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
