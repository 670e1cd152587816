"""Your network beside the reference, iteration by iteration (`toynn-tui --compare FILE`, or `v` on the exercises screen).

The learner's train() runs in the checker's sandbox (practice.sidebyside), never in
this process; the checker's verdict (a `toynn check --json` child) names the line.
←/→ move through the iterations, d jumps to the first one where the nets part,
r runs your file again (after you saved it), escape goes back.

Everything here that comes from the learner's file (its name and folder, what its
train raised, the lines the checker names, comments included) is drawn through
`widgets.learner`: as plain `Text`, never markup (a `[/bold]` in an exception
message would be a MarkupError that ends the app), and no control character of it
reaches the terminal.
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from toynn_tui.practice import sidebyside
from toynn_tui.i18n import _
from toynn_tui.widgets.learner import learner_text
from toynn_tui.widgets.sidebyside import side_text


class CompareScreen(Screen):
    """The reference's net and the learner's, at the same iteration, side by side."""

    DEFAULT_CSS = """
    CompareScreen #cmp-head { height: auto; padding: 0 1; }
    CompareScreen #cmp-banner { height: auto; padding: 0 1; }
    CompareScreen #cmp-sides { height: 1fr; }
    CompareScreen .cmp-side { width: 1fr; border: round $primary-darken-2; padding: 0 1; }
    CompareScreen #cmp-yours.-diverged { border: round $error; }
    """

    BINDINGS = [
        Binding("left,h", "move(-1)", _("earlier"), key_display="←"),
        Binding("right,l", "move(1)", _("later"), key_display="→"),
        Binding("home", "jump(0)", _("first"), show=False),
        Binding("end", "last", _("last"), show=False),
        Binding("d", "diverging", _("first diverging")),
        Binding("r", "rerun", _("run again")),
        Binding("escape", "back", _("back"), key_display="esc"),
        Binding("q", "app.quit", _("quit")),   # as on the training screen: q quits, escape goes back
    ]

    def __init__(self, exercise: str, file: Path, *, upto: int = sidebyside.UPTO, check=None) -> None:
        super().__init__()
        self.exercise, self.file, self.upto = exercise, Path(file), upto
        self.trajectory: sidebyside.Trajectory | None = None
        self.k = 0
        self._check = check   # the verdict runner (practice.runner.run_check), for the line to blame

    def compose(self) -> ComposeResult:
        yield Static(id="cmp-head")
        yield Static(Text(_("running your file in the sandbox …")), id="cmp-banner")
        with Horizontal(id="cmp-sides"):
            with VerticalScroll(classes="cmp-side", id="cmp-ref-box"):
                yield Static(id="cmp-ref")
            with VerticalScroll(classes="cmp-side", id="cmp-yours"):
                yield Static(id="cmp-mine")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#cmp-ref-box").border_title = _("reference")
        self.query_one("#cmp-yours").border_title = learner_text(_("yours: {file}").format(file=self.file.name))
        self._show()
        self.action_rerun()

    # -- running ---------------------------------------------------------------
    def action_rerun(self) -> None:
        self.query_one("#cmp-banner", Static).update(Text(_("running your file in the sandbox …")))
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        try:
            traj = sidebyside.trajectory(self.exercise, self.file, self.upto)
            if traj.first_diverging is not None and self._check is not None:
                verdict = self._check(self.exercise, self.file)
                traj.lines = list(verdict.lines)
        except Exception as exc:   # the file vanished, no sandbox could start: said on screen
            traj = sidebyside.Trajectory(self.exercise, self.file, (),
                                         problem=_("could not run it: {reason}").format(reason=exc))
        self.app.call_from_thread(self._loaded, traj)

    def _loaded(self, traj: sidebyside.Trajectory) -> None:
        self.trajectory = traj
        first = traj.first_diverging
        self.k = first if first is not None else 0
        self._show()

    # -- keys ------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self.action_jump(self.k + step)

    def action_jump(self, k: int) -> None:
        if self.trajectory is None or not self.trajectory.reference:
            return
        self.k = min(max(k, 0), len(self.trajectory.reference) - 1)
        self._show()

    def action_last(self) -> None:
        if self.trajectory is not None:
            self.action_jump(len(self.trajectory.reference) - 1)

    def action_diverging(self) -> None:
        if self.trajectory is not None and self.trajectory.first_diverging is not None:
            self.action_jump(self.trajectory.first_diverging)

    def action_back(self) -> None:
        self.app.pop_screen() if len(self.app.screen_stack) > 1 else self.app.exit()

    # -- drawing ---------------------------------------------------------------
    def banner(self) -> str:
        """What the learner reads first: where the nets part, and the line the checker names (plain
        words: drawn as `Text`)."""
        t = self.trajectory
        if t is None:
            return _("running your file in the sandbox …")
        if t.problem:
            return t.problem
        first = t.first_diverging
        if first is None:
            return _("your net matches the reference at every iteration from 0 to {last} ✓").format(
                last=len(t.reference) - 1)
        if t.yours[first].problem:
            say = _("first diverging iteration: {n} (your train raised {problem})").format(
                n=first, problem=t.yours[first].problem)
        else:
            say = _("first diverging iteration: {n}").format(n=first)
        return say + "".join(f"\n  {self.file.name} {line}" for line in t.lines[:4])

    def _show(self) -> None:
        t = self.trajectory
        n = len(t.reference) - 1 if t and t.reference else self.upto
        head = f"{self.exercise} · {self.file} · " + _(
            "iteration {k} of 0..{n}   (←/→ move, d first diverging)").format(k=self.k, n=n)
        self.query_one("#cmp-head", Static).update(learner_text(head))
        self.query_one("#cmp-banner", Static).update(learner_text(self.banner()))
        if t is None or not t.reference:
            return
        ref, mine = t.reference[self.k], t.yours[self.k] if self.k < len(t.yours) else None
        self.query_one("#cmp-ref", Static).update(side_text(ref, t.names))
        if mine is None:
            return
        wrong = {name: t.differs(self.k, name) for name in t.names} if mine.weights is not None else None
        self.query_one("#cmp-mine", Static).update(side_text(mine, t.names, wrong))
        diverged = t.first_diverging is not None and self.k >= t.first_diverging
        self.query_one("#cmp-yours").set_class(diverged, "-diverged")
