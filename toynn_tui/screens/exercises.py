"""The exercises screen: the ladder, one exercise's contract and checks, re-graded on save.

The learner edits `exercises/EXERCISE.py` in their own editor; the screen
follows every file and grades it again once a change holds still
(`exercise_files.FollowFiles`). Grading runs `toynn check --json` in a child
process from a thread worker, so the UI never waits on it and the learner's
code never runs in the app's process. This module draws and handles the keys.

`ToynnApp` mounts it as its "exercises" mode (key `e`; `t` here goes back),
with the workspace from `toynn-tui --workspace` (default: the one the
current folder is in, as for `toynn check`). Below 100 columns the ladder
narrows; with room to spare it widens until every title fits whole.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from toynn_tui import ladder
from toynn_tui.i18n import _
from toynn_tui.practice import history, schedule
from toynn_tui.practice.history import passed_before
from toynn_tui.practice.today import next_drill
from toynn_tui.practice.runner import Verdict, run_check
from toynn_tui.practice.watch import signature
from toynn_tui.practice.workspace import exercise_file, workspace_here
from toynn_tui.procs import Tracker
from toynn_tui.screens.exercise_files import POLL, FollowFiles, Row
from toynn_tui.widgets.checks import ChecksPanel, ladder_row, progress_line
from toynn_tui.widgets.learner import plain
from toynn_tui.widgets.too_small import TooSmall


def reflow(contract: str) -> str:
    """The contract with its hand-wrapped lines joined, so the panel wraps it at its own width.

    In the ladder a line starting with spaces continues the line above (it was
    wrapped for an ~90-column terminal); left as is, the narrower panel would
    wrap it again and leave ragged half-lines.
    """
    lines: list[str] = []
    for ln in contract.strip().splitlines():
        if lines and ln[:1].isspace() and ln.strip():
            lines[-1] = f"{lines[-1].rstrip()} {ln.strip()}"
        else:
            lines.append(ln)
    return "\n".join(lines)


class ExercisesScreen(FollowFiles, Screen):
    """The exercise ladder with live check results."""

    CSS_PATH = Path(__file__).with_name("exercises.tcss")
    # Under 100 columns the ladder narrows, so the checker's arrays fit beside it unwrapped.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # Below this the ladder and a check's arrays cannot both be read: show a notice instead.
    MIN_SIZE = (60, 16)
    # From 100 columns the ladder takes what the detail can spare beyond this many, up to
    # what its longest title needs: whole titles at 120 columns, the arrays still unwrapped.
    DETAIL_WIDTH = 70
    LADDER_CHROME = 4  # padding, the border and the option's own margin around a row's text

    BINDINGS = [
        Binding("h", "hint", _("hint")),
        Binding("c", "check", _("check now")),
        Binding("t", "training", _("training")),
        Binding("w", "watch", _("watch it learn"), tooltip=_("The training screen, on this exercise's net")),
        Binding("v", "compare", _("vs reference"),
                tooltip=_("Your net beside the reference, iteration by iteration")),
    ]

    def __init__(self, workspace: Path | None = None, *, check: Callable[..., Verdict] = run_check,
                 interval: float = POLL, timeout: float | None = None) -> None:
        super().__init__()
        self.workspace = Path(workspace) if workspace is not None else workspace_here()
        self._check = check
        self._interval = interval
        self._timeout = timeout
        self.rows = {ex.name: Row(ex, exercise_file(self.workspace, ex.name)) for ex in ladder.load()}
        self.current = next(iter(self.rows))
        self.checks_run = 0
        self._procs = Tracker()   # the checks running now (their checkers and the learners' processes)
        # Green before, in this session or in the workspace's records: passing again is no news,
        # so opening the screen on passing files stacks no pop-ups over the diagnosis.
        self._greened = passed_before(self.workspace)
        self._due = schedule.next_due(history.load(self.workspace))   # when each drilled one is due again

    def compose(self) -> ComposeResult:
        yield Static(id="ex-progress")
        with Horizontal(id="ex-main"):
            yield OptionList(*(Option(self._row_text(r), id=n) for n, r in self.rows.items()), id="ladder")
            with VerticalScroll(id="ex-detail"):
                yield Static(id="ex-title")
                yield Static(id="ex-file")
                yield ChecksPanel(id="ex-checks")
                yield Static(id="ex-hints")
                yield Static(id="ex-contract")
        yield TooSmall(id="too-small")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#ex-contract").border_title = _("contract")
        self.query_one("#ex-checks").border_title = _("checks")
        self._poll(settle=False)  # grade what is already there straight away
        self._timer = self.set_interval(self._interval, self._poll)
        self._show()

    def on_resize(self, event) -> None:
        self.query_one(TooSmall).fit(event.size.width, event.size.height, self.MIN_SIZE)
        self._fit_ladder(event.size.width)

    def _fit_ladder(self, width: int) -> None:
        ladder_list = self.query_one("#ladder", OptionList)
        if width < 100:
            ladder_list.styles.width = None  # the narrow ladder of the CSS
            return
        longest = max(cell_len(self._row_text(r).plain.split("\n")[0]) for r in self.rows.values())
        ladder_list.styles.width = max(30, min(longest + self.LADDER_CHROME, width - self.DETAIL_WIDTH))

    # -- drawing -------------------------------------------------------------
    def _row_text(self, row: Row) -> Text:
        return ladder_row(row.ex.order, row.ex.title, row.state, row.checking)

    def _show(self) -> None:
        ladder_list = self.query_one("#ladder", OptionList)
        for name, row in self.rows.items():
            ladder_list.replace_option_prompt(name, self._row_text(row))
        passing = sum(r.state == "passing" for r in self.rows.values())
        self.query_one("#ex-progress", Static).update(
            progress_line(passing, len(self.rows), str(self.workspace)))
        row = self.rows[self.current]
        self.query_one("#ex-title", Static).update(Text(f"{row.ex.order}. {row.ex.title}", "bold"))
        where = Text(_("file: "), "dim")
        where.append(plain(row.path))
        if row.seen is None:
            where.append("\n" + _("(not there yet: `toynn start {name}` or `toynn init` makes it)").format(
                name=row.ex.name), "yellow")
        elif not row.started:
            where.append("\n" + _("(the untouched stub: edit it and save)"), "dim")
        if row.ex.name in self._due:
            where.append("\n" + next_drill(self._due[row.ex.name], schedule.now()), "dim")
        self.query_one("#ex-file", Static).update(where)
        self.query_one("#ex-contract", Static).update(Text(reflow(row.ex.contract)))
        self.query_one(ChecksPanel).show(row.verdict, row.ex.checks, started=row.started,
                                         checking=row.checking, checked_at=row.checked_at)
        self._show_hints(row)

    def _show_hints(self, row: Row) -> None:
        hints = row.ex.hints
        text = Text()
        for i, hint in enumerate(hints[:row.hints], start=1):
            text.append(_("hint {n} of {total}: ").format(n=i, total=len(hints)), "bold yellow")
            text.append(f"{hint}\n")
        if row.hints < len(hints):
            text.append(_("h: show hint {n} of {total}").format(n=row.hints + 1, total=len(hints)), "dim")
        elif hints:
            text.append(_("(no more hints)"), "dim")
        self.query_one("#ex-hints", Static).update(text)

    # -- keys and the list ---------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id in self.rows:
            self.current = event.option.id
            self._show()

    def action_hint(self) -> None:
        row = self.rows[self.current]
        if row.hints < len(row.ex.hints):
            row.hints += 1
        self._show_hints(row)
        self.query_one("#ex-detail").scroll_to_widget(self.query_one("#ex-hints"), animate=False)

    def action_check(self) -> None:
        """Grade the open exercise now, even if unchanged."""
        row = self.rows[self.current]
        if row.checking:
            self.notify(_("Already checking; the result is on its way."))
            return
        row.seen = signature(row.path)
        self._grade(self.current, row.seen)
        # A missing file or the untouched stub is not graded (there is nothing of the
        # learner's to run): say so, or `c` looks like a key that does nothing.
        # A path in a notice is the learner's text (a folder may be named "[b]"): never markup.
        if row.seen is None:
            self.notify(_("No file yet: {path}. `toynn start {name}` or `toynn init` makes it.").format(
                path=self._shown_path(row), name=row.ex.name),
                title=_("Nothing to check"), severity="warning", markup=False)
        elif not row.started:
            self.notify(_("Not started yet: edit {path} first, then save.").format(path=self._shown_path(row)),
                        title=_("Nothing to check"), severity="warning", markup=False)

    def _shown_path(self, row: Row) -> str:
        try:
            return plain(row.path.relative_to(self.workspace))
        except ValueError:
            return plain(row.path)

    def action_compare(self) -> None:
        """The open exercise's file beside the reference (screens.compare): run in the sandbox."""
        row = self.rows[self.current]
        if row.ex.spec() is None:
            self.notify(_("This exercise has no network to compare: it is the sigmoid alone."),
                        severity="warning")
            return
        if not row.started:
            self.notify(_("{file} is not started yet: write it first.").format(file=row.path.name),
                        severity="warning", markup=False)
            return
        from toynn_tui.screens.compare import CompareScreen
        self.app.push_screen(CompareScreen(row.ex.name, row.path, check=self._check))

    async def action_watch(self) -> None:
        """The open exercise's net (a rung's, with its contract's defaults) on the training screen,
        from seed 1 and paused: what the learner's train() must compute, line by line."""
        spec = ladder.get(self.current).spec()
        if spec is None:
            self.notify(_("This exercise has no network to watch: it is the sigmoid alone."), severity="warning")
            return
        try:
            await self.app.switch_mode("training")
        except Exception:  # a host app without a training mode (e.g. a test's)
            self.notify(_("There is no training screen in this app."), severity="warning")
            return
        show = getattr(self.app.screen, "show_net", None)
        if show is not None:
            show(spec)

    def action_training(self) -> None:
        try:
            self.app.switch_mode("training")
        except Exception:  # a host app without a training mode (e.g. a test's)
            self.notify(_("There is no training screen in this app."), severity="warning")
