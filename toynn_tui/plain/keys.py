"""Plain mode's keys: the app's own key table, read one character at a time from stdin.

The table is made from the Textual bindings of the training screen and of the app
(`TrainingScreen.BINDINGS`, `ToynnApp.BINDINGS`), so plain mode takes the keys the TUI
takes and there is no second list to keep in step. Binding names become characters by
Textual's own naming of characters ("space" -> " ", "plus" -> "+", "ctrl+q" -> "\\x11").

From a terminal the keys are read as they are typed (cbreak mode: no Enter needed); from
a pipe or a file (a script, a screen reader's own input) they are read as the characters
of the stream, and newlines between them are ignored. The end of the stream ends the run.
"""
from __future__ import annotations

import os
import select
import sys
from dataclasses import dataclass

EOF = object()   # KeySource.read: the stream ended


@dataclass(frozen=True)
class Key:
    """One key of the table: its action (the binding's) and how the footer names it."""

    action: str
    display: str
    description: str
    shown: bool        # in the footer (plain mode's list of keys names these)


def _character(name: str) -> str | None:
    """The character a Textual key name stands for ("plus" -> "+"), None for keys that are
    not characters (f1)."""
    from textual.keys import _character_to_key

    name = name.strip()
    if name.startswith("ctrl+") and len(name) == 6 and name[5].isalpha():
        return chr(ord(name[5].lower()) - 96)
    for code in range(32, 127):
        if _character_to_key(chr(code)) == name:
            return chr(code)
    return None


def key_table() -> dict[str, Key]:
    """Character -> Key, from the training screen's and the app's bindings (the screen's first,
    as Textual looks them up)."""
    from toynn_tui.app import ToynnApp
    from toynn_tui.screens.training import TrainingScreen

    table: dict[str, Key] = {}
    for binding in (*TrainingScreen.BINDINGS, *ToynnApp.BINDINGS):
        names = binding.key.split(",")
        display = binding.key_display or _character(names[0]) or names[0]
        for name in names:
            ch = _character(name)
            if ch is not None and ch not in table:
                table[ch] = Key(binding.action, "space" if display == " " else display, binding.description,
                                binding.show)
    return table


class KeySource:
    """Keys from a stream: as typed (a terminal, cbreak mode) or as its characters (a pipe)."""

    def __init__(self, stream=None) -> None:
        self.stream = stream if stream is not None else sys.stdin
        self.live = _isatty(self.stream)   # a person types: play runs while waiting for keys
        self._saved = None
        if self.live:
            import termios
            import tty

            fd = self.stream.fileno()
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)

    def read(self, timeout: float | None = None):
        """The next key's character; None if none came within `timeout` (live only); EOF at the end."""
        while True:
            if self.live:
                fd = self.stream.fileno()
                if not select.select([fd], [], [], timeout)[0]:
                    return None
                data = os.read(fd, 1)
                if data == b"":
                    return EOF
                if data == b"\x1b":   # an arrow or function key's sequence: not a key of the table
                    while select.select([fd], [], [], 0.01)[0] and os.read(fd, 16):
                        pass
                    continue
                ch = data.decode("utf-8", errors="ignore")   # (a byte of a longer character: skipped)
            else:
                ch = self.stream.read(1)
                if ch == "":
                    return EOF
            if ch not in ("\n", "\r", ""):
                return ch

    def close(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

