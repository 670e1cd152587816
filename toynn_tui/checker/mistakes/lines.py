"""Which of the learner's lines a diagnosed mistake is about.

A diagnosis comes from comparing arrays, so it knows *what* went wrong but not
*where*. This module reads the learner's source as text (never runs it) and
picks the lines a mistake is usually made on: for "slope missing" the `*_delta
=` lines, for "syn1 updated before l1's error is computed" the syn1 update and
the l1_error line (their line numbers show the order), and so on. A file that
names things differently simply gets no lines: guessing wrong is worse than
showing nothing. Where the pattern would name a right line beside the wrong one
(a slope taken from the input: the sigmoid's line sits next to the deriv branch),
the lines come from parsing the file instead (`ast_lines`).

The text read is the graded snapshot (the job's source bytes: what ran, not what
is on disk by now), decoded as Python ran it (`files.source_text`) and numbered as
Python numbers its lines.
"""
from __future__ import annotations

import re
from pathlib import Path

from toynn_tui.checker.files import NotSource, Unreadable, read_regular, source_lines, source_text
from toynn_tui.checker.mistakes import ast_lines

MAX_LINES = 4
MAX_BYTES = 200_000

_UPDATE = r"\bsyn[01]\s*([-+*/]=|=\s*syn[01])"        # syn0 += ..., syn1 = syn1 - ...
_DRAW = r"\brandom\b|\bseed\s*\(|default_rng|\bRandomState\b"

# mistake id -> the lines, found by parsing the source: (line number, code)
_PARSED = {"slope-from-input": ast_lines.deriv_branch}

# mistake id -> (function whose body holds the line, or None for anywhere; regex of the lines)
_WHERE: dict[str, tuple[str | None, str]] = {
    "deriv-ignored": ("nonlin", r"\bderiv\b|\breturn\b"),
    "deriv-inverted": ("nonlin", r"\bderiv\b|\breturn\b"),
    "slope-formula": ("nonlin", r"\breturn\b"),
    "sigmoid-sign": ("nonlin", r"\bexp\b"),
    "sigmoid-formula": ("nonlin", r"\bexp\b"),
    "math-exp": (None, r"\bmath\.exp\b|from\s+math\s+import"),
    "draw-order-reversed": ("train", _DRAW),
    "not-seeded": ("train", _DRAW),
    "seeded-twice": ("train", _DRAW),
    "wrong-range": ("train", _DRAW),
    "transposed": ("train", _DRAW + r"|\.T\b.*$|\breturn\b"),
    "flattened": ("train", r"reshape|flatten|ravel|\breturn\b"),
    "ignores-seed": ("train", r"\bseed\s*\("),
    "no-update": ("train", _UPDATE),
    "wrong-sign": ("train", _UPDATE + r"|_error\s*="),
    "scaled-update": ("train", _UPDATE),
    "first-layer-frozen": ("train", _UPDATE),
    "second-layer-frozen": ("train", _UPDATE),
    "slope-missing": ("train", r"_delta\s*="),
    "slope-of-pre-sigmoid": ("train", r"_delta\s*="),
    "slope-of-wrong-layer": ("train", r"_delta\s*="),
    "error-not-delta": ("train", r"\bl1_error\s*="),
    "hidden-error-from-y": ("train", r"\bl1_error\s*="),
    "hidden-sigmoid-missing": ("train", r"\bl1\s*="),
    "syn1-updated-first": ("train", r"\bsyn1\s*([-+*/]=|=\s*syn1)|\bl1_error\s*="),
    "one-iteration-too-many": ("train", r"^\s*(for|while)\b"),
    "one-iteration-too-few": ("train", r"^\s*(for|while)\b"),
    "ignores-iterations": ("train", r"^\s*(for|while)\b"),
    "per-example-updates": ("train", r"^\s*(for|while)\b"),
    "returns-none": ("train", r"\breturn\b"),
    "wrong-shape": ("train", r"\breturn\b"),
}


def lines_for(mistake_id: str | None, file: Path, source: bytes | None = None) -> list[str]:
    """`exercise3.py:21: l2_delta = l2_error` for each line `mistake_id` is about (at most MAX_LINES).

    `source`: the file's bytes as graded (the job's snapshot); read from `file` only without it."""
    rule, parsed = _WHERE.get(mistake_id or ""), _PARSED.get(mistake_id or "")
    if rule is None and parsed is None:
        return []
    try:   # bounded and non-blocking: the file may have become a FIFO since it was graded
        data = source if source is not None else read_regular(file, MAX_BYTES)
        if len(data) > MAX_BYTES:
            return []
        text = source_text(data)
    except (Unreadable, NotSource):   # a file Python would not run has no line of a mistake to show
        return []
    name = Path(file).name
    if parsed is not None:
        return [f"{name}:{number}: {code}" for number, code in parsed(text)][:MAX_LINES]
    function, pattern = rule
    regex = re.compile(pattern)
    found = []
    for number, line in _body(source_lines(text), function):
        code = line.split("#", 1)[0].rstrip()
        if code.strip() and regex.search(code):
            found.append(f"{name}:{number}: {code.strip()}")
    return found[:MAX_LINES]


def _body(lines: list[str], function: str | None):
    """(line number, line) of the body of top-level `def function`, or of the whole file."""
    inside = function is None
    for number, line in enumerate(lines, start=1):
        if function is not None and line and not line[0].isspace() and not line.startswith("#"):
            inside = bool(re.match(rf"def\s+{re.escape(function)}\s*\(", line))
            continue
        if inside:
            yield number, line
