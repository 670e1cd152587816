"""Reading a file the learner controls, with bounds: never a hang, never unbounded memory.

A learner (or a student's submission folder) can put a FIFO, a device, or a
link to one where a source file is expected: a plain `open().read()` on a
FIFO waits for ever, on /dev/zero it fills the memory. Here the file is opened
without blocking, must be a regular file, and at most `limit` bytes are read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

SOURCE_LIMIT = 1 << 20    # bytes of a learner's source file we accept (the article's net is ~1 KB)


class Unreadable(Exception):
    """Why a file could not be read (a sentence for the learner)."""


def read_regular(path: Path, limit: int = SOURCE_LIMIT) -> bytes:
    """The file's bytes; Unreadable when it is not a regular file, cannot be opened or exceeds `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Unreadable(f"the file could not be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("it is not a regular file (a pipe, a device or a folder)")
        if info.st_size > limit:
            raise Unreadable(f"the file is {info.st_size} bytes, more than the {limit} a source file may have")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:   # it grew while we read
            raise Unreadable(f"the file is more than the {limit} bytes a source file may have")
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(f"the file could not be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
