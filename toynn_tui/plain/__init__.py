"""`toynn-tui --plain`: training told as lines of text, for screen readers and logs.

No screen is drawn and nothing is redrawn: each change is one line on stdout (narrator.py),
so a screen reader reads it once and a log keeps it. The keys are the TUI's own (keys.py
makes them from the app's bindings) and do what they do there, on the same engine.

stdout may be a file or a pipe. stdin may be a terminal (keys as typed, play runs in real
time at the chosen speed) or a file or a pipe (a script of keys: there is no one to wait
for, so a play runs until training stops by itself before the next key is read). The run
ends at q (or ctrl+q) and at the end of stdin.
"""
from __future__ import annotations

import sys

from toynn_tui.i18n import _
from toynn_tui.plain.keys import EOF, KeySource, key_table
from toynn_tui.plain.narrator import Narrator
from toynn_tui.screens.session import Settings

FPS = 30   # frames a second while playing from a terminal, as the TUI's timer


def keys_line(table) -> str:
    """The keys as the footer lists them: each action once, under its first key."""
    seen: dict[str, str] = {}
    for key in table.values():
        if key.shown and key.action not in seen:
            seen[key.action] = f"{key.display} {key.description}"
    return ", ".join(seen.values())


def run(settings: Settings, stdin=None, stdout=None) -> None:
    """Narrate training on `settings`, reading keys from `stdin` until q or its end."""
    out = stdout if stdout is not None else sys.stdout

    def write(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    table = key_table()
    keys = KeySource(stdin)
    narrator = Narrator(settings, write)
    try:
        narrator.intro(keys_line(table))
        _loop(narrator, keys, table, write)
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    finally:
        keys.close()
        narrator.session.close()


def _loop(narrator: Narrator, keys: KeySource, table, write) -> None:
    while True:
        playing = narrator.session.playing
        if playing and not keys.live:     # a script: play on until training stops by itself
            narrator.play_frame()
            continue
        ch = keys.read(1 / FPS if playing else None)
        if ch is EOF:
            return
        if ch is not None and not _press(narrator, table, ch, write):
            return
        if narrator.session.playing:
            narrator.play_frame()


def _press(narrator: Narrator, table, ch: str, write) -> bool:
    """Do what key `ch` does; False when it quits."""
    key = table.get(ch)
    if key is None:
        write(_("{key}: not a key here; ? lists the keys.").format(key=repr(ch)))
        return True
    if key.action == "quit":
        net = narrator.session.net
        write(_("quit at iteration {iteration}.").format(iteration=net.iteration))
        return False
    if key.action == "help":
        write(_("Keys: {keys}.").format(keys=keys_line(table)))
        return True
    getattr(narrator, f"action_{key.action}")()
    return True
