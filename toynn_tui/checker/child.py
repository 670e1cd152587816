"""The child process that runs a learner's file: `python -I child.py JOB FILE FD SITE`.

This file is run as a *script*, inside the sandbox (see `launch`), never
imported by toynn. It sees only what the launcher mounted: JOB (read-only: the
plan and its input arrays), FILE (the learner's file, read-only), numpy under
SITE, and a small scratch /tmp. It executes the plan of calls the trusted
side wrote to JOB/plan.json and reports, on the pipe FD, one JSON line per
event: "start" before a call, "done" after it (with the returned arrays and
the inputs as they are after the call, as plain numbers), "finished" at the
end. Nothing here decides anything: the trusted side decodes the numbers with
its own code, compares them with its own copies and judges; a line the
learner's code forges can only claim answers it could have returned anyway.

The numpy functions used after the learner's code has run are taken before it
loads, so a file that replaces `np.array` or `np.array_equal` changes nothing
here (ndarray's own methods cannot be replaced at all).
"""
import base64
import importlib.abc
import importlib.util
import io
import json
import os
import signal
import sys
import traceback

OUTPUT_CAP = 64 * 1024   # bytes of the learner's printing we keep


class _Capped(io.TextIOBase):
    """A text stream that keeps the first OUTPUT_CAP bytes and counts the rest."""

    def __init__(self, fd):
        self.fd, self.kept, self.dropped = fd, 0, 0

    def writable(self):
        return True

    def write(self, s):
        data = str(s).encode("utf-8", "replace")
        room = OUTPUT_CAP - self.kept
        if room > 0:
            os.write(self.fd, data[:room])
            self.kept += min(room, len(data))
        self.dropped += max(0, len(data) - max(room, 0))
        return len(s)

    def flush(self):
        pass


class _NoToynn(importlib.abc.MetaPathFinder):
    """Refuse `import toynn_tui...` (a second wall: in the sandbox the package is not even there)."""

    def find_spec(self, name, path=None, target=None):
        if name == "toynn_tui" or name.startswith("toynn_tui."):
            raise ImportError("toynn_tui cannot be imported by an exercise file: write the network yourself")
        return None


class Events:
    def __init__(self, fd, dumps):
        self.fd, self.dumps, self.write = fd, dumps, os.write

    def put(self, **event):
        data = (self.dumps(event) + "\n").encode()
        while data:   # a pipe may take a long line in pieces
            data = data[self.write(self.fd, data):]


def learner_frames(tb, filename):
    """(line number, source text) of the traceback's frames that are in the learner's file."""
    frames = []
    for fs in traceback.extract_tb(tb):
        if os.path.abspath(fs.filename) == filename:
            frames.append([fs.lineno, (fs.line or "").strip()])
    return frames


def describe(exc, filename):
    if isinstance(exc, SyntaxError) and os.path.abspath(exc.filename or "") == filename:
        frames = [[exc.lineno, (exc.text or "").strip()]]
    else:
        frames = learner_frames(exc.__traceback__, filename)
    try:
        message = str(exc)
    except BaseException:  # noqa: BLE001 - a learner's exception class with a broken __str__
        message = "(its message could not be shown)"
    if isinstance(exc, SystemExit):
        message = f"sys.exit({exc.code!r}) was called"
    return {"type": type(exc).__name__, "message": message[:2000], "frames": frames[-5:]}


