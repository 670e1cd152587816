"""The child's answers as the trusted side reads them back: every array decoded, every verdict input checked here.

`sandbox.run_plan` hands this module the raw event lines the child wrote on its
pipe; nothing in them is trusted: a call's answer counts only once (the first),
arrays are rebuilt from plain bytes and must be small float64 arrays, and
whether the inputs were left unchanged is decided from the arrays as they were
after each call against our own copies.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from toynn_tui.checker import channel, launch


@dataclass
class CallResult:
    status: str                       # ok | exception | bad-return | missing | not-run | died
    arrays: list = field(default_factory=list)
    error: dict | None = None         # type, message, frames [[line, text], ...]
    message: str = ""
    mutated: list = field(default_factory=list)
    dtypes: list = field(default_factory=list)    # dtype of each returned array as the learner made it
    trace: "Trace | None" = None


@dataclass
class Record:
    """One local array after one line of a traced call."""

    line: int
    count: int      # how many times that line had run
    name: str
    value: np.ndarray
    passes: int = 0   # runs of the watched line (the loop's first) when it was made: the update, from 1


@dataclass
class Trace:
    records: list[Record]
    counts: dict[int, int]     # line -> times it ran
    return_line: int | None


@dataclass
class ChildRun:
    imported: CallResult
    calls: list[CallResult]
    output: str
    dropped: int                      # bytes printed past OUTPUT_ALLOWED (a flood)
    ended: str                        # "normally" or why the process ended early
    seconds: float
    isolation: launch.Isolation = launch.Isolation("none", False)
    walls: str = ""                   # which limits held (limits.CheckLimits.walls)
    memory_peak: int | None = None    # bytes the check's processes held at most, where a cgroup counts it


def collect(lines: list[bytes], inputs: dict, calls: list, ended: str, output: tuple[str, int],
             seconds: float, isolation) -> ChildRun:
    """The run as the trusted side reads it: every array decoded and every verdict input checked here."""
    evs = channel.events(lines)
    if ended == "normally" and not any(e.get("event") == "finished" for e in evs):
        ended = "the process ended in the middle of it (os._exit, or a crash)"
    started = {e.get("call") for e in evs if e.get("event") == "start"}
    done = {}
    for e in evs:   # the first answer to a call counts: a later line is not the child's
        if e.get("event") == "done" and isinstance(e.get("call"), (int, str)):
            done.setdefault(e["call"], e)
    dropped = max([_int(e.get("dropped")) for e in done.values()] or [0])

    def result(key, call) -> CallResult:
        if key in done:
            e = done[key]
            status = e.get("status") if e.get("status") in ("ok", "exception", "bad-return", "missing") else "died"
            r = CallResult(status, error=_error(e.get("error")), message=str(e.get("message") or "")[:2000])
            if call is not None and status in ("ok", "bad-return"):
                r.mutated = _mutated(call, inputs, e.get("after"))
            if call is not None and call.trace is not None:
                r.trace = _trace(e.get("trace"))
            if isinstance(e.get("dtypes"), list):
                r.dtypes = [d if isinstance(d, str) else None for d in e["dtypes"]][:10]
            if status == "ok" and call is not None:
                r.arrays, problem = _arrays(e.get("arrays"), call.returns)
                if problem:
                    r.status, r.message = "bad-return", problem
            return r
        if key in started:
            return CallResult("died", message=f"the call never finished: {ended}")
        return CallResult("not-run", message=f"not reached: {ended}" if ended != "normally" else "not reached")

    text, dropped_file = output
    return ChildRun(result("import", None), [result(k, c) for k, c in enumerate(calls)], text,
                    dropped + dropped_file, ended, seconds, isolation)


def _int(value) -> int:
    return value if type(value) is int and value >= 0 else 0


def _error(err) -> dict | None:
    """The child's description of an exception, reduced to the plain fields the report shows."""
    if not isinstance(err, dict):
        return None
    frames = [[f[0], str(f[1])[:300]] for f in (err.get("frames") or [])[-5:]
              if isinstance(f, list) and len(f) == 2 and type(f[0]) is int]
    return {"type": str(err.get("type") or "")[:100], "message": str(err.get("message") or "")[:2000],
            "frames": frames}


def _mutated(call, inputs: dict, after) -> list[str]:
    """The inputs a call changed in place: the arrays as they were after the call vs our own copies."""
    if not isinstance(after, list) or len(after) != len(call.args):
        return list(call.args)   # not told what they became: count them as changed
    return [name for name, a in zip(call.args, after) if not channel.same_array(np.asarray(inputs[name]), a)]


def _trace(data) -> Trace | None:
    """The child's line-by-line record, every value rebuilt as a plain array (or dropped)."""
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        return None
    records = []
    for r in data["records"][:5000]:
        if not isinstance(r, dict) or type(r.get("line")) is not int or type(r.get("count")) is not int:
            continue
        value = channel.decode(r.get("value"))
        if value is not None and isinstance(r.get("name"), str):
            passes = r.get("pass") if type(r.get("pass")) is int else r["count"]
            records.append(Record(r["line"], r["count"], r["name"][:100], value, passes))
    counts = {}
    if isinstance(data.get("counts"), dict):
        for k, v in list(data["counts"].items())[:5000]:
            if isinstance(k, str) and k.isdigit() and type(v) is int:
                counts[int(k)] = v
    ret = data.get("return_line")
    return Trace(records, counts, ret if type(ret) is int else None)


def _arrays(items, count: int) -> tuple[list, str]:
    if not isinstance(items, list) or len(items) != count:
        return [], "its result could not be read back"
    arrays = []
    for item in items:
        arr = channel.decode(item)
        if arr is None or arr.dtype != np.float64:
            return [], "its result is not a small array of numbers"
        arrays.append(arr)
    return arrays, ""
