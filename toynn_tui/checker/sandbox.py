"""Run a plan of calls on a learner's file in a sandboxed child process, and read back plain numbers.

The trusted side (the grading tests) decides what to call and with what; the
child (`child.py`) only executes it, behind the wall `launch` puts up
(bubblewrap: namespaces, no capabilities, a filesystem of only Python and
numpy; or, where no sandbox can start, rlimits alone). Around it, so that
nothing a file does can hang or harm the checker:
- the file is read here first (bounded, never a FIFO) and the child runs that
  snapshot, read-only;
- one time limit and one memory limit for the whole check (`limits.CheckLimits`:
  the time left, a cgroup where the machine gives one); the child leads its own
  process group and the whole group is killed when time is up (with bubblewrap
  its pid namespace too, with a cgroup everything in it);
- RLIMIT_AS (memory), RLIMIT_CPU (a backstop to the timeout), RLIMIT_FSIZE
  (no file the child writes, its output included, can grow past a few MB),
  RLIMIT_NOFILE: the walls per process, under the cgroup's;
- stdin closed; stdout/stderr to an unlinked file we read back truncated;
- answers come back on a pipe (`channel`): read with a byte cap and a
  deadline, nothing opened by a path the child could have replaced, and read
  back by `readback` (arrays rebuilt from plain bytes; whether the inputs were
  left unchanged decided from the arrays as they were after each call).
"""
from __future__ import annotations

import ctypes
import json
import os
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
from toynn_tui.checker import channel, launch, limits, readback
from toynn_tui.checker.files import Unreadable, read_regular
from toynn_tui.checker.readback import CallResult, ChildRun, Record, Trace  # noqa: F401 - the checker's names for them
# the limits keep their old names here too: callers read sandbox.MEMORY_LIMIT and DEFAULT_TIMEOUT
from toynn_tui.checker.limits import DEFAULT_TIMEOUT, FILE_LIMIT, MEMORY_LIMIT, CheckLimits, timed_out  # noqa: F401

OUTPUT_SHOWN = 4000             # characters of the learner's printing shown in a report
OUTPUT_ALLOWED = 64 * 1024      # bytes of printing a file may do (child.py keeps the same cap)
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


def _limits(timeout: float, cgroup):
    """What the process we start does before it runs bwrap (or python): die with us, join the
    check's cgroup, take the rlimits (bwrap passes them on to the learner's)."""
    parent = os.getpid()
    rlimits = limits.rlimits(timeout)

    def apply() -> None:
        if _LIBC is not None:
            _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:   # the checker died before prctl took effect
                os._exit(1)
        if cgroup is not None:
            try:
                cgroup.enter()
            except OSError:   # never run outside the wall the report names
                os._exit(125)
        rlimits()
    return apply


def run_plan(file: Path, module: str, inputs: dict[str, np.ndarray], calls: list[Call],
             timeout: float | None = None, meanwhile: Callable[[], object] | None = None,
             source: bytes | None = None, on_spawn: Callable[[subprocess.Popen], None] | None = None,
             limits: CheckLimits | None = None) -> ChildRun:
    """Execute `calls` on the learner's `file` in a sandboxed child and collect what came back.

    `limits`: the check's limits, shared by all its children (the time left, its
    cgroup); without them this call is a check of its own, of `timeout` seconds.
    `source`: the file's bytes as the trusted side read them (read here, bounded,
    when not given); the child runs that snapshot, read-only. `meanwhile`
    (trusted code, e.g. computing the reference answers) runs in this process
    while the child works: on two cores that time is free.
    """
    file = Path(file)
    _guard_this_process()
    launcher = launch.launcher()
    own = limits is None
    if own:
        limits = CheckLimits(timeout, launcher.isolation.ok)
    try:
        if source is None:
            try:
                source = read_regular(file)
            except Unreadable as exc:
                return _unreadable(len(calls), str(exc), launcher.isolation)
        spent = limits.spent()
        if spent:   # the check's time is used up: this child never starts
            return _not_started(len(calls), spent, launcher.isolation, limits)
        limits.start()
        return _run(launcher, file, module, inputs, calls, source, limits, meanwhile, on_spawn)
    finally:
        if own:
            limits.close()