class Encoder:
    """Arrays to plain JSON values, with numpy's functions as they were before the learner's file ran."""

    def __init__(self, np):
        self.array, self.float64, self.b64 = np.array, np.float64, base64.b64encode

    def raw(self, arr):
        """An array exactly as it is: dtype, shape, bytes (for 'the inputs are left unchanged')."""
        return {"dtype": arr.dtype.str, "shape": list(arr.shape), "data": self.b64(arr.tobytes()).decode()}

    def dtypes(self, value, count):
        """The dtype of each returned array as the learner made it (float32 drifts from the article)."""
        parts = [value] if count == 1 else list(value)
        return [getattr(getattr(p, "dtype", None), "str", None) for p in parts]

    def numbers(self, value, count):
        """The returned value as `count` float64 arrays (encoded), or the reason it is not that."""
        if value is None:
            return None, "returned None"
        if count == 1:
            parts = [value]
        elif isinstance(value, (tuple, list)) and len(value) == count:
            parts = list(value)
        elif isinstance(value, (tuple, list)):
            return None, f"returned {len(value)} values, not {count} arrays"
        else:
            return None, f"returned {type(value).__name__}, not a tuple of {count} arrays"
        out = []
        for part in parts:
            if part is None:
                return None, "returned None where an array belongs"
            try:
                arr = self.array(part, dtype=self.float64)
            except BaseException as exc:  # noqa: BLE001 - anything the learner returned
                return None, f"returned something that is not an array of numbers ({type(part).__name__}: {exc})"
            if arr.size > 10_000:
                return None, "returned an array far larger than the network's weights"
            out.append(self.raw(arr))
        return out, None


class Tracer:
    """Records, line by line, every array a traced function's locals take (its first call only).

    After each line of the function (seen at the next line or return event) every
    local ndarray that is new, rebound or changed in place is recorded with the
    line number and how many times that line has run. `subs` (from the trusted
    side) replaces a local after a given line's n-th run with the reference value,
    so the trace can go on past a first mistake to find the next. Only mechanics
    here: which line is wrong is decided on the trusted side.
    """

    LIMIT = 2000   # records kept (one iteration of the article's loop makes about 20)
    PASSES = 3     # runs of one line traced by default: enough to tell one iteration from two or many

    def __init__(self, code_name, filename, enc, np, subs, passes=PASSES, watch=None):
        self.code_name, self.filename, self.enc = code_name, filename, enc
        self.passes = passes if type(passes) is int and 0 < passes <= 64 else self.PASSES
        # the loop's first line (from the trusted side): its runs count the updates, and only they
        # end the tracing (a statement over several lines runs its lines more than once per update)
        self.watch = watch if type(watch) is int else None
        self.ndarray, self.copy = np.ndarray, np.ndarray.copy
        self.subs = {}
        for line, count, name, value in subs:
            self.subs.setdefault((line, count), []).append((name, value))
        self.records, self.counts, self.prev, self.snap = [], {}, None, {}
        self.ret_line, self.frame = None, None

    def on_call(self, frame, event, arg):
        if (self.frame is None and frame.f_code.co_name == self.code_name
                and os.path.abspath(frame.f_code.co_filename) == self.filename):
            self.frame = frame
            # the arguments (X, y) are there from the start: only what the lines do is recorded
            self.snap = {name: (value, self.copy(value)) for name, value in frame.f_locals.items()
                         if isinstance(value, self.ndarray) and value.size <= 10_000}
            return self.on_line
        return None

    def on_line(self, frame, event, arg):
        if frame is not self.frame:
            return None
        if event in ("line", "return"):
            loc = frame.f_locals   # read once: in 3.11/3.12 writes to it are put back when we return
            if self.prev is not None:
                self.after(loc, *self.prev)
            if event == "line":
                n = self.counts[frame.f_lineno] = self.counts.get(frame.f_lineno, 0) + 1
                self.prev = (frame.f_lineno, n)
                if self.watch is not None:
                    n = self.counts.get(self.watch, 0) if frame.f_lineno == self.watch else 0
                if n > self.passes:   # a loop that runs on (iterations ignored): the rest runs untraced
                    self.prev, frame.f_trace = None, None
                    return None
            else:
                self.prev, self.ret_line = None, frame.f_lineno
        return self.on_line

    def after(self, loc, line, count):
        for name, value in list(loc.items()):
            if not isinstance(value, self.ndarray) or value.size > 10_000:
                continue
            old = self.snap.get(name)
            if (old is None or old[0] is not value or old[1].shape != value.shape
                    or old[1].tobytes() != value.tobytes()) and len(self.records) < self.LIMIT:
                self.records.append({"line": line, "count": count, "name": name, "value": self.enc.raw(value),
                                     "pass": self.counts.get(self.watch, 0) if self.watch is not None else count})
        for name, value in self.subs.get((line, count), []):
            loc[name] = self.copy(value)
        self.snap = {name: (value, self.copy(value)) for name, value in loc.items()
                     if isinstance(value, self.ndarray) and value.size <= 10_000}

    def result(self):
        return {"records": self.records, "counts": {str(k): v for k, v in self.counts.items()},
                "return_line": self.ret_line}


