"""The trusted end of the child's pipe: read with bounds and a deadline, decode plain numbers.

The child (`child.py`) writes JSON lines to a pipe. Whatever is on that pipe
may have been written by the learner's code, so this side trusts nothing in
it: at most MAX_BYTES are kept, reading stops at a deadline even if some
process still holds the pipe open, a line that is not a JSON object is
dropped, and arrays are rebuilt from base64 bytes with our own dtype whitelist
and size limit (`decode`) - no pickle, no numpy file parser.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import selectors
import threading

import numpy as np

MAX_BYTES = 8 << 20          # a plan's answers are a few hundred KB
MAX_ELEMENTS = 10_000        # an array the checks can use
DTYPES = {"<f8", "<f4", "<i8", "<i4", "|b1", "<u8", "|u1", "|i1"}


class Reader:
    """Drains a pipe in a thread (so the child never blocks on a full pipe) into a bounded buffer."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.data = bytearray()
        self.over = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="toynn-child-pipe", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(self.fd, selectors.EVENT_READ)
            while not self._stop.is_set():
                if not sel.select(timeout=0.1):
                    continue
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return
                room = MAX_BYTES - len(self.data)
                self.data += chunk[:max(0, room)]
                self.over += max(0, len(chunk) - max(0, room))

    def finish(self, grace: float) -> list[bytes]:
        """The lines read; waits at most `grace` s for the end of the pipe (the child is gone by now)."""
        self._thread.join(grace)
        self._stop.set()
        self._thread.join(1.0)
        if not self._thread.is_alive():
            os.close(self.fd)
        return bytes(self.data).split(b"\n")


def events(lines: list[bytes]) -> list[dict]:
    out = []
    for line in lines:
        try:
            e = json.loads(line)
        except (ValueError, RecursionError):
            continue   # a torn or forged line: ignore it
        if isinstance(e, dict):
            out.append(e)
    return out


def decode(item) -> np.ndarray | None:
    """An array from {"dtype", "shape", "data"}, or None when it is not a small array of plain numbers."""
    if not isinstance(item, dict) or item.get("dtype") not in DTYPES:
        return None
    shape = item.get("shape")
    if not isinstance(shape, list) or len(shape) > 4 or not all(type(n) is int and 0 <= n <= MAX_ELEMENTS
                                                                for n in shape):
        return None
    size = int(np.prod(shape, dtype=np.int64)) if shape else 1
    data = item.get("data")
    if size > MAX_ELEMENTS or not isinstance(data, str):
        return None
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    dtype = np.dtype(item["dtype"])
    if len(raw) != size * dtype.itemsize:
        return None
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def same_array(before: np.ndarray, after) -> bool:
    """Whether the child's `after` is exactly the array we sent: dtype, shape and every byte."""
    arr = decode(after)
    b = np.ascontiguousarray(before)
    return arr is not None and arr.dtype == b.dtype and arr.shape == b.shape and arr.tobytes() == b.tobytes()
