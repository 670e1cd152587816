"""`toynn start`: a fresh attempt file at a level, keeping every earlier attempt.

Levels:
- guided: the training loop's skeleton, with each line to write left as a
  `raise NotImplementedError("l1 = ...")` line saying what goes there. The
  blank is the raise itself, not a call to a helper, so the checker's "not
  written yet" points at the line to replace, and its hint ("replace the
  `raise NotImplementedError` line") is literally right;
- blank:  only the contract (docstring, data, the function's signature).

The learner's current `exercises/EXERCISE.py` is first *copied* into
`.toynn/attempts/EXERCISE/NNN-LEVEL.py` (exclusive create: an archive is never
overwritten), and only then is the fresh file written atomically (keeping the
file's mode). If the copy fails, the learner's file is left untouched.

Where an attempt came from (`toynn start` or `toynn drill`, its level and start
time) is recorded outside the file, in `.toynn/attempts/EXERCISE/current.json`
and then beside each archive as `NNN-LEVEL.json`: the header comment a fresh
file starts with is the learner's to delete, and a drill's file is often
rewritten whole. Only a file toynn never wrote is labelled "own".
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from toynn_tui.practice.workspace import atomic_write_text, attempts_dir, exercise_py
from toynn_tui.i18n import _

LEVELS = ("guided", "blank")
ORIGINS = ("start", "drill", "own")   # who made an attempt's file: toynn start, toynn drill, the learner
TEMPLATES = Path(__file__).resolve().parent / "templates"
HEADER = "# toynn attempt: {exercise}, level {level}, started {started}\n"
HEADER_RE = re.compile(r"^# toynn attempt: (?P<exercise>\S+), level (?P<level>\S+), started (?P<started>\S+)")

# Used only when the ladder's metadata (toynn_tui/ladder.toml) cannot be read.
FALLBACK_CONTRACTS = {
    "exercise1": "Write nonlin(x, deriv=False): the sigmoid of each element of the array x; with\n"
                 "deriv=True, x is a sigmoid output and its slope x*(1-x) is returned.",
    "exercise2": "Write train(X, y, iterations=10000, seed=1) -> syn0 of shape (3, 1): seed with\n"
                 "np.random.seed(seed), start from 2*np.random.random((3, 1)) - 1, then do `iterations`\n"
                 "full-batch updates of the 2-layer net. iterations=0 returns the starting weights.",
    "exercise3": "Write train(X, y, iterations=60000, seed=1) -> (syn0, syn1) of shapes (3, 4) and\n"
                 "(4, 1): seed with np.random.seed(seed), draw syn0 first, then syn1, each as\n"
                 "2*np.random.random(shape) - 1, then do `iterations` full-batch updates of the\n"
                 "3-layer net. iterations=0 returns the starting weights.",
}


class PracticeError(Exception):
    """A problem the learner can fix (unknown exercise, unknown level); shown as one line."""


def exercise_names() -> list[str]:
    """The ladder's exercises that have practice templates, in ladder order."""
    have = sorted({p.name.split(".")[0] for p in TEMPLATES.glob("*.py.tmpl")})
    try:
        from toynn_tui import ladder
        order = [ex.name for ex in ladder.load()]
        have += [ex.name for ex in ladder.load() if ex.rung]   # generated (rung_templates)
    except Exception:  # ladder not available: fall back to the templates we ship
        return have
    return [n for n in order if n in have] or have


def contract(exercise: str) -> str:
    """The exercise's contract text, from the ladder's metadata when it is available."""
    try:
        from toynn_tui import ladder
        text = ladder.get(exercise).contract
        if text and text.strip():
            return text.strip()
    except Exception:
        pass
    return FALLBACK_CONTRACTS.get(exercise, "")


def render(exercise: str, level: str, started: datetime | None = None) -> str:
    """The text of a fresh attempt file."""
    if exercise not in exercise_names():
        raise PracticeError(_("unknown exercise {name} (choose from {names})").format(
            name=repr(exercise), names=", ".join(exercise_names())))
    if level not in LEVELS:
        raise PracticeError(_("unknown level {name} (choose from {names})").format(
            name=repr(level), names=", ".join(LEVELS)))
    started = started or datetime.now(timezone.utc)
    template = TEMPLATES / f"{exercise}.{level}.py.tmpl"
    if template.exists():
        body = template.read_text(encoding="utf-8")
    else:   # a network rung: made from its spec
        from toynn_tui import ladder
        from toynn_tui.practice import rung_templates
        body = rung_templates.render(ladder.get(exercise), level)
    text = contract(exercise).replace('"""', "'''").replace("\\", "\\\\")
    header = HEADER.format(exercise=exercise, level=level, started=_stamp(started))
    return header + body.replace("{{CONTRACT}}", "\n" + text + "\n")


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Attempt:
    path: Path
    number: int | None   # None for the current file
    level: str           # "guided", "blank", or "own" when toynn did not write the file
    started: str | None
    origin: str = "own"  # one of ORIGINS


