"""A check's outcome: per-check results, the human report, and Exercism v3 JSON.

The JSON follows Exercism's test-runner interface, version 3 (top-level
`version`, `status` pass/fail/error, `message`, `tests` with `name`, `status`,
`message`, `output`) and adds, without breaking it, a per-test `diagnosis` (a
mistake id or null) and a top-level `toynn` block that `toynn grade` reads.
Those ids and keys are a contract: keep them stable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import click

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

    def full_message(self) -> str:
        parts = [self.message]
        if self.diagnosis:
            parts.append(f"Likely mistake: {self.diagnosis_title}. {self.explanation}".rstrip())
        parts += [f"at {w}" for w in self.where]
        if self.detail:
            parts.append(self.detail)
        if self.hint:
            parts.append(f"Hint: {self.hint}")
        return "\n".join(p for p in parts if p)


@dataclass
class Report:
    exercise: str
    file: str
    status: str                    # pass | fail | error (could not be graded at all)
    message: str
    tests: list[TestResult]
    output: str = ""               # what the learner's file printed (truncated)
    dropped: int = 0               # bytes of that output cut off

    @property
    def passed(self) -> int:
        return sum(t.status == "pass" for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def diagnoses(self) -> list[str]:
        return list(dict.fromkeys(t.diagnosis for t in self.tests if t.diagnosis))

    def to_json(self) -> dict:
        return {
            "version": 3,
            "status": self.status,
            "message": self.message,
            "tests": [{"name": t.name, "status": t.status,
                       "message": None if t.status == "pass" else t.full_message(),
                       "output": (self.output[:OUTPUT_LIMIT] or None) if t.status != "pass" else None,
                       "diagnosis": t.diagnosis, "hint": t.hint or None}
                      for t in self.tests],
            "toynn": {"exercise": self.exercise, "file": self.file, "diagnoses": self.diagnoses,
                      "passed": self.passed, "total": self.total},
        }


def render(report: Report) -> list[str]:
    """The human report: one line per check, the why under a failing one, and a summary line.

    Styled with click.style; click.echo drops the colour when stdout is not a terminal.
    """
    lines = [click.style(f"{report.exercise}: {report.file}", bold=True)]
    shown = set()      # the same mistake at the same line is explained once, not under every check
    explained = set()  # mistake ids whose explanation is already above
    short = 0          # failures shown by their one line only
    for t in report.tests:
        if t.status == "pass":
            lines.append(f"  {click.style('✓', fg='green')} {t.name}")
            continue
        lines.append(f"  {click.style('✗', fg='red')} {t.name} — {t.message}")
        key = (t.diagnosis, tuple(t.where), t.detail)
        if key in shown and (t.diagnosis or t.where):
            short += 1
            continue
        if shown and (not (t.diagnosis or t.where) or t.diagnosis in SYMPTOMS):
            short += 1
            continue   # most likely a consequence of the failure explained above: keep the report short
        shown.add(key)
        if t.diagnosis in explained:   # the same mistake seen by another check: say so, once is enough
            lines.append("      " + click.style(f"likely mistake: {t.diagnosis_title} (as above)", fg="yellow"))
            continue
        if t.diagnosis:
            explained.add(t.diagnosis)
            lines.append("      " + click.style(f"likely mistake: {t.diagnosis_title}", fg="yellow")
                         + (f" — {t.explanation}" if t.explanation else ""))
        for w in t.where:
            lines.append(f"      at {w}")
        for d in t.detail.splitlines():
            lines.append(f"      {d}")
        if t.hint:
            lines.append("      " + click.style(f"hint: {t.hint}", fg="cyan"))
    if report.output.strip():
        lines.append("  your file printed (or numpy warned):" + (f" (first part; {report.dropped} more bytes cut)" if report.dropped else ""))
        lines += [f"    | {ln}" for ln in report.output.strip().splitlines()[:8]]
    if short:
        lines.append("  (fix the first failure first: the ones after it may follow from it)")
    if report.status == "pass":
        summary = click.style(f"All {report.total} checks pass.", fg="green", bold=True)
    elif report.status == "error":
        summary = click.style(f"Could not be checked: {report.message}", fg="red", bold=True)
    else:
        summary = click.style(f"{report.passed} of {report.total} checks pass.", fg="red", bold=True)
    lines.append(summary)
    return lines
