"""The exercises screen's files: each exercise's file followed, and graded again once a change holds still.

A mixin of `ExercisesScreen` (which holds `rows`, the check to run, its
timeout and `_show`); split out so the screen's module stays about drawing and
keys. A timer polls every file's signature (size, mtime, hash: see
`practice.watch`) and, once a changed file has held still for one more tick,
grades it again in a thread worker; the result comes back as an
`ExerciseGraded` message. A file that is missing or still byte-for-byte the
ladder's stub counts as "not started" and is not run. Every process a check
starts is tracked (`procs.Tracker`), so leaving the app stops the running checks.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from toynn_tui import ladder
from toynn_tui.checker.files import Unreadable, read_regular
from toynn_tui.i18n import _
from toynn_tui.messages import ExerciseGraded
from toynn_tui.practice.runner import Verdict
from toynn_tui.practice.watch import signature
from toynn_tui.widgets.checks import state_of

POLL = 0.5  # seconds between looks at the files


@dataclass
class Row:
    """What the screen knows about one exercise."""

    ex: ladder.Exercise
    path: Path
    seen: tuple | None = None      # signature at the previous poll (a change must hold still)
    graded: tuple | None = None    # signature of the content last sent to the checker
    started: bool = False          # the file exists and is not the untouched stub
    verdict: Verdict | None = None
    checked_at: datetime | None = None
    checking: bool = False
    hints: int = 0                 # how many hints are shown

    @property
    def state(self) -> str:
        return state_of(self.verdict, self.started)


class FollowFiles:
    """Polling, grading and the graded message, for ExercisesScreen (which provides `rows`,
    `_check`, `_timeout`, `_procs`: a `procs.Tracker`, `_greened`: the names green before, `_timer`
    and `_show`)."""

    def _poll(self, settle: bool = True) -> None:
        for name, row in self.rows.items():
            sig = signature(row.path)
            held = sig == row.seen or not settle
            row.seen = sig
            if sig == row.graded or not held or row.checking:
                continue  # unchanged, still changing, or busy (the next poll looks again)
            self._grade(name, sig)

    def _grade(self, name: str, sig: tuple | None) -> None:
        row = self.rows[name]
        row.graded = sig
        row.started = sig is not None and not self._is_stub(row)
        if not row.started:
            row.verdict = row.checked_at = None
            self._show()
            return
        row.checking = True
        self._show()
        self.run_worker(lambda: self._grade_in_thread(name, row.path, sig), thread=True,
                        group="grade", exit_on_error=False)

    def _grade_in_thread(self, name: str, path: Path, sig: tuple) -> None:
        try:
            with self._procs.tracking() as started:
                verdict = self._check(name, path, self._timeout, on_start=started)
        except Exception as exc:  # cannot start a child, say: show it, do not crash the app
            verdict = Verdict(name, str(path), "error", _("could not be checked: {reason}").format(reason=exc))
        self.post_message(ExerciseGraded(name, verdict, sig))

    def on_exercise_graded(self, message: ExerciseGraded) -> None:
        row = self.rows.get(message.exercise)
        if row is None:
            return
        row.checking = False
        self.checks_run += 1
        before = row.state
        if message.signature == row.graded:  # not overtaken by newer content meanwhile
            row.verdict, row.checked_at = message.verdict, datetime.now()
        if row.state == "passing" and before != "passing" and row.ex.name not in self._greened:
            self.notify(_("{title}: all checks pass.").format(title=row.ex.title), title=_("Green"))
        if row.state == "passing":
            self._greened.add(row.ex.name)
        self._show()

    def _is_stub(self, row: Row) -> bool:
        try:   # a bounded, non-blocking read: a FIFO there would freeze the screen
            return read_regular(row.path) == row.ex.stub.read_bytes()
        except (OSError, Unreadable):
            return False

    def on_screen_suspend(self) -> None:
        self._timer.pause()  # nothing to follow while the learner is on another screen

    def on_screen_resume(self) -> None:
        self._timer.resume()
        self._poll(settle=False)

    def on_unmount(self) -> None:
        self._procs.stop_all()  # leaving the app: stop running checks rather than wait for them