def describe(path: Path, number: int | None = None) -> Attempt:
    """What an attempt file was: from its record beside it, else its header line, else "own"."""
    path = Path(path)
    rec = _read_record(path.with_suffix(".json"))
    if rec is None:
        rec = _from_header(path)
    if rec is None:
        return Attempt(path, number, "own", None, "own")
    return Attempt(path, number, rec["level"], rec["started"], rec["origin"])


def _from_header(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            m = HEADER_RE.match(f.readline())
    except OSError:
        return None
    if not m or m["level"] not in LEVELS:   # the level names the archive: never a path of the learner's
        return None
    return {"level": m["level"], "started": m["started"], "origin": "start"}


def _read_record(path: Path) -> dict | None:
    """A {level, started, origin} record, or None when missing or not one of ours."""
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(rec, dict) and rec.get("level") in LEVELS and rec.get("origin") in ORIGINS
            and isinstance(rec.get("started"), str)):
        return None
    return rec


def archived(workspace: Path, exercise: str) -> list[Attempt]:
    """Earlier attempts, oldest first."""
    out = []
    for p in attempts_dir(workspace, exercise).glob("*.py"):
        m = re.match(r"(\d+)-", p.name)
        if m:
            out.append(describe(p, int(m[1])))
    return sorted(out, key=lambda a: a.number)


@dataclass
class Started:
    path: Path              # the fresh file
    level: str
    kept: Attempt | None    # where the previous file went, if there was one
    earlier: list[Attempt]  # every archived attempt, oldest first


def start(workspace: Path, exercise: str, level: str = "guided",
          now: datetime | None = None, origin: str = "start") -> Started:
    """Archive the current file (if any) and write a fresh attempt at `level`.

    origin: "start" or "drill", recorded so the archive can say later which it was.
    """
    now = now or datetime.now(timezone.utc)
    text = render(exercise, level, now)  # validate before touching anything
    target = exercise_py(workspace, exercise)   # a notebook beside it is kept as it is
    kept = None
    if target.exists() and not _untouched_stub(exercise, target):   # the stub holds no work of yours
        kept = _archive(workspace, exercise, target)
    atomic_write_text(target, text)
    # After the file: a crash in between leaves the header, which names the same attempt.
    record = {"level": level, "started": _stamp(now), "origin": origin if origin in ORIGINS else "start"}
    atomic_write_text(_current_record(workspace, exercise), json.dumps(record))
    return Started(target, level, kept, archived(workspace, exercise))


def _current_record(workspace: Path, exercise: str) -> Path:
    return attempts_dir(workspace, exercise) / "current.json"


def _origin_of_current(workspace: Path, exercise: str, current: Path) -> dict | None:
    """Where the current file came from. The header (when the learner kept it) says which attempt
    it is; the record says whether start or drill made it, and stands in for a deleted header."""
    header = _from_header(current)
    rec = _read_record(_current_record(workspace, exercise))
    if header is None:
        return rec
    if rec is not None and rec["started"] == header["started"]:
        header["origin"] = rec["origin"]
    return header


def _untouched_stub(exercise: str, path: Path) -> bool:
    from toynn_tui import ladder
    try:
        return path.read_bytes() == ladder.get(exercise).stub.read_bytes()
    except (OSError, ladder.UnknownExercise):
        return False


def _archive(workspace: Path, exercise: str, current: Path) -> Attempt:
    folder = attempts_dir(workspace, exercise)
    folder.mkdir(parents=True, exist_ok=True)
    data = current.read_bytes()
    origin = _origin_of_current(workspace, exercise, current)
    level = origin["level"] if origin else "own"
    n = max((a.number for a in archived(workspace, exercise)), default=0) + 1
    while True:
        dest = folder / f"{n:03d}-{level}.py"
        try:
            with open(dest, "xb") as f:  # "x": never overwrite an earlier archive
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            break
        except FileExistsError:
            n += 1
    if origin is not None:
        try:
            atomic_write_text(dest.with_suffix(".json"), json.dumps(origin))
        except OSError:
            pass  # the archive itself is safe; it is only labelled less precisely
    return describe(dest, n)
