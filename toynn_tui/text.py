"""Text from a learner's file or a student's folder, made safe to print on a terminal or write to a file.

An ESC or BEL in an exception message or a file name could otherwise retitle,
recolour or clear the terminal of whoever reads it (the learner, the teacher).
A lone surrogate (a file name's undecodable byte, or one an exception's
message holds) cannot be encoded at all: written as it is, it raised
UnicodeEncodeError and stopped whatever was writing, a whole class's grading.
"""
from __future__ import annotations

import re


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control and format characters shown as escapes (\\x1b).

    A lone surrogate is shown as `plain` shows it, so the text always encodes.
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in plain(text))


def plain(text: str) -> str:
    """`text` that encodes as UTF-8 whatever it holds: each lone surrogate shown as an escape.

    A file name whose bytes are not UTF-8 reaches Python as surrogates
    (os.fsdecode(b"caf\\xe9") is "caf\\udce9"): shown as the byte it was, "caf\\xe9".
    Any other lone surrogate (an exception's message can hold one) as "\\ud800".
    """
    text = str(text)
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if 0xDC80 <= ord(m.group()) <= 0xDCFF
                          else f"\\u{ord(m.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")
