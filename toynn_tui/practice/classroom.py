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
  (and the learners' processes they started: `toynn_tui.procs.Tracker`), drops the
  queued ones and returns what was graded, flagged interrupted.
"""
from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Callable

from toynn_tui.i18n import _
from toynn_tui.practice.discovery import SKIP_DIRS, Submission, discover  # noqa: F401 (classroom's names)
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.spawn import not_gradable
from toynn_tui.practice.verdict import Verdict
from toynn_tui.practice.worker_client import Worker
from toynn_tui.procs import Tracker


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
    return _Grading(exercise, timeout, check, sandbox, on_running).run(book, subs, jobs, on_result)


class _Grading:
    """One run of `grade`: its processes, its workers and who is being graded now.

    The grading threads call `one` per student; the calling thread runs `run`
    (and `halt`, to stop everything). `lock` guards `running` and `workers`;
    `procs` guards itself.
    """

    def __init__(self, exercise: str, timeout: float | None, check: Callable[..., Verdict] | None,
                 sandbox: str | None, on_running: Callable[[list[str]], None] | None) -> None:
        self.exercise, self.timeout, self.check, self.sandbox = exercise, timeout, check, sandbox
        self.on_running = on_running
        self.procs = Tracker()            # every process started for this run: workers, checkers, learners
        self.lock = threading.Lock()
        self.workers: list[Worker] = []
        self.local = threading.local()    # each grading thread's own worker
        self.running: dict[str, None] = {}   # students being graded now, in the order they started
        self.shown: list[str] = []           # what on_running was last told

    def own_worker(self) -> Worker:
        worker = getattr(self.local, "worker", None)
        if worker is None:
            worker = self.local.worker = Worker(on_start=self.procs.track, on_end=self.procs.untrack,
                                                sandbox=self.sandbox)
            with self.lock:
                self.workers.append(worker)
        return worker

    def one(self, sub: Submission) -> Verdict:
        with self.lock:
            self.running[sub.student] = None
        try:
            return self.graded(sub)
        finally:
            with self.lock:
                self.running.pop(sub.student, None)

    def tell_running(self) -> None:
        with self.lock:
            now = list(self.running)
        if self.on_running is not None and now != self.shown:
            self.shown[:] = now
            self.on_running(now)

    def graded(self, sub: Submission) -> Verdict:
        if sub.path is None:
            return Verdict(self.exercise, "", "error", sub.problem)
        if self.procs.stopping:
            return Verdict(self.exercise, str(sub.path), "error", _("not graded: grading was stopped"))
        why = not_gradable(sub.path)
        if why:
            return Verdict(self.exercise, str(sub.path), "error", why)
        return self.checked(sub)

    def ran(self, verdict: Verdict) -> Verdict:
        """A checker's verdict; without the sandbox it says "none" even when the answer does not
        (a checker that died, an older checker): the file ran, or began to, with limits only."""
        if self.sandbox == "none" and not verdict.isolation:
            verdict.isolation = "none"
        return verdict

    def checked(self, sub: Submission) -> Verdict:
        try:
            if self.check is None:
                return self.ran(self.own_worker().check(self.exercise, sub.path, self.timeout))
            with self.procs.tracking() as started:
                return self.ran(self.check(self.exercise, sub.path, self.timeout, on_start=started))
        except Exception as exc:  # e.g. cannot start a process: this student only
            return Verdict(self.exercise, str(sub.path), "error", _("could not be checked: {reason}").format(reason=exc))

    def run(self, book: Book, subs: list[Submission], jobs: int,
            on_result: Callable[[Book, Entry], None] | None) -> Book:
        """Grade `subs` into `book`, `jobs` at a time; on Ctrl-C raise Interrupted with the partial book."""
        pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="toynn-grade")
        pending = {pool.submit(self.one, s): s for s in subs}
        try:
            while pending:
                # woken every TICK too: a student who starts while none finishes is named all the same
                finished, _still = wait(pending, timeout=TICK if self.on_running else None, return_when=FIRST_COMPLETED)
                self.tell_running()
                for fut in finished:
                    entry = Entry(pending[fut].student, _with_flags(fut.result(), pending[fut].flags))
                    book.entries.append(entry)
                    del pending[fut]
                    if on_result is not None:
                        on_result(book, entry)
        except KeyboardInterrupt:
            self.halt(pool, pending)
            book.interrupted = True
            finished = {e.student for e in book.entries}
            book.not_graded = [s.student for s in pending.values() if s.student not in finished]
            raise Interrupted(book) from None
        except BaseException:  # e.g. on_result could not write the gradebook: leave nothing running
            self.halt(pool, pending)
            raise
        pool.shutdown(wait=True)
        _close(self.workers)
        return book

    def halt(self, pool: ThreadPoolExecutor, pending: dict) -> None:
        """Stop everything running (the learners' processes too), drop the queue, end the workers."""
        for fut in pending:
            fut.cancel()
        self.procs.stop_all()   # and from now on no student starts ("not graded")
        pool.shutdown(wait=True, cancel_futures=True)
        _close(self.workers)


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
