"""`toynn grade`: grade a folder of submissions in parallel, `jobs` checker workers at a time.

SUBMISSIONS holds one file per student (`alice.py`) or one folder per student
(`bob/` with the exercise file somewhere inside). Each of the `jobs` grading
threads owns one long-lived trusted checker process (`runner.Worker`,
`python -m toynn_tui.checker.worker`) and sends it one student after another;
the checker runs each student's file in a fresh sandboxed grandchild, as
`toynn check` does. The threads only wait on their workers, so two jobs really
use two cores, and Python's start-up, the imports and the checker's reference
answers are paid once per worker instead of once per student.

Why it survives trouble:
- a hanging submission is stopped by the checker's own time limit (and by our
  backstop if the checker itself stalls), so it costs only that;
- whatever one submission does, it ends up as an "error" verdict for that
  student, never an exception that stops the others; a file that kills its
  checker costs that worker (stopped, reaped, replaced by a fresh one for the
  next student);
- Ctrl-C (KeyboardInterrupt in the main thread) stops the running workers
  (and the learners' processes they started: `runner.stop`), drops the
  queued ones and returns what was graded, flagged interrupted.
"""
from __future__ import annotations

import os
import subprocess
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.runner import Verdict, Worker, kill, stop

SKIP_DIRS = {"__pycache__", ".git", ".toynn", ".pytest_cache", ".venv", "venv", "node_modules"}


@dataclass
class Submission:
    student: str
    path: Path | None      # the file to grade, or None when none could be found
    problem: str = ""      # why there is no file


def discover(folder: Path, exercise: str) -> tuple[list[Submission], list[str]]:
    """The submissions in `folder`, sorted by student, and the names of entries that are not submissions."""
    subs, ignored = [], []
    for entry in sorted(Path(folder).iterdir(), key=lambda p: p.name.lower()):
        if entry.name.startswith(".") or entry.name in SKIP_DIRS:
            continue
        if entry.is_dir():
            subs.append(_from_folder(entry, exercise))
        elif entry.suffix == ".py":
            subs.append(Submission(entry.stem, entry))
        else:
            ignored.append(entry.name)
    names = [s.student for s in subs]
    for s in subs:  # alice.py and alice/ side by side: tell them apart
        if names.count(s.student) > 1 and s.path is not None:
            s.student = s.path.name if s.path.parent == Path(folder) else s.student + "/"
    return subs, ignored


def _from_folder(folder: Path, exercise: str) -> Submission:
    wanted, others = [], []
    for root, dirs, files in os.walk(folder):  # followlinks=False: a symlink loop cannot trap us
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if name == f"{exercise}.py":
                wanted.append(p)
            elif name.endswith(".py") and name != "conftest.py":
                others.append(p)
    if wanted:  # the shallowest exercise file (e.g. exercises/exercise3.py in a workspace)
        return Submission(folder.name, min(wanted, key=lambda p: (len(p.parts), str(p))))
    if len(others) == 1:
        return Submission(folder.name, others[0])
    found = f"{len(others)} other .py files" if others else "no .py file"
    return Submission(folder.name, None, f"no {exercise}.py in the folder ({found})")


class Interrupted(Exception):
    """Grading stopped by Ctrl-C; .book holds what was graded."""

    def __init__(self, book: Book):
        super().__init__("interrupted")
        self.book = book


def grade(subs: list[Submission], exercise: str, jobs: int = 1, timeout: float | None = None,
          on_result: Callable[[Book, Entry], None] | None = None,
          check: Callable[..., Verdict] | None = None) -> Book:
    """Grade every submission; on Ctrl-C raise Interrupted carrying the partial Book.

    By default each grading thread grades through its own `runner.Worker`.
    `check(exercise, path, timeout, on_start=...)` replaces that with one call
    per submission (e.g. `runner.run_check`, a child per check; or a stand-in
    in tests); it must hand every process it starts to `on_start`.
    """
    book = Book(exercise, submissions=len(subs))
    live: set[subprocess.Popen] = set()
    lock = threading.Lock()
    stopping = threading.Event()
    workers: list[Worker] = []
    local = threading.local()

    def track(proc: subprocess.Popen) -> None:
        with lock:
            live.add(proc)
            if stopping.is_set():  # started just as we were stopping
                kill(proc)

    def untrack(proc: subprocess.Popen) -> None:
        with lock:  # a reaped child's pid may be reused: never signal it later
            live.discard(proc)

    def own_worker() -> Worker:
        worker = getattr(local, "worker", None)
        if worker is None:
            worker = local.worker = Worker(on_start=track, on_end=untrack)
            with lock:
                workers.append(worker)
        return worker

    def one(sub: Submission) -> Verdict:
        if sub.path is None:
            return Verdict(exercise, "", "error", sub.problem)
        if stopping.is_set():
            return Verdict(exercise, str(sub.path), "error", "not graded: grading was stopped")
        if check is None:
            try:
                return own_worker().check(exercise, sub.path, timeout)
            except Exception as exc:  # e.g. cannot start a process: this student only
                return Verdict(exercise, str(sub.path), "error", f"could not be checked: {exc}")
        mine: list[subprocess.Popen] = []

        def started(proc: subprocess.Popen) -> None:
            mine.append(proc)
            track(proc)
        try:
            return check(exercise, sub.path, timeout, on_start=started)
        except Exception as exc:  # e.g. cannot start a process: this student only
            return Verdict(exercise, str(sub.path), "error", f"could not be checked: {exc}")
        finally:
            for proc in mine:
                untrack(proc)

    def halt() -> None:
        """Stop everything running (the learners' processes too), drop the queue, end the workers."""
        stopping.set()
        for fut in pending:
            fut.cancel()
        with lock:
            running = list(live)
        stop(running)  # each checker ends its learner's process too (a plain kill would orphan it)
        pool.shutdown(wait=True, cancel_futures=True)
        _close(workers)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="toynn-grade")
    pending = {pool.submit(one, s): s for s in subs}
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                entry = Entry(pending[fut].student, fut.result())
                book.entries.append(entry)
                del pending[fut]
                if on_result is not None:
                    on_result(book, entry)
    except KeyboardInterrupt:
        halt()
        book.interrupted = True
        graded = {e.student for e in book.entries}
        book.not_graded = [s.student for s in pending.values() if s.student not in graded]
        raise Interrupted(book) from None
    except BaseException:  # e.g. on_result could not write the gradebook: leave nothing running
        halt()
        raise
    pool.shutdown(wait=True)
    _close(workers)
    return book


def _close(workers: list[Worker]) -> None:
    """End the idle workers (EOF on stdin) and reap them; the threads that used them are done."""
    for worker in workers:  # EOF to all first, so they end side by side
        try:
            if worker.proc is not None:
                worker.proc.stdin.close()
        except OSError:
            pass
    for worker in workers:
        try:
            worker.close()
        except Exception:
            pass