def _run(launcher, file: Path, module: str, inputs: dict, calls: list[Call], source: bytes,
         limits: CheckLimits, meanwhile, on_spawn) -> ChildRun:
    jobdir = Path(tempfile.mkdtemp(prefix="toynn-check-"))
    try:
        plan = {"module": module, "inputs": sorted(inputs),
                "calls": [{"func": c.func, "args": list(c.args), "kwargs": c.kwargs, "returns": c.returns,
                           "trace": c.trace, "passes": c.passes,
                           "watch": c.watch} for c in calls],
                # no forks where no cgroup counts the processes (see limits)
                "no_forks": limits.cgroup is None or limits.cgroup.pids is None}
        (jobdir / "plan.json").write_text(json.dumps(plan))
        for name, arr in inputs.items():
            np.save(jobdir / f"in_{name}.npy", np.asarray(arr), allow_pickle=False)
        snapshot = jobdir / "exercise" / file.name
        snapshot.parent.mkdir()
        snapshot.write_bytes(source)
        scratch = jobdir / "scratch"   # the working folder without the sandbox (bwrap gives a tmpfs)
        scratch.mkdir()
        t0 = time.monotonic()
        ended, lines, output = _spawn(launcher, jobdir, snapshot, scratch, limits, meanwhile, on_spawn)
        seconds = time.monotonic() - t0
        ended = limits.finish(ended)
        run = readback.collect(lines, inputs, calls, ended, output, seconds, launcher.isolation)
        run.walls, run.memory_peak = limits.walls(), limits.cgroup.peak() if limits.cgroup else None
        return run
    finally:
        shutil.rmtree(jobdir, ignore_errors=True)


def _not_started(n: int, why: str, isolation, limits: CheckLimits) -> ChildRun:
    return ChildRun(CallResult("not-run", message=f"not reached: {why}"),
                    [CallResult("not-run", message=f"not reached: {why}") for _ in range(n)],
                    "", 0, why, 0.0, isolation, limits.walls())


def _unreadable(n: int, why: str, isolation) -> ChildRun:
    err = {"type": "OSError", "message": f"the file could not be read: {why}", "frames": []}
    return ChildRun(CallResult("exception", error=err), [CallResult("not-run", message="not reached") for _ in range(n)],
                    "", 0, "it never started", 0.0, isolation)


def _spawn(launcher, jobdir: Path, file: Path, scratch: Path, limits: CheckLimits,
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
                                    preexec_fn=_limits(limits.remaining(), limits.cgroup),
                                    pass_fds=job.keep_fds)
        finally:
            os.close(w)   # ours; the child has its own copy (or none, when it did not start)
        if on_spawn is not None:
            on_spawn(proc)
        reader.start()
        ended = _wait(proc, limits, meanwhile, job.isolation.ok)
        lines = reader.finish(READ_GRACE)
        output = _read_output(out)
    return ended, lines, output


def _wait(proc: subprocess.Popen, limits: CheckLimits, meanwhile: Callable[[], object] | None,
          walled: bool = False) -> str:
    try:
        if meanwhile is not None:
            meanwhile()
        code = proc.wait(timeout=limits.remaining())   # what is left of the whole check's time
    except subprocess.TimeoutExpired:
        procs.kill_group(proc)
        return timed_out(limits.seconds)
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


def _read_output(out) -> tuple[str, int]:
    """The head of what the child printed, and how many bytes past OUTPUT_ALLOWED it went."""
    try:
        size = os.fstat(out.fileno()).st_size
        out.seek(0)
        head = out.read(OUTPUT_SHOWN)
    except OSError:
        return "", 0
    return head.decode("utf-8", "replace"), max(0, size - OUTPUT_ALLOWED)
