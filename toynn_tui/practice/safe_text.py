"""Text as a gradebook file may hold it: CSV cells no spreadsheet runs as a formula, XML-legal text,
JSON that keeps an undecodable byte of a name, and messages on one line.

Shared by every gradebook writer (`gradebook`, `lms`), so each file format is as safe as the others.
"""
from __future__ import annotations

import re

from toynn_tui.text import plain

_XML_BAD = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_escapes(text: str) -> str:
    """JSON text with each lone surrogate as its \\u escape: valid UTF-8 that reads back as the same
    string (a name with an undecodable byte stays that student's name, in the shard it hashes to).
    A surrogate can only stand inside a JSON string, where the escape means exactly it."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_text(text: str) -> str:
    # surrogates as escapes first (two names differing in one undecodable byte stay two names)
    return _XML_BAD.sub("\ufffd", plain(text))


def csv_cell(text: str) -> str:
    text = plain(text)
    # A cell starting with = + - @ runs as a formula in spreadsheet apps, and so does one with
    # blanks before it (" =cmd"): the apps skip them. Keep it text (OWASP's CSV injection advice).
    formula = text.lstrip()[:1] in ("=", "+", "-", "@") or text[:1] in ("\t", "\r")
    return "'" + text if formula else text


def one_line(text: str, limit: int = 200) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
