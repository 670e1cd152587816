"""Run a plan of calls on a learner's file in a sandboxed child process, and read back plain numbers.

The trusted side (the grading tests) decides what to call and with what; the
child (`child.py`) only executes it, behind the wall `launch` puts up
(bubblewrap: namespaces, no capabilities, a filesystem of only Python and
numpy; or, where no sandbox can start, rlimits alone). Around it, so that
nothing a file does can hang or harm the checker:
- the file is read here first (bounded, never a FIFO) and the child runs that
  snapshot, read-only;
- wall-clock timeout: the child leads its own process group and the whole
  group is killed when time is up (with bubblewrap its pid namespace too);
- RLIMIT_AS (memory), RLIMIT_CPU (a backstop to the timeout), RLIMIT_FSIZE
  (no file the child writes, its output included, can grow past a few MB);
- stdin closed; stdout/stderr to an unlinked file we read back truncated;
- answers come back on a pipe (`channel`): read with a byte cap and a
  deadline, arrays rebuilt from plain bytes, nothing opened by a path the
  child could have replaced. Whether the inputs were left unchanged is decided
  here, from the arrays as they were after each call.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from toynn_tui import procs
from toynn_tui.checker import channel, launch
from toynn_tui.checker.files import Unreadable, read_regular

MEMORY_LIMIT = 1 << 30          # bytes of address space for the learner's process
FILE_LIMIT = 8 << 20            # bytes any file the child writes may reach
OUTPUT_SHOWN = 4000             # characters of the learner's printing shown in a report
OUTPUT_ALLOWED = 64 * 1024      # bytes of printing a file may do (child.py keeps the same cap)
DEFAULT_TIMEOUT = 30.0          # seconds; a correct exercise 3 needs about 1 s here
READ_GRACE = 2.0                # seconds the pipe may stay open after the child ended


@dataclass
class Call:
    """One call of the plan: func(*inputs named in args, **kwargs), expected to return `returns` arrays."""

    func: str
    args: tuple[str, ...]
    kwargs: dict = field(default_factory=dict)
    returns: int = 1
    # trace the call line by line (None: don't); the list holds substitutions
    # [line, run count, local name, input name]: after that line's n-th run, the local becomes that input
    trace: list | None = None
    passes: int = 3     # runs of one line traced (more: a mistake that shows in a later update)
    watch: int | None = None   # the loop's first line: only its runs count the passes (see child.Tracer)


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


# prctl(PR_SET_PDEATHSIG, SIGKILL): the learner's process dies with the checker that
# started it, even when the checker itself is killed (by the learner's own file, say).
# libc is loaded here, not after fork: dlopen in a forked child is not safe.
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE = 1, 4
try:
    _LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except OSError:
    _LIBC = None


def _guard_this_process() -> None:
    """Make this (trusted) process non-dumpable: other processes of the same user, the
    learner's among them when it runs without the sandbox, can then no longer open
    /proc/<our pid>/fd/* or read our memory. Root is not stopped by it."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def _limits(timeout: float):
    """The rlimits of the process we start (bwrap passes them on to the learner's): the second wall."""
    parent = os.getpid()

    def apply() -> None:
        if _LIBC is not None:
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:   # the checker died before prctl took effect
                os._exit(1)
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        cpu = int(timeout) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_plan(file: Path, module: str, inputs: dict[str, np.ndarray], calls: list[Call],
             timeout: float | None = None, meanwhile: Callable[[], object] | None = None,
             source: bytes | None = None, on_spawn: Callable[[subprocess.Popen], None] | None = None) -> ChildRun:
    """Execute `calls` on the learner's `file` in a sandboxed child and collect what came back.

    `source`: the file's bytes as the trusted side read them (read here, bounded,
    when not given); the child runs that snapshot, read-only. `meanwhile`
    (trusted code, e.g. computing the reference answers) runs in this process
    while the child works: on two cores that time is free.
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    file = Path(file)
    _guard_this_process()
    launcher = launch.launcher()
    if source is None:
        try:
            source = read_regular(file)
        except Unreadable as exc:
            return _unreadable(len(calls), str(exc), launcher.isolation)
    jobdir = Path(tempfile.mkdtemp(prefix="toynn-check-"))
    try:
        plan = {"module": module, "inputs": sorted(inputs),
                "calls": [{"func": c.func, "args": list(c.args), "kwargs": c.kwargs, "returns": c.returns,
                           "trace": c.trace, "passes": c.passes,
                           "watch": c.watch} for c in calls]}
        (jobdir / "plan.json").write_text(json.dumps(plan))
        for name, arr in inputs.items():
            np.save(jobdir / f"in_{name}.npy", np.asarray(arr), allow_pickle=False)
        snapshot = jobdir / "exercise" / file.name
        snapshot.parent.mkdir()
        snapshot.write_bytes(source)
        scratch = jobdir / "scratch"   # the working folder without the sandbox (bwrap gives a tmpfs)
        scratch.mkdir()
        t0 = time.monotonic()
        ended, lines, output = _spawn(launcher, jobdir, snapshot, scratch, timeout, meanwhile, on_spawn)
        seconds = time.monotonic() - t0
        return _collect(lines, inputs, calls, ended, output, seconds, launcher.isolation)
    finally:
        shutil.rmtree(jobdir, ignore_errors=True)


def _unreadable(n: int, why: str, isolation) -> ChildRun:
    err = {"type": "OSError", "message": f"the file could not be read: {why}", "frames": []}
    return ChildRun(CallResult("exception", error=err), [CallResult("not-run", message="not reached") for _ in range(n)],
                    "", 0, "it never started", 0.0, isolation)


def _spawn(launcher, jobdir: Path, file: Path, scratch: Path, timeout: float,
           meanwhile: Callable[[], object] | None,
           on_spawn: Callable[[subprocess.Popen], None] | None = None) -> tuple[str, list[bytes], tuple[str, int]]:
    """Run the child; (how it ended, its event lines, its printed output)."""
    r, w = os.pipe()
    os.set_inheritable(r, False)
    job = launcher.launch(jobdir, file, scratch, w)
    reader = channel.Reader(r)
    # an unlinked file nobody else can open: the child's printing, capped by RLIMIT_FSIZE
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.Popen(job.argv, cwd=job.cwd, env=job.env, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=out, start_new_session=True,
                                    preexec_fn=_limits(timeout), pass_fds=job.keep_fds)
        finally:
            os.close(w)   # ours; the child has its own copy (or none, when it did not start)
        if on_spawn is not None:
            on_spawn(proc)
        reader.start()
        ended = _wait(proc, timeout, meanwhile, job.isolation.ok)
        lines = reader.finish(READ_GRACE)
        output = _read_output(out)
    return ended, lines, output


def _wait(proc: subprocess.Popen, timeout: float, meanwhile: Callable[[], object] | None,
          walled: bool = False) -> str:
    t0 = time.monotonic()
    try:
        if meanwhile is not None:
            meanwhile()
        code = proc.wait(timeout=max(0.0, timeout - (time.monotonic() - t0)))
    except subprocess.TimeoutExpired:
        procs.kill_group(proc)
        return f"it was stopped after the time limit of {timeout:g} s"
    except BaseException:
        procs.kill_group(proc)  # Ctrl-C in the checker: never leave the learner's process behind
        raise
    procs.kill_group(proc)      # anything the learner's file started in the background goes too
    if code == 0:
        return "normally"
    if walled and code > 128 and code - 128 in signal.valid_signals():
        code = 128 - code   # bwrap reports its child killed by signal N as exit 128 + N
    if code < 0:
        name = signal.Signals(-code).name
        why = {"SIGXCPU": "it used up its CPU time limit", "SIGKILL": "it was killed (out of memory?)",
               "SIGSEGV": "it crashed (segmentation fault)"}.get(name, f"it was killed by {name}")
        return why
    return f"the process exited with code {code}"


def _collect(lines: list[bytes], inputs: dict, calls: list[Call], ended: str, output: tuple[str, int],
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

    def result(key, call: Call | None) -> CallResult:
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


def _mutated(call: Call, inputs: dict, after) -> list[str]:
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


def _read_output(out) -> tuple[str, int]:
    """The head of what the child printed, and how many bytes past OUTPUT_ALLOWED it went."""
    try:
        size = os.fstat(out.fileno()).st_size
        out.seek(0)
        head = out.read(OUTPUT_SHOWN)
    except OSError:
        return "", 0
    return head.decode("utf-8", "replace"), max(0, size - OUTPUT_ALLOWED)
