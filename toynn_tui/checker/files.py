"""Reading a file the learner controls, with bounds: never a hang, never unbounded memory; and its text.

A learner (or a student's submission folder) can put a FIFO, a device, or a
link to one where a source file is expected: a plain `open().read()` on a
FIFO waits for ever, on /dev/zero it fills the memory. Here the file is opened
without blocking, must be a regular file, and at most `limit` bytes are read.

`source_text` is the one way the trusted side turns those bytes into the text it
reads (the integrity scan, the lines a report quotes): the text Python runs,
decoded as `python3 file.py` decodes it (the encoding a BOM or coding line
declares, else UTF-8, strictly). Read any other way, a `# -*- coding: utf-7 -*-`
file hides `import os` inside what UTF-8 sees as a comment, and the lines quoted
are not the ones that ran.
"""
from __future__ import annotations

import codecs
import io
import os
import stat
import tokenize
from pathlib import Path

from toynn_tui.i18n import _

SOURCE_LIMIT = 1 << 20    # bytes of a learner's source file we accept (the article's net is ~1 KB)


class Unreadable(Exception):
    """Why a file could not be read (a sentence for the learner)."""


def read_regular(path: Path, limit: int = SOURCE_LIMIT) -> bytes:
    """The file's bytes; Unreadable when it is not a regular file, cannot be opened or exceeds `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Unreadable(_("the file could not be opened ({why})").format(why=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(_("it is not a regular file (a pipe, a device or a folder)"))
        if info.st_size > limit:
            raise Unreadable(_("the file is {size} bytes, more than the {limit} a source file may have").format(
                size=info.st_size, limit=limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:   # it grew while we read
            raise Unreadable(_("the file is more than the {limit} bytes a source file may have").format(limit=limit))
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(_("the file could not be read ({why})").format(why=exc.strerror or exc)) from None
    finally:
        os.close(fd)


class NotSource(ValueError):
    """Why Python would refuse to run a file's bytes: a sentence for the learner, and the line (1-based)."""

    def __init__(self, why: str, line: int = 1) -> None:
        super().__init__(why)
        self.line = line


def source_text(data: bytes) -> str:
    """The text Python runs for a source file's `data`, its line ends as Python reads them (\\r\\n, \\r: \\n).

    Decoded as `python3 file.py` does (tokenize.detect_encoding, then a strict decode): the
    encoding its BOM or `# -*- coding: ... -*-` line declares, UTF-8 without one. NotSource
    when Python would refuse the file for it: bytes that are not valid in that encoding (a
    stray Latin-1 byte in a comment of an undeclared file included), an unknown encoding.
    """
    try:
        encoding, _lines = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:   # an unknown encoding, a BOM beside another one, first lines not UTF-8
        if "invalid or missing" not in str(exc):   # that last one is found by the decode below, with its byte
            line = next((n for n, ln in enumerate(data.splitlines()[:2], 1) if b"coding" in ln), 1)
            raise NotSource(_("your file's encoding cannot be used at line {line} ({why}): "
                              "Python refuses to run it").format(line=line, why=exc), line) from None
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        utf8 = codecs.lookup(encoding).name == "utf-8"
        line = _line_of(data, exc.start)
        byte = data[exc.start:exc.start + 1].hex()
        if utf8:
            why = _("your file is not valid UTF-8 at line {line}: Python refuses to run it "
                    "(byte 0x{byte}; save the file as UTF-8)").format(line=line, byte=byte)
        else:
            why = _("your file is not valid {encoding} (the encoding your file declares) at line {line}: "
                    "Python refuses to run it (byte 0x{byte})").format(encoding=encoding, line=line, byte=byte)
        raise NotSource(why, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line, as Python counts lines (\\n, \\r\\n, \\r), that byte `offset` of `data` is on."""
    before = data[:offset]
    return len(before.splitlines()) + (not before or before.endswith((b"\n", b"\r")))


def source_lines(text: str) -> list[str]:
    """The lines of a source's text as Python numbers them (line N is item N - 1): split at \\n,
    \\r\\n and \\r only, not at the form feeds and separators str.splitlines also breaks at."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines
