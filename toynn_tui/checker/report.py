"""A check's outcome: per-check results, the human report, and Exercism v3 JSON.

The JSON follows Exercism's test-runner interface, version 3 (top-level
`version`, `status` pass/fail/error, `message`, `tests` with `name`, `status`,
`message`, `output`, `test_code`, `task_id`). Everything toynn adds is in one
top-level `toynn` block that `toynn grade` reads, the per-test extras too
(`toynn.tests[i]`: `diagnosis`, a mistake id or null, and `hint`), so the tests
hold Exercism's keys only. Those ids and keys are a contract: keep them stable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from toynn_tui.checker import wording
from toynn_tui.i18n import N_, _, ngettext
from toynn_tui.text import printable

OUTPUT_LIMIT = 500   # characters of the learner's printing per test, as Exercism truncates
# Mistakes that are what a wrong update leads to rather than a cause of their own: after a
# failure explained above, the human report does not explain them again (the JSON still lists them).
SYMPTOMS = frozenset({"not-finite"})


@dataclass
class TestResult:
    name: str
    status: str                    # pass | fail | error
    message: str = ""              # one-line reason
    hint: str = ""
    diagnosis: str | None = None   # mistake id
    diagnosis_title: str = ""
    explanation: str = ""
    where: list[str] = field(default_factory=list)   # "file.py:12: the line" of the learner's code
    detail: str = ""               # expected vs got
    output: str = ""
    test_code: str = ""            # the calls the check makes (Exercism's test_code)
    findings: list[dict] = field(default_factory=list)   # the exact wrong lines (trace.Finding.to_json)

    def full_message(self) -> str:
        likely, at, hint = REPEATED
        parts = [self.message]
        if self.diagnosis:
            parts.append(_(likely).format(title=self.diagnosis_title, explanation=self.explanation).rstrip())
        parts += [_(at).format(where=w) for w in self.where]
        if self.detail:
            parts.append(self.detail)
        if self.hint:
            parts.append(_(hint).format(hint=self.hint))
        return "\n".join(p for p in parts if p)


# The lines full_message writes again under every check one mistake affects (the mistake, the
# learner's lines, the hint). The checks panel says each once, knowing them by their start in
# the current language: repeated_prefixes().
REPEATED = (N_("Likely mistake: {title}. {explanation}"), N_("at {where}"), N_("Hint: {hint}"))


def repeated_prefixes() -> tuple[str, ...]:
    """How each REPEATED line starts, in the current language (its text before the first field)."""
    return tuple(_(m).split("{", 1)[0] for m in REPEATED)


@dataclass
class Report:
    exercise: str
    file: str
    status: str                    # pass | fail | error (could not be graded at all)
    message: str
    tests: list[TestResult]
    output: str = ""               # what the learner's file printed (truncated)
    dropped: int = 0               # bytes of that output cut off
    isolation: str = ""            # "bubblewrap" | "none": the wall the file ran behind
    isolation_note: str = ""       # for "none": why no sandbox could start
    flags: list[str] = field(default_factory=list)   # integrity flags (checker.integrity), informative
    ended: str = ""                # why the file's process ended early (a time limit), "" otherwise
    limits: str = ""               # which walls held (limits.CheckLimits.walls): a cgroup, or rlimits per process
    notes: list[str] = field(default_factory=list)   # what of a notebook was not graded, and why (informative)

    @property
    def passed(self) -> int:
        return sum(t.status == "pass" for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def diagnoses(self) -> list[str]:
        ids = []
        for t in self.tests:   # each check's mistake, then every other one its traced lines name
            ids += [t.diagnosis] + [f.get("diagnosis") for f in t.findings]
        return list(dict.fromkeys(i for i in ids if i))

    def to_json(self) -> dict:
        tests = []
        for task_id, t in enumerate(self.tests, start=1):   # each check is one task of the exercise
            test = {"name": t.name, "status": t.status,
                    "message": None if t.status == "pass" else t.full_message(),
                    "output": (self.output[:OUTPUT_LIMIT] or None) if t.status != "pass" else None}
            if t.test_code:
                test["test_code"] = t.test_code
            tests.append({**test, "task_id": task_id})
        return {
            "version": 3,
            "status": self.status,
            "message": self.message,
            "tests": tests,
            "toynn": {"exercise": self.exercise, "file": shown_path(self.file), "diagnoses": self.diagnoses,
                      "passed": self.passed, "total": self.total, "isolation": self.isolation,
                      "flags": list(self.flags), "notes": list(self.notes), "ended": self.ended or None, "limits": self.limits or None,
                      "tests": [{"diagnosis": t.diagnosis, "hint": t.hint or None, "lines": t.findings}
                                for t in self.tests]},
        }


def shown_path(file: str) -> str:
    """`file` relative to the current folder (the workspace) when it is inside it, else as given."""
    path = Path(file)
    try:
        return str(path.relative_to(Path.cwd())) if path.is_absolute() else file
    except ValueError:
        return file


def _lines(text: str) -> list[str]:
    """A multi-line text's lines, each made printable (the line breaks are ours to keep)."""
    return [printable(ln) for ln in str(text).splitlines()]


