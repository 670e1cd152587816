"""Text from a learner's file or a student's folder, made safe to print on a terminal.

An ESC or BEL in an exception message or a file name could otherwise retitle,
recolour or clear the terminal of whoever reads it (the learner, the teacher).
"""
from __future__ import annotations


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control and format characters shown as escapes (\\x1b)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))
