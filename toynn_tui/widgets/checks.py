"""The exercises screen's panels: the ladder's rows and one exercise's check results.

Both draw from the checker's own answer (a `practice.runner.Verdict`, read
from `toynn check --json`), so the screen shows exactly what the command line
would; before the first check they list the ladder's check names, not run yet.
"""
from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from toynn_tui.practice.gradebook import diagnosis_title
from toynn_tui.practice.runner import Verdict

# state -> (mark, style, words); "checking" is shown next to the last state, not instead of it.
STATES = {
    "not started": ("·", "dim", "not started"),
    "failing": ("✗", "bold red", "failing"),
    "passing": ("✓", "bold green", "passing"),
}


def state_of(verdict: Verdict | None, started: bool) -> str:
    if not started or verdict is None:
        return "not started"
    return "passing" if verdict.status == "pass" else "failing"


def ladder_row(order: int, title: str, state: str, checking: bool) -> Text:
    """Two lines: the mark and title, then the state (and "checking…" while a check runs)."""
    mark, style, words = STATES[state]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{mark} ", style)
    text.append(f"{order}. {title}\n")
    text.append(f"   {words}", style)
    if checking:
        text.append("  checking…", "bold yellow")
    return text


def progress_line(passing: int, total: int, workspace: str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" Exercises ", "bold")
    text.append("▰" * passing, "green")
    text.append("▱" * (total - passing), "dim")
    text.append(f" {passing} of {total} passing", "bold green" if passing == total else "bold")
    text.append(f"  ·  {workspace}", "dim")
    return text


class ChecksPanel(Static):
    """One exercise's checks: ✓/✗ per check, the failing ones' messages and diagnoses."""

    DEFAULT_CSS = "ChecksPanel { height: auto; }"

    def show(self, verdict: Verdict | None, check_names: tuple[str, ...] = (), *, started: bool = True,
             checking: bool = False, checked_at: datetime | None = None) -> None:
        text = Text()
        if checking:
            text.append("checking…\n", "bold yellow")
        if not started:
            text.append("No file yet (or still the untouched stub): nothing to check.\n", "dim")
        if verdict is None:
            for name in check_names:
                text.append("  · ", "dim")
                text.append(f"{name}\n", "dim")
            self.update(text)
            return
        shown: set[str] = set()  # the checker repeats its explanation per test: say it once
        for t in verdict.tests:
            ok = t.get("status") == "pass"
            text.append("✓ " if ok else "✗ ", "bold green" if ok else "bold red")
            text.append(f"{t.get('name', '?')}\n")
            if ok:
                continue
            message = str(t.get("message") or "")
            if message:
                text.append(_indent(message, skip=shown))
            title = diagnosis_title(str(t["diagnosis"])) if t.get("diagnosis") else ""
            if title and title.lower() not in message.lower():  # the checker may already name it
                text.append(f"    mistake: {title}\n", "yellow")
        if not verdict.tests:
            text.append("✗ could not be checked\n", "bold red")
            text.append(_indent(verdict.message or "(no reason given)"))
        style = {"pass": "bold green", "fail": "bold yellow"}.get(verdict.status, "bold red")
        words = "all pass" if verdict.status == "pass" else "pass"
        summary = f"{verdict.passed} of {verdict.total} checks {words}" if verdict.tests else "not graded"
        text.append(summary, style)
        if checked_at is not None:
            text.append(f"  · checked {checked_at.strftime('%H:%M:%S')} in {verdict.seconds:.1f}s", "dim")
        self.update(text)


def _indent(message: str, limit: int = 12, skip: set[str] | None = None) -> str:
    """The message indented; after its first line, lines already in `skip` are left out."""
    lines = message.strip().splitlines()[:limit]
    keep = lines[:1]
    for ln in lines[1:]:
        if skip is None or ln not in skip:
            keep.append(ln)
            if skip is not None:
                skip.add(ln)
    return "".join(f"    {ln}\n" for ln in keep)
