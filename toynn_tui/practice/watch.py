"""Re-grade on save: poll a file and check it again whenever its content changes.

Polling (stat + a hash of the bytes, every `interval` seconds) needs no new
dependency and works with every editor, including those that save by writing a
temp file and renaming it over the original (the file is briefly missing: we
just wait). A change is graded only once the file has held still for one more
interval, so a half-written save is not graded.

`run_loop` takes its clock and sleep as arguments so tests can drive it
without waiting, and it is shared by `toynn watch` and `toynn drill`; the
exercises screen uses `signature` with Textual's set_interval instead.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from toynn_tui.checker.files import Unreadable, read_regular
from toynn_tui.practice.runner import Verdict

MAX_HASHED = 4 * 1024 * 1024  # an exercise file is tiny; a bigger one is not read every tick (its size says it changed)


def signature(path: Path) -> tuple | None:
    """What identifies the file's current content; None while it does not exist.

    Read without blocking and within bounds (`checker.files`): a FIFO there
    made open() wait for ever, freezing `toynn watch` and the exercises screen
    that polls this. A file that cannot be read has a signature all the same
    (why not, its size and time), so it is checked once and the check says why.
    """
    try:
        st = Path(path).stat()   # a stat of a FIFO does not block
    except OSError:
        return None
    try:
        digest = hashlib.sha1(read_regular(path, MAX_HASHED)).hexdigest()
    except Unreadable as exc:
        digest = str(exc)
    return (st.st_size, st.st_mtime_ns, st.st_mode, digest)


@dataclass
class LoopResult:
    reason: str               # "green" | "time-up" | "max-checks" | "stopped"
    checks: int               # how many checks ran
    last: Verdict | None      # the latest verdict
    elapsed: float            # seconds from start to the end of the loop
    green_at: float | None    # seconds from start to the save that turned it green


def run_loop(path: Path, check: Callable[[Path], Verdict], *,
             interval: float = 0.5,
             clock: Callable[[], float] = time.monotonic,
             sleep: Callable[[float], None] = time.sleep,
             limit: float | None = None,
             stop_on_green: bool = False,
             max_checks: int | None = None,
             on_check: Callable[[Verdict, int, float], None] | None = None,
             on_tick: Callable[[float, int, Verdict | None], None] | None = None,
             on_missing: Callable[[], None] | None = None,
             skip_current: bool = False) -> LoopResult:
    """Check `path` now and after every change until green / time up / max checks / Ctrl-C.

    skip_current: do not grade the content the file has now, only the next
    saves (a drill's fresh file is known to fail; its clock starts anyway).
    """
    t0 = clock()
    seen: tuple | None = signature(path) if skip_current else None
    checks, last, missing_told = 0, None, False

    def done(reason: str, green_at: float | None = None) -> LoopResult:
        return LoopResult(reason, checks, last, clock() - t0, green_at)

    try:
        while True:
            now = clock() - t0
            if limit is not None and now >= limit:
                return done("time-up")
            if on_tick is not None:
                on_tick(now, checks, last)
            sig = signature(path)
            if sig is None:
                if on_missing is not None and not missing_told:
                    on_missing()
                missing_told = True
            elif sig != seen:
                sleep(interval)  # let the save finish: grade only a file that held still
                if signature(path) != sig:
                    continue
                seen, missing_told = sig, False
                saved_at = now
                last = check(Path(path))
                checks += 1
                if on_check is not None:
                    on_check(last, checks, saved_at)
                if stop_on_green and last.status == "pass":
                    return done("green", saved_at)
                if max_checks is not None and checks >= max_checks:
                    return done("max-checks")
                continue
            sleep(interval)
    except KeyboardInterrupt:
        return done("stopped")
