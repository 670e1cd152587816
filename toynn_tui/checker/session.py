"""Run an exercise's grading tests with pytest, in this process, and build the Report.

pytest is the judge: the grading files in `grading/` are ordinary pytest
tests. They are run isolated from wherever the learner's file lives: our own
ini with -c (no ini discovery), rootdir and confcutdir pinned to the grading
folder (a conftest.py beside the learner's file is never imported), no cache
written, no plugins auto-loaded, PYTEST_ADDOPTS ignored. The learner's code
itself runs only in the child process the grading fixture starts.

The outcome is read from a small plugin that records each test's exception
object, never by parsing pytest's text output.
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from toynn_tui import ladder
from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.checker import early, integrity, launch, notebook, wording
from toynn_tui.checker.files import NotSource, Unreadable, read_regular, source_text
from toynn_tui.checker.harness import CheckFailed, calls_code
from toynn_tui.checker.job import Job, RunState
from toynn_tui.checker.limits import CheckLimits
from toynn_tui.checker.mistakes.lines import lines_for
from toynn_tui.checker.report import Report, TestResult
from toynn_tui.checker.rungs import Rung

GRADING = Path(__file__).resolve().parent / "grading"


class _Collector:
    """A pytest plugin that keeps, per test, its name (docstring) and its exception."""

    def __init__(self, rung=None) -> None:
        self.results: dict[str, dict] = {}
        self.order: list[str] = []
        self._rung = rung

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            doc = (getattr(item.function, "__doc__", None) or item.name).strip().splitlines()[0]
            self.results[item.nodeid] = {"name": doc, "exc": None, "ran": False, "code": _code(item, self._rung)}
            self.order.append(item.nodeid)

    def pytest_runtest_makereport(self, item, call) -> None:
        entry = self.results.get(item.nodeid)
        if entry is None or call.when == "teardown":
            return
        if call.when == "call":
            entry["ran"] = True
        if call.excinfo is not None and entry["exc"] is None:
            entry["exc"] = call.excinfo.value


def _state(pytest, state: RunState, rung):
    """The plugin that owns the run's state and hands it to the grading files as fixtures, as
    Exercism's runner owns its run state: `state` (the job, the early child, the runs handed back),
    `job` (the file being graded) and `rung` (a network rung's spec and plan; None for exercises 1-3).
    Made here, after the early start, because it needs pytest imported."""
    class State:
        @pytest.fixture(scope="session")
        def state(self) -> RunState:
            return state

        @pytest.fixture(scope="session")
        def job(self) -> Job:
            return state.job

        @pytest.fixture(scope="session")
        def rung(self):
            return rung

        @pytest.hookimpl(tryfirst=True)
        def pytest_collection_modifyitems(self, items) -> None:
            # a check of an option the rung does not have (predict without dropout) is not collected
            items[:] = [i for i in items if getattr(getattr(i, "function", None), "only_if", None) is None
                        or i.function.only_if(rung)]
    return State()


def _code(item, rung=None) -> str:
    """The check's test_code: the plan's calls its test says it `uses` (harness.uses), "" if it says none."""
    names = getattr(item.function, "uses", None)
    plan = getattr(item.module, "PLAN", None) or (rung.plan() if rung is not None else None)
    if names is None or plan is None:
        return ""
    setup = rung.setup if rung is not None else getattr(item.module, "SETUP", None)
    return calls_code(plan, names, setup)


def grade(exercise: str, file: Path, timeout: float | None = None) -> Report:
    """Grade `file` as `exercise`. Runs pytest in THIS process: grade many files in separate processes.
    A notebook (.ipynb) is graded as the Python of its code cells (`checker.notebook`)."""
    file = Path(file).resolve()
    if file.suffix.lower() == ".ipynb":
        return _grade_notebook(exercise, file, timeout)
    return _grade_file(exercise, file, timeout)


def _grade_notebook(exercise: str, file: Path, timeout: float | None) -> Report:
    """The notebook's code, written as a .py in a private folder of ours, graded as any file; its report
    then names the notebook and its lines by cell. Nothing of the notebook runs here, nothing is written to it."""
    ex = ladder.get(exercise)
    try:
        with notebook.graded_copy(file, ex.name) as (graded, extracted):
            report = _grade_file(ex.name, graded, timeout)
    except (Unreadable, notebook.NotNotebook) as exc:
        why = _("the notebook could not be read: {why}").format(why=exc) if isinstance(exc, Unreadable) else str(exc)
        return Report(ex.name, str(file), "error", why, [])
    notebook.relabel(report, extracted, graded.name, str(file))
    return report


def _grade_file(exercise: str, file: Path, timeout: float | None) -> Report:
    ex = ladder.get(exercise)
    try:
        source = read_regular(file)
        isolation = launch.launcher().isolation
    except (Unreadable, RuntimeError) as exc:
        why = _("the file could not be read: {why}").format(why=exc) if isinstance(exc, Unreadable) else str(exc)
        return Report(ex.name, str(file), "error", why, [])
    try:   # judged as `python3 file.py` reads it: bytes Python refuses to decode never pass
        source_text(source)
    except NotSource as exc:
        return _not_source(ex.name, file, source, exc)
    # one time limit and one memory wall for every child of this check (closed by state.stop)
    job = Job(exercise, file, Path(ex.file).stem, timeout, source, CheckLimits(timeout, isolation.ok))
    rung = Rung(ex) if ex.network else None
    try:   # the learner's child first: it trains while pytest is imported and collects
        child = early.Early(job, rung.plan() if rung else early.load_plan(GRADING / ex.grading))
    except Exception:   # no early start (a grading file that does not load): the fixture starts it
        child = None
    state = RunState(job, child)
    import pytest   # after the early start: the child trains while pytest is imported
    collector = _Collector(rung)
    args = [str(GRADING / ex.grading), "-c", str(GRADING / "pytest.ini"), "--rootdir", str(GRADING),
            "--confcutdir", str(GRADING), "-q", "-p", "no:cacheprovider"]
    saved = {k: os.environ.get(k) for k in ("PYTEST_ADDOPTS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = pytest.main(args, plugins=[collector, _state(pytest, state, rung)])
    finally:
        state.stop()   # the early child, when nothing took it
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    report = _build(ex.name, file, collector, int(code), sink.getvalue(), state.last_run(), source, state.limits)
    report.isolation = isolation.name
    report.limits = state.limits.walls()
    report.isolation_note = "" if isolation.ok else isolation.why
    report.flags = integrity.scan(source)   # the snapshot's bytes, read in the encoding they declare
    return report


def _not_source(exercise: str, file: Path, source: bytes, exc: NotSource) -> Report:
    """The verdict on a file Python would refuse to read (`python3 file.py`: a SyntaxError): it fails,
    at the line Python names, and is not run. (The child's import machinery would let a stray byte in a
    comment through; a file passing here and failing for the learner is the one thing a check must not do.)"""
    lines = source.splitlines()
    shown = lines[exc.line - 1].decode("utf-8", "replace").strip() if exc.line <= len(lines) else ""
    test = TestResult(N_("the file is Python that Python can read"), "fail", str(exc),
                      _("Run the file with python yourself to see the error; most editors can save a file "
                        "as UTF-8 (or declare its encoding in a `# -*- coding: ... -*-` first line)."),
                      where=[f"{file.name}:{exc.line}: {shown}"])
    report = Report(exercise, str(file), "fail", str(exc), [test])
    report.flags = integrity.scan(source)
    return report


def _build(exercise: str, file: Path, collector: _Collector, code: int, pytest_text: str, run,
           source: bytes | None = None, limits: CheckLimits | None = None) -> Report:
    """The report of the run's checks; `run` is the child run the fixture was handed (its printing), or None;
    `source` the file's bytes as graded (the lines a report quotes are those, not the file's by now);
    `limits`: the check's, which remember the first limit any of its children ran into."""
    if not collector.order:   # the grading files themselves are broken: a toynn bug, not the learner's
        last = (pytest_text.strip().splitlines() or [_("no output")])[-1]
        return Report(exercise, str(file), "error", _("the grading tests did not run (pytest exit {code}): {last}")
                      .format(code=code, last=last), [])
    # the checks' names are ids (English in the JSON and gradebooks); the report shows them translated
    tests, load_error = [], ""
    for nodeid in collector.order:
        entry = collector.results[nodeid]
        exc = entry["exc"]
        if exc is None and entry["ran"]:
            tests.append(TestResult(entry["name"], "pass"))
        elif isinstance(exc, CheckFailed):
            m = exc.mistake
            # traced lines are exact; a guess by the mistake's usual lines only when nothing was traced
            where = exc.where if exc.findings is not None else (
                exc.where or lines_for(m.id if m else None, file, source))
            tests.append(TestResult(entry["name"], "fail", exc.reason, exc.hint, m.id if m else None,
                                    m.title if m else "", m.explanation if m else "", where, exc.detail,
                                    findings=[f.to_json() for f in exc.findings or []]))
            if exc.error and not load_error:
                load_error = exc.reason
        else:  # an unexpected exception in trusted code: report it as ours, without a traceback
            why = f"{type(exc).__name__}: {exc}" if exc is not None else _("it did not run")
            tests.append(TestResult(entry["name"], "error", _("toynn could not run this check ({why})").format(why=why)))
        tests[-1].test_code = entry["code"]
    output, dropped = (run.output, run.dropped) if run else ("", 0)
    # Why the file's process ended early, when a time limit ended it: a file stopped there gets
    # "0 of 6" like any wrong file, so the reason must travel with the verdict to the gradebook.
    # (The sandbox's words: "stopped after the time limit of 6 s" or "used up its CPU time limit".)
    ended = run.ended if run is not None and "time limit" in run.ended else ""
    ended = ended or (limits.ended if limits is not None else "")   # a re-run's time, any child's memory
    if load_error:
        return Report(exercise, str(file), "error", load_error, tests, output, dropped, ended=ended)
    if dropped:   # a flood of printing is a fault of its own, whatever the numbers say
        tests.append(TestResult(N_("printing stays within limits"), "fail",
                                ngettext("your file printed more than 64 KB ({n} byte over)",
                                         "your file printed more than 64 KB ({n} bytes over)", dropped).format(n=dropped),
                                _("Remove the print calls inside the training loop, or print every 10000th iteration.")))
    if ended and all(t.status == "pass" for t in tests):   # over a limit is never a pass
        tests.append(TestResult(N_("it stays within the time and memory limits"), "fail", wording.your_file(ended)))
    if any(t.status == "error" for t in tests):
        status = "error"
        message = next(t.message for t in tests if t.status == "error")
    elif all(t.status == "pass" for t in tests):
        status, message = "pass", ngettext("all {total} check passes", "all {total} checks pass",
                                           len(tests)).format(total=len(tests))
    else:
        status = "fail"
        message = ngettext("{passed} of {total} check passes", "{passed} of {total} checks pass", len(tests)).format(
            passed=sum(t.status == 'pass' for t in tests), total=len(tests))
    if ended and status != "pass":   # "...; your file was stopped after the time limit of 6 s"
        message = _("{verdict}; {ending}").format(verdict=message, ending=wording.your_file(ended))
    return Report(exercise, str(file), status, message, tests, output, dropped, ended=ended)