def render(report: Report) -> list[str]:
    """The human report: one line per check, the why under a failing one, and a summary line.

    Styled with click.style; click.echo drops the colour when stdout is not a terminal.
    Every text that can come from the learner's file (exception messages, where, detail, what it
    printed, its name) goes through `printable` first, so no escape sequence of theirs reaches the
    terminal; only our own click.style colours do.
    """
    p = printable
    lines = _heading(report)
    shown = set()      # the same mistake at the same line is explained once, not under every check
    explained = set()  # mistake ids whose explanation is already above
    short = 0          # failures shown by their one line only
    for t in report.tests:
        if t.status == "pass":
            lines.append(f"  {click.style('✓', fg='green')} {p(_(t.name))}")
            continue
        lines.append(f"  {click.style('✗', fg='red')} {p(_(t.name))} — {p(wording.child(t.message))}")
        key = (t.diagnosis, tuple(t.where), t.detail)
        if key in shown and (t.diagnosis or t.where):
            short += 1
            continue
        if shown and (not (t.diagnosis or t.where) or t.diagnosis in SYMPTOMS):
            short += 1
            continue   # most likely a consequence of the failure explained above: keep the report short
        shown.add(key)
        if t.diagnosis in explained:   # the same mistake seen by another check: say so, once is enough
            lines.append("      " + click.style(_("likely mistake: {title} (as above)").format(
                title=p(t.diagnosis_title)), fg="yellow"))
            continue
        if t.diagnosis:
            explained.add(t.diagnosis)
            lines.append("      " + click.style(_("likely mistake: {title}").format(title=p(t.diagnosis_title)), fg="yellow")
                         + (f" — {p(t.explanation)}" if t.explanation else ""))
        for w in t.where:
            lines.append("      " + _("at {where}").format(where=p(w)))
        for d in _lines(t.detail):
            lines.append(f"      {d}")
        if t.hint:
            lines.append("      " + click.style(_("hint: {hint}").format(hint=p(t.hint)), fg="cyan"))
    if report.output.strip():
        lines.append("  " + (ngettext("your file printed (or numpy warned): (first part; {n} more byte cut)",
                                      "your file printed (or numpy warned): (first part; {n} more bytes cut)",
                                      report.dropped).format(n=report.dropped)
                             if report.dropped else _("your file printed (or numpy warned):")))
        lines += [f"    | {ln}" for ln in _lines(report.output.strip())[:8]]
    if short:
        lines.append("  " + _("(fix the first failure first: the ones after it may follow from it)"))
    lines.append(_summary(report))
    return lines


def _heading(report: Report) -> list[str]:
    """The report's first lines: the file, then what the learner should know before the checks."""
    p = printable
    lines = [click.style(f"{p(report.exercise)}: {p(report.file)}", bold=True)]
    if report.isolation == "none":   # said once, plainly: the limits hold, the isolation does not
        if report.isolation_note:
            note = _("note: your file ran without a sandbox ({why}): it was limited in time and memory, "
                     "but not isolated from this machine.").format(why=p(report.isolation_note))
        else:
            note = _("note: your file ran without a sandbox: it was limited in time and memory, "
                     "but not isolated from this machine.")
        lines.append(click.style("  " + note, fg="yellow"))
    for note in report.notes:   # a notebook's cells left out: said before the checks they may explain
        lines.append(click.style("  " + _("note: {note}").format(note=p(note)), fg="yellow"))
    return lines


def _summary(report: Report) -> str:
    """The last line: how many checks pass, or why the file could not be checked, and a limit it ran into."""
    p = printable
    if report.status == "pass":
        summary = click.style(ngettext("All {total} check passes.", "All {total} checks pass.", report.total).format(
            total=report.total), fg="green", bold=True)
    elif report.status == "error":
        summary = click.style(_("Could not be checked: {why}").format(why=p(wording.child(report.message))),
                              fg="red", bold=True)
    else:
        summary = click.style(ngettext("{passed} of {total} check passes.", "{passed} of {total} checks pass.",
                                       report.total).format(passed=report.passed, total=report.total),
                              fg="red", bold=True)
        if report.ended:   # a limit it ran into: "0 of 6" alone would not say why
            summary += click.style(" " + _("{ending}.").format(ending=p(_capital(wording.your_file(report.ended)))),
                                   fg="red")
    return summary


def _capital(sentence: str) -> str:
    """The sentence with a capital first letter (English; a Chinese sentence is left as it is)."""
    return sentence[:1].upper() + sentence[1:]
