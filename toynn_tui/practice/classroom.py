"""`toynn grade`: grade a folder of submissions in parallel, `jobs` checker workers at a time.

`discover` (from `discovery`) finds one submission per student without
leaving SUBMISSIONS (every link is skipped and listed); `grade` grades them.
Each of the `jobs` grading threads owns one long-lived trusted checker
process (`worker_client.Worker`, started with the TOYNN_SANDBOX it is given,
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
- what discovery found about a file (`Submission.flags`: "same as bob") joins
  its verdict's integrity flags, so the journal and every gradebook keep it;
- only regular .py files are handed to a checker (`spawn.not_gradable`): a
  FIFO named alice.py is an error verdict, never opened;
- Ctrl-C (KeyboardInterrupt in the main thread) stops the running workers
  (and the learners' processes they started: `toynn_tui.procs.stop`), drops the
  queued ones and returns what was graded, flagged interrupted.
"""
from __future__ import annotations

import subprocess
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Callable

from toynn_tui.practice.discovery import SKIP_DIRS, Submission, discover  # noqa: F401 (classroom's names)
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.spawn import not_gradable
from toynn_tui.practice.verdict import Verdict
from toynn_tui.practice.worker_client import Worker
from toynn_tui.procs import kill, stop


TICK = 0.25   # seconds between looks at who is being graded (for on_running)


class Interrupted(Exception):
    """Grading stopped by Ctrl-C; .book holds what was graded."""

    def __init__(self, book: Book):
        super().__init__("interrupted")
        self.book = book


def grade(subs: list[Submission], exercise: str, jobs: int = 1, timeout: float | None = None,
          on_result: Callable[[Book, Entry], None] | None = None,
          check: Callable[..., Verdict] | None = None, sandbox: str | None = None,
          done: list[Entry] = (), on_running: Callable[[list[str]], None] | None = None,
          run: dict | None = None) -> Book:
    """Grade every submission; on Ctrl-C raise Interrupted carrying the partial Book.

    By default each grading thread grades through its own `worker_client.Worker`,
    started with TOYNN_SANDBOX=`sandbox` when given (see `spawn.child_env`).
    `check(exercise, path, timeout, on_start=...)` replaces that with one call
    per submission (e.g. `runner.run_check`, a child per check; or a stand-in
    in tests); it must hand every process it starts to `on_start`. `done`:
    students graded earlier (a resumed run); they are in the book from the
    start and `subs` should hold only the others. `on_running(students)` is
    called, in this thread, whenever the students being graded change (checked
    every TICK seconds too), so a progress bar can name whom it waits for.
    `run`: the book's record of its run (`shards.record`), there from the first save.
    """
    book = Book(exercise, entries=list(done), submissions=len(subs) + len(done), run=dict(run or {}))
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
            worker = local.worker = Worker(on_start=track, on_end=untrack, sandbox=sandbox)
            with lock:
                workers.append(worker)
        return worker

    running: dict[str, None] = {}   # students being graded now, in the order they started
    shown: list[str] = []           # what on_running was last told

    def one(sub: Submission) -> Verdict:
        with lock:
            running[sub.student] = None
        try:
            return graded(sub)
        finally:
            with lock:
                running.pop(sub.student, None)

    def tell_running() -> None:
        with lock:
            now = list(running)
        if on_running is not None and now != shown:
            shown[:] = now
            on_running(now)

    def graded(sub: Submission) -> Verdict:
        if sub.path is None:
            return Verdict(exercise, "", "error", sub.problem)
        if stopping.is_set():
            return Verdict(exercise, str(sub.path), "error", "not graded: grading was stopped")
        why = not_gradable(sub.path)
        if why:
            return Verdict(exercise, str(sub.path), "error", why)
        return checked(sub)

    def ran(verdict: Verdict) -> Verdict:
        """A checker's verdict; without the sandbox it says "none" even when the answer does not
        (a checker that died, an older checker): the file ran, or began to, with limits only."""
        if sandbox == "none" and not verdict.isolation:
            verdict.isolation = "none"
        return verdict

    def checked(sub: Submission) -> Verdict:
        if check is None:
            try:
                return ran(own_worker().check(exercise, sub.path, timeout))
            except Exception as exc:  # e.g. cannot start a process: this student only
                return Verdict(exercise, str(sub.path), "error", f"could not be checked: {exc}")
        mine: list[subprocess.Popen] = []

        def started(proc: subprocess.Popen) -> None:
            mine.append(proc)
            track(proc)
        try:
            return ran(check(exercise, sub.path, timeout, on_start=started))
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
            # woken every TICK too: a student who starts while none finishes is named all the same
            finished, _ = wait(pending, timeout=TICK if on_running else None, return_when=FIRST_COMPLETED)
            tell_running()
            for fut in finished:
                entry = Entry(pending[fut].student, _with_flags(fut.result(), pending[fut].flags))
                book.entries.append(entry)
                del pending[fut]
                if on_result is not None:
                    on_result(book, entry)
    except KeyboardInterrupt:
        halt()
        book.interrupted = True
        finished = {e.student for e in book.entries}
        book.not_graded = [s.student for s in pending.values() if s.student not in finished]
        raise Interrupted(book) from None
    except BaseException:  # e.g. on_result could not write the gradebook: leave nothing running
        halt()
        raise
    pool.shutdown(wait=True)
    _close(workers)
    return book


def _with_flags(verdict: Verdict, flags: list[str]) -> Verdict:
    """The verdict with what discovery found about the file ("same as bob") among its integrity flags."""
    if flags:
        verdict.flags = list(dict.fromkeys([*verdict.flags, *flags]))
    return verdict


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
