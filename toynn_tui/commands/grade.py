"""`toynn grade`: grade a class's submissions into gradebooks, behind the sandbox, resumable.

Thin, like the other commands: it reads the options, asks `practice.classroom`
to grade, writes through `practice.gradebook` and `practice.journal`, and
prints. Three things it decides itself:
- the sandbox: students' code is run only behind one (`checker.launch`); where
  none can start it refuses, unless the teacher says `--no-sandbox`, and then
  the workers are pinned to no sandbox and every gradebook row says "none";
- the journal next to the first --out, appended and synced per student, so
  `--resume` can finish a run that was interrupted, even by kill -9, without
  running the graded students' code again; the gradebooks themselves are
  written at the start and at the end (or on Ctrl-C / kill), not per student;
- the terminal: everything printed goes through `toynn_tui.text.printable`, since
  file names and messages come from students (an escape sequence in one could
  retitle, recolour or clear the teacher's terminal).

`--shard I/N` grades one part of the class (`practice.shards`), and
`toynn grade merge SHARD.json... --out ALL` joins the parts (`practice.merge`).
`merge` is a word `grade` dispatches on before parsing (`GradeCommand`), not a
click Group: a Group would parse `toynn grade DIR` as a subcommand named DIR,
and `toynn grade DIR --exercise E` must keep working exactly as it did.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from toynn_tui.commands.options import EXERCISE, TIMEOUT, hangup_as_ctrl_c
from toynn_tui.i18n import _
from toynn_tui.commands.grade_merge import ROSTER, check_outs as _check_outs, merge, say as _say
from toynn_tui.practice import classroom, gradebook, journal, roster as rosters, shards
from toynn_tui.text import printable


class GradeCommand(click.Command):
    """`toynn grade`, which hands `toynn grade merge ...` to its `merge` command.

    The parent group calls `make_context` and then invokes whichever command
    the context holds, so returning the merge command's context is the whole
    dispatch. A class folder named "merge" is graded as `toynn grade ./merge`.
    """

    subcommands: dict[str, click.Command] = {}

    def make_context(self, info_name, args, parent=None, **extra):
        if args and args[0] in self.subcommands:
            return self.subcommands[args[0]].make_context(f"{info_name} {args[0]}", list(args[1:]),
                                                          parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


# click's help is built at import: the entry point (toynn_tui.entry) has fixed the language by then.
@click.command(cls=GradeCommand, short_help=_("Grade a folder of students' files into gradebooks."),
               help=_("Grade every submission in SUBMISSIONS (one file or one folder per student).\n\n"
                      "JOBS checkers work at once; each submission's code runs in its own "
                      "sandboxed, limited process, so one broken or hostile file never stops the "
                      "others. The journal next to the first --out is appended after every "
                      "student and the gradebooks are written at the end, or on Ctrl-C, as a "
                      "valid partial one; after a crash, --resume rebuilds them from the journal "
                      "and grades the rest. A class summary (passes, most common mistakes, "
                      "integrity flags) follows.\n\n"
                      "`toynn grade merge SHARD.json... --out ALL` joins shards (see its --help)."))
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--exercise", "-e", type=EXERCISE, required=True, help=_("Which exercise the submissions answer."))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help=_("Submissions graded at once [default: the number of CPUs]."))
@click.option("--out", "-o", "outs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help=_("Gradebook file; .csv, .json or .xml (JUnit); .canvas.csv, .moodle.csv (LMS imports) "
                     "or .classroom.json (GitHub Classroom's result). Repeat for several."))
@TIMEOUT
@ROSTER
@click.option("--no-sandbox", is_flag=True,
              help=_("Grade where no sandbox can start: students' code then runs with time and memory "
                     "limits only, not isolated from this machine (the gradebook says so)."))
@click.option("--resume", is_flag=True,
              help=_("Finish an interrupted run: students in the journal next to the first --out are "
                     "taken as graded, the others are graded."))
@click.option("--shard", "shard_text", metavar="I/N|auto", default=None,
              help=_("Grade only shard I of N (I counts from 1): the students whose name hashes to it, the "
                     "same on every machine, so N runs 1/N ... N/N grade each student once; join their .json "
                     "gradebooks with `toynn grade merge`. auto: from the environment (TOYNN_SHARD and "
                     "TOYNN_SHARD_COUNT; a Slurm job array; a Kubernetes Indexed Job's JOB_COMPLETION_INDEX "
                     "with TOYNN_SHARD_COUNT) [default: 1/1, the whole class]."))
@click.option("--similarity", "similar", is_flag=True,
              help=_("Compare the submissions with each other, offline (copydetect), the stub and the reference "
                     "answer removed: a most_like column and the pairs above the threshold in the summary. "
                     "It changes no grade."))
@click.option("--similarity-report", "similarity_report", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=_("Also write each flagged pair side by side to this HTML file (implies --similarity)."))
def grade(submissions: Path, exercise: str, jobs: int | None, outs: tuple[Path, ...],
          timeout: float | None, no_sandbox: bool, resume: bool, shard_text: str | None,
          roster: rosters.Roster | None = None, similar: bool = False,
          similarity_report: Path | None = None) -> None:
    shard = _shard(shard_text)
    _check_outs(outs)
    if resume and not outs:
        raise click.UsageError(_("--resume continues the journal kept next to the first --out gradebook: give --out"))
    if similar or similarity_report:   # before any grading: a missing copydetect is said at once
        _needs_copydetect()
    sandbox = _sandbox(no_sandbox)
    subs = _found(submissions, exercise)
    run = shards.record(shard, (s.student for s in subs))   # the whole class's roster, in every shard
    subs = _in_shard(subs, shard)
    jobs = jobs or os.cpu_count() or 1
    book_journal, done = _journal(outs, exercise, resume, subs)
    graded = {e.student for e in done}
    todo = [s for s in subs if s.student not in graded]

    def save(book):
        book.roster = roster   # the LMS formats and the summary match the class against it
        for out in outs:
            gradebook.write(book, out)

    # The gradebooks are written now (so none on disk is an earlier run's), and once more at the
    # end or on Ctrl-C / kill, never per student: rewriting them all after each one cost the
    # square of the class. Per student only the journal is appended (and synced): after kill -9
    # it is the record, and --resume rebuilds the gradebooks from it.
    save(gradebook.Book(exercise, entries=list(done), submissions=len(subs), run=run))
    try:
        book, interrupted = _graded_with_bar(todo, exercise, jobs, book_journal, timeout=timeout,
                                             sandbox=sandbox, done=done, run=run)
        if similar or similarity_report:   # read as text, after the grading: no verdict waits for it
            book.similarity = _similarity(subs, exercise, similarity_report)
        save(book)
    finally:
        if book_journal is not None:
            book_journal.close()
    if book_journal is not None and book.complete:
        book_journal.discard()   # the gradebooks hold everyone: nothing is left to resume
    for line in gradebook.summary_lines(book):
        click.echo(line)
    for out in outs:
        click.echo(printable(_("Gradebook: {file}").format(file=out)))
    if interrupted:
        if book_journal is not None:
            _say(_("The same command with --resume grades the rest."))
        sys.exit(130)


def _graded_with_bar(todo: list, exercise: str, jobs: int, book_journal: journal.Journal | None,
                     **grading) -> tuple[gradebook.Book, bool]:
    """`classroom.grade(todo, ...)` under a progress bar, each result journalled; (the book, interrupted?)."""
    # The bar names whom it is grading: one that hangs at "9/10" says who it waits for.
    began = time.monotonic()
    with click.progressbar(length=len(todo), label=printable(_("grading {n} ({jobs} at a time)").format(n=len(todo), jobs=jobs)),
                           file=sys.stderr, show_pos=True, show_eta=False,
                           item_show_func=lambda now: _now_grading(now, time.monotonic() - began)) as bar:
        def on_result(book, entry):
            if book_journal is not None:   # the durable record of who is done
                book_journal.add(entry)
            bar.update(1)

        def on_running(students):
            bar.current_item = students
            bar.render_progress()   # update(0) would not redraw: no step was made
        try:
            with hangup_as_ctrl_c():
                return classroom.grade(todo, exercise, jobs=jobs, on_result=on_result, on_running=on_running,
                                       **grading), False
        except classroom.Interrupted as stop:
            return stop.book, True


def _needs_copydetect() -> None:
    from toynn_tui.practice import similarity
    try:
        similarity.available()
    except similarity.Missing as exc:
        raise click.UsageError(str(exc))


def _similarity(subs: list, exercise: str, html_out: Path | None):
    """The class's similarity report (and its HTML page when asked for); copydetect only now."""
    from toynn_tui.practice import similarity
    try:
        report = similarity.compare(subs, exercise)
    except similarity.Missing as exc:
        raise click.UsageError(str(exc))
    if html_out is not None:
        from toynn_tui.practice import similarity_html
        similarity_html.write(report, exercise, html_out)
        click.echo(printable(_("Similarity report: {file}").format(file=html_out)))
    return report


