"""`toynn-tui`: watch the article's tiny network learn, live, in the terminal.

The App holds only start-up settings, the app-wide keys (help, exercises,
quit) and the command palette entries; the screens do the rest. Each screen is
a mode: "training" (in `MODES`) and "exercises" (added in `__init__`, since it
needs the workspace; its module is imported on first use, not at launch).
`e` switches to the exercises screen and `t` there switches back; the
training screen pauses itself while it is not shown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import click
import numpy as np
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from toynn_tui import looks
from toynn_tui.commands.options import BACKEND, EXERCISE, add_lang
from toynn_tui.engine import SPECS, is_article
from toynn_tui.engine.data import PLAYGROUND
from toynn_tui.i18n import _
from toynn_tui.messages import NetReplaced
from toynn_tui.practice.workspace import NotInWorkspace, refuse_source_tree, workspace_here
from toynn_tui.screens.session import SPEEDS, Settings
from toynn_tui.screens.training import TrainingScreen
from toynn_tui.screens.training_keys import next_spec


class ToynnApp(App[None]):
    """The live training app."""

    CSS_PATH = "app.tcss"
    TITLE = "toynn"
    MODES = {"training": TrainingScreen}
    DEFAULT_MODE = "training"

    # The training footer is full at 80 columns: `e` takes the room `q quit` had (both quit
    # keys are in help and the palette), under a word short enough to fit ("exercises" is not).
    BINDINGS = [
        # (the language is fixed before this module is imported: toynn_tui/entry.py)
        Binding("e", "exercises", _("ladder"), tooltip=_("The exercises: the ladder, graded as you save")),
        Binding("question_mark,f1", "help", _("help"), key_display="?"),
        Binding("q", "quit", _("quit")),
        Binding("ctrl+q", "quit", _("Quit"), show=False, priority=True),
    ]

    def __init__(self, layers: int = 3, seed: int = 1, speed: int | None = 100, paused: bool = False,
                 iterations: int | None = None, weights: list[np.ndarray] | None = None,
                 workspace: Path | str | None = None, warmup: bool = True, spec: str | None = None,
                 knobs: dict | None = None, compare: tuple[str, Path] | None = None,
                 theme: str | None = None, backend: str = "numpy") -> None:
        """`spec`: a net of engine.SPECS by name (then `layers` is that net's); None: the article's
        `layers`-layer net. `knobs`: the playground's options set on top (Settings.knobs).
        `compare`: (exercise, file) to open beside the reference first (screens.compare).
        `theme`: a Textual theme by name (looks.py: "ansi" is the terminal's own colours).
        `backend`: where the nets train (engine/backend.py); the code panel shows the article's text."""
        super().__init__(ansi_color=looks.ansi_color())
        looks.apply(self, theme)
        if spec is not None:
            layers = SPECS[spec].layers
        self.settings = Settings(layers=layers, spec=spec, seed=seed, speed=speed, paused=paused,
                                 iterations=iterations, weights=weights, warmup=warmup, knobs=dict(knobs or {}),
                                 backend=backend)
        # The learner's workspace (the folder holding exercises/): as for `toynn check`, the one
        # the current folder is in, so the app started from exercises/ finds it too.
        # In toynn's own source tree there is none (`e` says so): grading the project's tracked
        # stubs would have the learner edit the project's files.
        self.not_a_workspace: str | None = None
        try:
            self.workspace = refuse_source_tree(Path(workspace).resolve() if workspace is not None
                                                else workspace_here())
        except NotInWorkspace as exc:
            self.workspace, self.not_a_workspace = None, exc.message
        self.add_mode("exercises", self._exercises_screen)
        self._compare = compare

    def on_mount(self) -> None:
        if self._compare is not None:   # --compare: the learner's net beside the reference, over training
            from toynn_tui.practice.runner import run_check
            from toynn_tui.screens.compare import CompareScreen
            self.push_screen(CompareScreen(*self._compare, check=run_check))

    def _exercises_screen(self) -> Screen:
        from toynn_tui.screens.exercises import ExercisesScreen  # ~20 ms: only once it is opened

        return ExercisesScreen(self.workspace)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "exercises":
            # Not from the screen itself (so not in its footer), and not from under a dialog:
            # training only pauses itself when it is the screen being left.
            return self.current_mode != "exercises" and not isinstance(self.screen, ModalScreen)
        return True

    def action_exercises(self) -> None:
        if self.not_a_workspace is not None:
            self.notify(self.not_a_workspace, title=_("Not a workspace"), severity="warning",
                        timeout=12, markup=False)
            return
        if self.check_action("exercises", ()):  # the palette's entry comes here without the check
            self.switch_mode("exercises")

    def action_training(self) -> None:
        self.switch_mode("training")

    def action_help(self) -> None:
        # Not over another modal (the palette), and never two helps (fast repeated presses).
        if not isinstance(self.screen, ModalScreen):
            from toynn_tui.screens.help import HelpScreen  # not needed for the first frame

            # On a ladder's net (--net NAME), help adds a section on those.
            net = self.screen.net if isinstance(self.screen, TrainingScreen) else None
            self.push_screen(HelpScreen(ladder=net is not None and not is_article(net.spec)))

    def on_net_replaced(self, message: NetReplaced) -> None:
        if is_article(message.spec):
            self.sub_title = _("{layers}-layer net, seed {seed}").format(layers=message.layers, seed=message.seed)
        else:
            self.sub_title = _("{net} net, seed {seed}").format(net=message.spec, seed=message.seed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screens' keys, by name, in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        if self.current_mode == "exercises":
            yield SystemCommand(_("Training"), _("Back to the training screen (t)"), self.action_training)
            for title, help_text, action in (
                (_("Show a hint"), _("The next hint for the open exercise (h)"), "hint"),
                (_("Check now"), _("Grade the open exercise again, even if unchanged (c)"), "check"),
            ):
                if hasattr(screen, f"action_{action}"):
                    yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))
        elif not isinstance(screen, ModalScreen):
            yield SystemCommand(_("Exercises"), _("The exercise ladder, graded as you save (e)"),
                                self.action_exercises)
        if isinstance(screen, TrainingScreen):
            for title, help_text, action in (
                (_("Play / pause"), _("Start or stop training (space)"), screen.action_toggle_play),
                (_("Step one iteration"), _("Run one whole iteration of the loop (s)"), screen.action_step),
                (_("Step one line"), _("Run the next line of the loop and mark what it changed (l)"),
                 screen.action_step_line),
                (_("Faster"), _("More iterations per frame (+)"), screen.action_faster),
                (_("Slower"), _("Fewer iterations per frame (-)"), screen.action_slower),
                (_("Reset"), _("Back to iteration 0 with the same seed (r)"), screen.action_reset),
                (_("New seed"), _("Start again from the next seed's weights (n)"), screen.action_new_seed),
                (_("Switch network"), self._switch_help(screen), screen.action_switch_net),
                (_("Knobs"), _("Every option of the net (alpha, hidden, bias, data set, ...), live (k)"),
                 screen.action_knobs),
            ):
                yield SystemCommand(title, help_text, action)
        yield SystemCommand(_("Help"), _("What each panel shows, and the keys (?)"), self.action_help)

    @staticmethod
    def _switch_help(screen: TrainingScreen) -> str:
        net = screen.net
        if net is None or is_article(net.spec):
            return _("2-layer (Part 1) <-> 3-layer (Part 2, XOR) (t)")
        return _("Next of the ladder's nets, in order: {net} (t)").format(net=next_spec(net.spec).name)


SPEED_CHOICES = {"1": 1, "10": 10, "100": 100, "1000": 1000, "max": None}
assert set(SPEED_CHOICES.values()) == set(SPEEDS)


@click.command(context_settings={"help_option_names": ["-h", "--help"]}, help=_(
    "Watch the tiny network learn, live; e: the exercises; k: the knobs (every option, live).\n"
    "Press ? in the app for help.\n\n"
    "The playground's options (--dataset, --hidden, --alpha, ...) apply on top of --net."))
@click.option("--net", "net", type=click.Choice(["2", "3", *SPECS]), default="3", show_default=True,
              help=_("2: the 2-layer net on Part 1's data; 3: the 3-layer net on the XOR data; "
                   "or a net of the exercise ladder by name (alpha, bias, ..., everything)."))
@click.option("--seed", type=int, default=1, show_default=True, help=_("Seed that picks the starting weights."))
@click.option("--speed", type=click.Choice(list(SPEED_CHOICES)), default="100", show_default=True,
              help=_("Iterations per frame (about 30 frames a second); max: as many as keep the screen fluid."))
@click.option("--paused", is_flag=True, help=_("Start paused (space plays)."))
@click.option("--iterations", type=click.IntRange(min=1), default=None,
              help=_("Stop after this many iterations [default: the net's own: 10000 for --net 2, "
                   "60000 for --net 3]."))
@click.option("--workspace", "--dir", "workspace", default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help=_("The workspace for the exercises screen (e): the folder holding exercises/ "
                   "[default: the one the current folder is in]."))
@click.option("--dataset", type=click.Choice(PLAYGROUND), default=None,
              help=_("Train on a 2-D data set of the playground (a training and a test set; "
                   "the decision boundary shows) [default: the net's own data]."))
@click.option("--noise", type=click.FloatRange(0, 1), default=None, help=_("The data set's noise [default: 0.1]."))
@click.option("--hidden", type=click.IntRange(1, 64), default=None, help=_("Width of every hidden layer."))
@click.option("--layers", "hidden_layers", type=click.IntRange(0, 6), default=None,
              help=_("How many hidden layers (0: the 2-layer net's shape)."))
@click.option("--alpha", type=click.FloatRange(min=0, min_open=True), default=None, help=_("Learning rate."))
@click.option("--bias/--no-bias", default=None, help=_("Bias units (then no column of ones in X)."))
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help=_("Mini-batches of this size."))
@click.option("--clip", type=click.FloatRange(min=0, min_open=True), default=None,
              help=_("Delta trimming: clip every delta to [-CLIP, CLIP]."))
@click.option("--lam", type=click.FloatRange(min=0, min_open=True), default=None, help=_("L2 regularization."))
@click.option("--dropout", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None,
              help=_("Dropout rate p of the hidden units."))
@click.option("--momentum", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None,
              help=_("Momentum."))
@click.option("--batchnorm/--no-batchnorm", default=None, help=_("Batch norm of the hidden layers."))
@click.option("--compare", "compare_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help=_("Open FILE (your exercise) beside the reference, iteration by iteration; it runs in "
                   "the checker's sandbox."))
@click.option("--exercise", type=EXERCISE, default=None, help=_("Which exercise the --compare file answers "
                                               "[default: its name, e.g. exercise3.py -> exercise3]."))
@BACKEND
@looks.theme_option
@looks.plain_option
def main(net: str, seed: int, speed: str, paused: bool, iterations: int | None,
         workspace: Path | None, compare_file: Path | None, exercise: str | None,
         theme: str | None = None, plain: bool = False, backend: str = "numpy", **knobs) -> None:
    """`toynn-tui`: the app (its help, in the learner's language, is the command's help= above)."""
    which = {"layers": int(net)} if net in ("2", "3") else {"spec": net}
    knobs = {k: v for k, v in knobs.items() if v is not None}
    if plain:   # no screen: training told as lines of text (toynn_tui/plain)
        looks.run_plain(which, seed=seed, speed=SPEED_CHOICES[speed], paused=paused,
                        iterations=iterations, knobs=knobs, backend=backend)
        return
    compare = None if compare_file is None else (_compared_exercise(compare_file, exercise), compare_file)
    ToynnApp(**which, seed=seed, speed=SPEED_CHOICES[speed], paused=paused or compare is not None,
             iterations=iterations, workspace=workspace, knobs=knobs, compare=compare, theme=theme,
             backend=backend).run()


def _compared_exercise(file: Path, exercise: str | None) -> str:
    """The exercise a --compare file answers: --exercise, else its name; a clear usage error otherwise."""
    from toynn_tui import ladder
    if not file.is_file():   # first: a mistyped path is not an unknown exercise
        raise click.BadParameter(_("no such file: {file}").format(file=file), param_hint="--compare")
    try:
        name = exercise or EXERCISE.convert(file.stem, None, None)   # --exercise was converted already
    except click.BadParameter as exc:
        raise click.BadParameter(_("{reason}; say which with --exercise").format(reason=exc.message),
                                 param_hint="--compare") from None
    if ladder.get(name).spec() is None:
        raise click.BadParameter(_("{name} has no network to compare (it is the sigmoid alone)").format(name=name),
                                 param_hint="--compare")
    return name


add_lang(main)   # --lang: the entry point applied it already; click checks and documents it

if __name__ == "__main__":
    main()
