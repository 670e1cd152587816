"""The child process that runs a learner's file: `python -I child.py JOBDIR`.

This file is run as a *script*, never imported by toynn: it must not import
toynn_tui (it even blocks that import, so a learner's file cannot hand back the
reference engine's numbers). It only executes the plan of calls the trusted
side wrote to JOBDIR/plan.json and writes back, for every call:
- an event line in JOBDIR/events.jsonl ("start" before the call, "done" after),
  so a call that hangs, exits or crashes the process is attributed to it;
- the returned arrays as JOBDIR/call<k>_<i>.npy, saved with allow_pickle=False.
The parent loads those with allow_pickle=False too and decides every verdict
itself; nothing written here can make a check pass on its own.

stdout/stderr already point at JOBDIR/output.txt (the parent opened it); on top
of that, Python-level writes are capped so a flood is cut short cheaply.
"""
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
    """Refuse `import toynn_tui...`: the learner writes the network, not the reference."""

    def find_spec(self, name, path=None, target=None):
        if name == "toynn_tui" or name.startswith("toynn_tui."):
            raise ImportError("toynn_tui cannot be imported by an exercise file: write the network yourself")
        return None


class Events:
    def __init__(self, path):
        # unbuffered appends: each line reaches the kernel before the next line of learner code runs
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def put(self, **event):
        os.write(self.fd, (json.dumps(event) + "\n").encode())


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
    message = str(exc)
    if isinstance(exc, SystemExit):
        message = f"sys.exit({exc.code!r}) was called"
    return {"type": type(exc).__name__, "message": message[:2000], "frames": frames[-5:]}


def to_arrays(value, count):
    """The returned value as `count` float64 arrays, or the reason it is not that."""
    import numpy as np
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
    arrays = []
    for part in parts:
        if part is None:
            return None, "returned None where an array belongs"
        try:
            arrays.append(np.array(part, dtype=np.float64))
        except Exception as exc:  # noqa: BLE001 - anything the learner returned
            return None, f"returned something that is not an array of numbers ({type(part).__name__}: {exc})"
    return arrays, None


def run(jobdir):
    plan = json.load(open(os.path.join(jobdir, "plan.json")))
    import numpy as np  # imported before the learner's file, so a broken numpy patch cannot stop us loading inputs
    events = Events(os.path.join(jobdir, "events.jsonl"))
    out = _Capped(1)
    sys.stdout = sys.stderr = out
    sys.meta_path.insert(0, _NoToynn())
    filename = os.path.abspath(plan["file"])
    sys.path.insert(0, os.path.dirname(filename))
    sys.argv = [filename]

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

    inputs = {name: np.load(os.path.join(jobdir, f"in_{name}.npy"), allow_pickle=False)
              for name in plan["inputs"]}
    for k, call in enumerate(plan["calls"]):
        events.put(event="start", call=k)
        func = getattr(module, call["func"], None)
        if not callable(func):
            events.put(event="done", call=k, status="missing",
                       message=f"the file defines no function {call['func']}()")
            continue
        args = [inputs[a].copy() for a in call["args"]]
        originals = [a.copy() for a in args]
        try:
            value = func(*args, **call.get("kwargs", {}))
        except BaseException as exc:  # noqa: BLE001
            events.put(event="done", call=k, status="exception", error=describe(exc, filename),
                       dropped=out.dropped)
            continue
        mutated = [name for name, a, o in zip(call["args"], args, originals)
                   if a.shape != o.shape or not np.array_equal(a, o)]
        arrays, problem = to_arrays(value, call.get("returns", 1))
        if problem:
            events.put(event="done", call=k, status="bad-return", message=problem, mutated=mutated,
                       dropped=out.dropped)
            continue
        for i, arr in enumerate(arrays):
            np.save(os.path.join(jobdir, f"call{k}_{i}.npy"), arr, allow_pickle=False)
        events.put(event="done", call=k, status="ok", arrays=len(arrays), mutated=mutated,
                   dropped=out.dropped)


if __name__ == "__main__":
    # a full disk or the file-size limit makes writes fail with an error instead of killing us
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    JOBDIR = sys.argv[1]  # read before run(): the learner's module sees sys.argv = [its file]
    run(JOBDIR)
    Events(os.path.join(JOBDIR, "events.jsonl")).put(event="finished")
    os._exit(0)  # skip interpreter teardown: a learner's atexit hook or __del__ has nothing more to say