def _found(submissions: Path, exercise: str) -> list:
    """The class's submissions, saying what was ignored and which links were skipped; a usage error when none."""
    try:
        subs, ignored, links = classroom.discover(submissions, exercise)
    except OSError as exc:   # the folder itself (one student's entry is that student's error row)
        raise click.UsageError(printable(_("cannot read {folder}: {reason}").format(
            folder=submissions, reason=exc.strerror or exc)))
    if ignored:
        _say(_("Ignored (not .py files or folders): {names}").format(names=", ".join(ignored)))
    if links:
        _say(_("Skipped (links are never graded, not even to a classmate's file): {names}").format(
            names=", ".join(links)))
    if not subs:
        raise click.UsageError(printable(_("no submissions in {folder} (expected NAME.py files or NAME/ folders)").format(
            folder=submissions)))
    return subs


def _in_shard(subs: list, shard: shards.Shard) -> list:
    """The submissions of this shard (all of them for 1/1), saying how many of the class's."""
    if shard.count <= 1:
        return subs
    mine = shards.select(subs, shard)
    _say(_("Shard {shard}: {n} of the class's {total} submissions.").format(shard=shard, n=len(mine), total=len(subs)))
    return mine


def _shard(text: str | None) -> shards.Shard:
    """--shard's value as a Shard (1/1 without it); "auto" reads the environment and says what it found."""
    if text is None:
        return shards.Shard()
    if text.strip().lower() != "auto":
        try:
            return shards.parse(text)
        except ValueError as exc:
            raise click.BadParameter(printable(str(exc)), param_hint="--shard")
    try:
        shard, found = shards.from_env()
    except ValueError as exc:   # its message starts "--shard auto": no "Invalid value for --shard" before it
        raise click.UsageError(printable(str(exc)))
    _say(_("--shard auto: {found}").format(found=found))
    return shard


