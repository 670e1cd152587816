"""Submissions that are one file (a hard link) or hold the same bytes: each graded, and flagged "same as bob".

A hard link (`hank.py` and `bob.py` one inode) cannot be told from a file,
and a copy of a classmate's file is the same answer under another name: both
are graded as they are (each may be the student's own after all: two who
handed in the untouched stub), but each one's integrity flags name the
others ("same as bob", "same as bob & carol"), so the teacher sees them in the
gradebook's flags and the summary. The flag is found over the whole class
before it is cut into shards, so a shard's row can name a classmate graded
on another machine. Files that cannot be read here (a FIFO, a huge one) are
left to `classroom`, which gives them their error verdict.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections import defaultdict

from toynn_tui.checker.files import Unreadable, read_regular

NAMED = 3   # classmates named in one flag; more are counted ("& 4 more")


def flag(subs: list) -> None:
    """Add "same as ..." to the `flags` of every submission (with a `path`) that shares its file or bytes."""
    groups: dict[tuple, list] = defaultdict(list)
    for sub in subs:
        key = _key(sub.path)
        if key is not None:
            groups[key].append(sub)
    # a hard link is the same bytes too: grouping by content finds it with the copies
    for same in groups.values():
        if len(same) < 2:
            continue
        for sub in same:
            others = [o.student for o in same if o is not sub]
            shown = " & ".join(others[:NAMED]) + (f" & {len(others) - NAMED} more" if len(others) > NAMED else "")
            # not translated: flags are the gradebooks' machine-read values (like the checker's "os"),
            # the same in every language, so shards graded in two languages still merge and compare
            sub.flags.append(f"same as {shown}")


def _key(path) -> tuple | None:
    """What two identical submissions share: their bytes' sha256, or, for a file too big to read here,
    its inode (a hard link); None when it is not a regular file (`classroom` says why)."""
    if path is None:
        return None
    try:
        return ("bytes", hashlib.sha256(read_regular(path)).hexdigest())  # non-blocking, bounded
    except Unreadable:
        pass
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return ("inode", st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None
