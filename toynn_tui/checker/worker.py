"""A long-lived trusted checker: `python -m toynn_tui.checker.worker`, for `toynn grade`.

Protocol: one JSON request per line on stdin,

    {"exercise": "exercise3", "file": "/path/to/alice.py", "timeout": 10, "id": "5f0c..."}

("timeout" may be null or left out: the checker's own limit), and for each
exactly one JSON line on stdout: the dict `toynn check EXERCISE --file F --json`
prints (`Report.to_json()`), on one line, plus "request": the request's "id".
The id is a fresh random token per request: a learner's process that manages
to write a line into the answers (through /proc/<pid>/fd, say) cannot know it,
so the reader spots the forgery instead of taking it for a verdict. A request that cannot be graded at
all (bad JSON, unknown exercise, missing file, a bug of ours) gets an "error"
answer of the same shape, and the worker goes on. EOF on stdin: exit 0.

Why: a `toynn check` process per student pays Python's start-up, the imports
and the trusted reference answers (runs.trained's cache) every time; here each is
paid once per worker. Each request is `check_file()` in this process, exactly
what `toynn check` runs, so the learner's code still runs only in the
sandboxed grandchild the grading fixture starts for that request, never here.

The protocol goes to a private copy of the original stdout (and requests come
from a private copy of stdin): at start fd 1 and sys.stdout are pointed at
stderr and fd 0 at /dev/null, so nothing else in this process (pytest, a
print, a library) can write into the answers or eat a request. The learner's
grandchild does not inherit those copies (subprocess closes them).

SIGINT (what `runner.stop` sends) makes the sandbox kill the learner's
process and clean up, as in `toynn check`; the worker then exits with 130
without answering.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from toynn_tui.i18n import _

_stopping = False


def _on_sigint(signum, frame) -> None:
    global _stopping
    _stopping = True
    raise KeyboardInterrupt


def error_answer(message: str, exercise: str = "", file: str = "") -> dict:
    """An answer shaped like `toynn check --json` for a request that could not be graded."""
    return {"version": 3, "status": "error", "message": message, "tests": [],
            "toynn": {"exercise": exercise, "file": file, "diagnoses": [], "passed": 0, "total": 0}}


def answer(line: str) -> dict:
    """Grade one request line; never raises an Exception (KeyboardInterrupt goes through).

    The answer carries the request's "id" back as "request" (when it has one).
    """
    try:
        req = json.loads(line)
        if not isinstance(req, dict):
            raise ValueError(_("a request is a JSON object"))
    except ValueError as exc:
        return error_answer(_("toynn could not read the request ({why})").format(why=exc))
    result = _grade(req)
    rid = req.get("id")
    return {**result, "request": rid} if isinstance(rid, str) else result


def _grade(req: dict) -> dict:
    exercise, file, timeout = req.get("exercise"), req.get("file"), req.get("timeout")
    if not isinstance(exercise, str) or not isinstance(file, str) or not (
            timeout is None or (isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout > 0)):
        return error_answer(_("toynn could not read the request (exercise, file or timeout missing or malformed)"),
                            str(exercise or ""), str(file or ""))
    try:
        from toynn_tui import ladder
        from toynn_tui.checker import check_file
        name = ladder.get(exercise).name
        path = Path(file)
        if not path.is_file():
            return error_answer(_("no such file: {path}").format(path=path), name, file)
        return check_file(name, path, timeout).to_json()
    except Exception as exc:  # a bug of ours, or an unknown exercise: this student only
        return error_answer(_("toynn could not check this file ({why})").format(why=f"{type(exc).__name__}: {exc}"),
                            exercise, file)


def _orphan_watch(parent: int, every: float = 0.5) -> None:
    """When the grader dies (kill -9), stop as on SIGINT: the running check ends its learner's
    process at once instead of finishing a check whose answer nobody will read."""
    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGINT)
                return
    threading.Thread(target=watch, name="toynn-orphan-watch", daemon=True).start()


def serve() -> int:
    # the protocol's own channels, then fd 0 -> /dev/null and fd 1 / sys.stdout -> stderr
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8", errors="replace")
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    for fd in (requests.fileno(), answers.fileno()):
        os.set_inheritable(fd, False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, _on_sigint)
    _orphan_watch(os.getppid())
    try:
        for line in requests:
            if not line.strip():
                continue
            result = answer(line)
            if _stopping:  # SIGINT mid-check (pytest swallows the KeyboardInterrupt): stop, no answer
                return 130
            answers.write(json.dumps(result) + "\n")
            answers.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # whoever reads the answers is gone
        return 1
    return 130 if _stopping else 0


if __name__ == "__main__":
    sys.exit(serve())
