"""Run a plan of calls on a learner's file in a limited child process, and read back the results.

The trusted side (the grading tests) decides what to call and with what; the
child (`child.py`) only executes it. Limits, so that nothing a file does can
hang or harm the checker:
- wall-clock timeout: the child leads its own process group and the whole group
  is killed when time is up;
- RLIMIT_AS (memory), RLIMIT_CPU (a backstop to the timeout), RLIMIT_FSIZE
  (no file the child writes, its output included, can grow past a few MB);
- stdin closed, stdout/stderr to a file we read back truncated;
- `python -I -B`: no PYTHON* variables, no user site, no script dir on sys.path,
  no .pyc written next to the learner's file.
Results come back as .npy files loaded with allow_pickle=False (loading a
pickle would run code the learner chose) and are checked for dtype and shape.
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

CHILD = Path(__file__).resolve().parent / "child.py"
MEMORY_LIMIT = 1 << 30          # bytes of address space for the learner's process
FILE_LIMIT = 8 << 20            # bytes any file the child writes may reach
OUTPUT_SHOWN = 4000             # characters of the learner's printing shown in a report
OUTPUT_ALLOWED = 64 * 1024      # bytes of printing a file may do (child.py keeps the same cap)
DEFAULT_TIMEOUT = 30.0          # seconds; a correct exercise 3 needs about 1 s here


@dataclass
class Call:
    """One call of the plan: func(*inputs named in args, **kwargs), expected to return `returns` arrays."""

    func: str
    args: tuple[str, ...]
    kwargs: dict = field(default_factory=dict)
    returns: int = 1


@dataclass
class CallResult:
    status: str                       # ok | exception | bad-return | missing | not-run | died
    arrays: list = field(default_factory=list)
    error: dict | None = None         # type, message, frames [[line, text], ...]
    message: str = ""
    mutated: list = field(default_factory=list)


@dataclass
class ChildRun:
    imported: CallResult
    calls: list[CallResult]
    output: str
    dropped: int                      # bytes printed past OUTPUT_ALLOWED (a flood)
    ended: str                        # "normally" or why the process ended early
    seconds: float


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
    learner's among them, can then no longer open /proc/<our pid>/fd/* (write into our
    stdout, our answers) or read our memory. Root is not stopped by it."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def _limits(timeout: float):
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


def _env() -> dict:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")}
    # one BLAS thread: less memory reserved (the address-space limit counts it), no oversubscription
    keep.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return keep


def run_plan(file: Path, module: str, inputs: dict[str, np.ndarray], calls: list[Call],
             timeout: float | None = None, meanwhile: Callable[[], object] | None = None) -> ChildRun:
    """Execute `calls` on the learner's `file` in a child process and collect what came back.

    `meanwhile` (trusted code, e.g. computing the reference answers) runs in
    this process while the child works: on two cores that time is free.
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    file = Path(file).resolve()
    _guard_this_process()
    jobdir = Path(tempfile.mkdtemp(prefix="toynn-check-"))
    try:
        plan = {"file": str(file), "module": module, "inputs": sorted(inputs),
                "calls": [{"func": c.func, "args": list(c.args), "kwargs": c.kwargs, "returns": c.returns}
                          for c in calls]}
        (jobdir / "plan.json").write_text(json.dumps(plan))
        for name, arr in inputs.items():
            np.save(jobdir / f"in_{name}.npy", np.asarray(arr), allow_pickle=False)
        t0 = time.monotonic()
        ended = _spawn(jobdir, file.parent, timeout, meanwhile)
        seconds = time.monotonic() - t0
        return _collect(jobdir, len(calls), ended, seconds)
    finally:
        shutil.rmtree(jobdir, ignore_errors=True)


def _spawn(jobdir: Path, cwd: Path, timeout: float, meanwhile: Callable[[], object] | None = None) -> str:
    with open(jobdir / "output.txt", "wb") as out:
        proc = subprocess.Popen([sys.executable, "-I", "-B", str(CHILD), str(jobdir)],
                                cwd=cwd, env=_env(), stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                start_new_session=True, preexec_fn=_limits(timeout))
        t0 = time.monotonic()
        try:
            if meanwhile is not None:
                meanwhile()
            code = proc.wait(timeout=max(0.0, timeout - (time.monotonic() - t0)))
        except subprocess.TimeoutExpired:
            _kill(proc)
            return f"it was stopped after the time limit of {timeout:g} s"
        except BaseException:
            _kill(proc)  # Ctrl-C in the checker: never leave the learner's process behind
            raise
        _kill(proc)      # anything the learner's file started in the background goes too
    if code == 0:
        return "normally"
    if code < 0:
        name = signal.Signals(-code).name
        why = {"SIGXCPU": "it used up its CPU time limit", "SIGKILL": "it was killed (out of memory?)",
               "SIGSEGV": "it crashed (segmentation fault)"}.get(name, f"it was killed by {name}")
        return why
    return f"the process exited with code {code}"


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _collect(jobdir: Path, n: int, ended: str, seconds: float) -> ChildRun:
    events = _read_events(jobdir / "events.jsonl")
    if ended == "normally" and not any(e.get("event") == "finished" for e in events):
        ended = "the process ended in the middle of it (os._exit, or a crash)"
    started = {e.get("call") for e in events if e.get("event") == "start"}
    done = {e.get("call"): e for e in events if e.get("event") == "done"}
    dropped = max([int(e.get("dropped") or 0) for e in done.values()] or [0])

    def result(key) -> CallResult:
        if key in done:
            e = done[key]
            status = e.get("status") if e.get("status") in ("ok", "exception", "bad-return", "missing") else "died"
            r = CallResult(status, error=e.get("error") if isinstance(e.get("error"), dict) else None,
                           message=str(e.get("message") or ""), mutated=[str(m) for m in e.get("mutated") or []])
            if status == "ok":
                r.arrays, problem = _load_arrays(jobdir, key, e.get("arrays"))
                if problem:
                    r.status, r.message = "bad-return", problem
            return r
        if key in started:
            return CallResult("died", message=f"the call never finished: {ended}")
        return CallResult("not-run", message=f"not reached: {ended}" if ended != "normally" else "not reached")

    output, dropped_file = _read_output(jobdir / "output.txt")
    return ChildRun(result("import"), [result(k) for k in range(n)], output,
                    dropped + dropped_file, ended, seconds)


def _read_events(path: Path) -> list[dict]:
    events = []
    try:
        raw = path.read_bytes()[: 1 << 20]
    except OSError:
        return events
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            e = json.loads(line)
        except ValueError:
            continue  # a torn or forged line: ignore it
        if isinstance(e, dict):
            events.append(e)
    return events


def _load_arrays(jobdir: Path, k: int, count) -> tuple[list, str]:
    arrays = []
    for i in range(count if isinstance(count, int) and 0 < count < 10 else 0):
        try:
            arr = np.load(jobdir / f"call{k}_{i}.npy", allow_pickle=False)
        except (OSError, ValueError) as exc:
            return [], f"its result could not be read back ({exc})"
        if arr.dtype != np.float64 or arr.size > 10_000:
            return [], "its result is not a small array of numbers"
        arrays.append(arr)
    return arrays, ""


def _read_output(path: Path) -> tuple[str, int]:
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(OUTPUT_SHOWN)
    except OSError:
        return "", 0
    return head.decode("utf-8", "replace"), max(0, size - OUTPUT_ALLOWED)