GradeCommand.subcommands = {"merge": merge}


def _now_grading(students: list[str] | None, elapsed: float | None = None) -> str | None:
    """The progress bar's text after the count: the time since grading began, named (click's
    own timer is an unnamed time *left*), and the students being graded now (printable)."""
    took = "" if elapsed is None else _("elapsed {time}").format(time=f"{int(elapsed) // 60}:{int(elapsed) % 60:02d}")
    if not students:
        return took or None
    shown = ", ".join(s[:20] for s in students[:3]) + (f" +{len(students) - 3}" if len(students) > 3 else "")
    return printable(f"{took}  {_('now: {students}').format(students=shown)}".strip())   # names cut, so the bar stays one line a \r can redraw


def _sandbox(no_sandbox: bool) -> str:
    """TOYNN_SANDBOX for the checker workers: the sandbox that can start here, or "none" if allowed."""
    if no_sandbox:
        _say(_("Grading without the sandbox (--no-sandbox): students' code runs with time and memory limits "
               "only, not isolated from this machine."))
        return "none"
    try:
        from toynn_tui.checker import launch   # here: only grading needs to know
        status = launch.status()
    except ImportError:
        why = _("this toynn has no sandbox launcher (toynn_tui.checker.launch)")
    except ValueError as exc:   # e.g. TOYNN_SANDBOX set to something unknown
        why = str(exc)
    else:
        if status.ok:
            return status.name   # pinned: a worker must not fall back to no sandbox on its own
        why = status.why or _("no sandbox can start here")
    raise click.UsageError(printable(_(
        "grading runs every student's code, and no sandbox can start here: {reason}. "
        "To grade anyway, with time and memory limits only (not isolated from this machine), add --no-sandbox."
    ).format(reason=why)))


def _journal(outs: tuple[Path, ...], exercise: str, resume: bool, subs: list) -> tuple[journal.Journal | None, list]:
    """The run's journal (next to the first gradebook) and, with --resume, the entries it already holds."""
    if not outs:
        return None, []
    path = journal.path_for(outs[0])
    done = []
    if resume:
        names = {s.student for s in subs}
        done = [e for e in journal.load(path, exercise) if e.student in names]
        if path.exists():
            _say(_("Resuming: {done} from {journal} taken as graded; grading the other {left}.").format(
                done=len(done), journal=path, left=len(subs) - len(done)))
        else:
            _say(_("No journal at {journal}: nothing to resume, grading everyone.").format(journal=path))
    elif path.exists():
        _say(_("Starting afresh: replacing the journal of an earlier unfinished run ({journal}); "
               "--resume would have continued it.").format(journal=path))
    try:
        return journal.Journal(path, exercise, done), done
    except OSError as exc:
        raise click.UsageError(printable(_("cannot write the journal {journal}: {reason}").format(
            journal=path, reason=exc.strerror or exc)))