def no_forks():
    """RLIMIT_NPROC at the processes (and threads) this sandbox runs now: the learner's file cannot fork.
    Set here, inside the sandbox's own user namespace, it counts only the sandbox's processes (set
    before bwrap, it would count every process of the grader's user). Root is not held by it."""
    import resource
    try:
        tasks = sum(len(os.listdir(f"/proc/{p}/task")) for p in os.listdir("/proc") if p.isdigit())
        resource.setrlimit(resource.RLIMIT_NPROC, (tasks, tasks))
    except (OSError, ValueError):
        pass


def run(job, filename, events, enc, np):
    plan = json.load(open(os.path.join(job, "plan.json")))
    inputs = {name: np.load(os.path.join(job, f"in_{name}.npy"), allow_pickle=False) for name in plan["inputs"]}
    out = _Capped(1)
    sys.stdout = sys.stderr = out
    sys.meta_path.insert(0, _NoToynn())
    sys.path.insert(0, os.path.dirname(filename))
    sys.argv = [filename]

    if plan.get("no_forks"):
        no_forks()
    events.put(event="start", call="import")
    try:
        spec = importlib.util.spec_from_file_location(plan["module"], filename)
        module = importlib.util.module_from_spec(spec)
        sys.modules[plan["module"]] = module
        spec.loader.exec_module(module)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
        events.put(event="done", call="import", status="exception", error=describe(exc, filename),
                   dropped=out.dropped)
        return
    events.put(event="done", call="import", status="ok", dropped=out.dropped)

    for k, call in enumerate(plan["calls"]):
        events.put(event="start", call=k)
        func = getattr(module, call["func"], None)
        if not callable(func):
            events.put(event="done", call=k, status="missing",
                       message=f"the file defines no function {call['func']}()")
            continue
        args = [inputs[a].copy() for a in call["args"]]
        tracer = None
        if call.get("trace") is not None:
            subs = [(line, count, name, inputs[ref]) for line, count, name, ref in call["trace"]]
            tracer = Tracer(call["func"], filename, enc, np, subs, call.get("passes"), call.get("watch"))
            sys.settrace(tracer.on_call)
        try:
            value = func(*args, **call.get("kwargs", {}))
        except BaseException as exc:  # noqa: BLE001
            sys.settrace(None)
            events.put(event="done", call=k, status="exception", error=describe(exc, filename),
                       dropped=out.dropped, trace=tracer.result() if tracer else None)
            continue
        sys.settrace(None)
        traced = {"trace": tracer.result()} if tracer else {}
        after = [enc.raw(a) for a in args]   # the trusted side compares them with the inputs it sent
        arrays, problem = enc.numbers(value, call.get("returns", 1))
        if problem:
            events.put(event="done", call=k, status="bad-return", message=problem, after=after,
                       dropped=out.dropped, **traced)
            continue
        events.put(event="done", call=k, status="ok", arrays=arrays, after=after, dropped=out.dropped,
                   dtypes=enc.dtypes(value, call.get("returns", 1)), **traced)


def main():
    # a full disk or the file-size limit makes writes fail with an error instead of killing us
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    job, filename, fd, site = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if site:   # the sandbox runs python -S: numpy is mounted on its own, apart from any site-packages
        sys.path.insert(0, site)
    import numpy as np  # before the learner's file, so a numpy patch cannot stop us loading inputs
    events = Events(fd, json.dumps)
    run(job, filename, events, Encoder(np), np)
    events.put(event="finished")
    os._exit(0)  # skip interpreter teardown: a learner's atexit hook or __del__ has nothing more to say


if __name__ == "__main__":
    main()
