"""The help screen: the training screen's panels in plain words, the exercises screen, the keys.

Watching one of the ladder's nets (`--net NAME`), a section on those follows; in the
playground (`k`, `--dataset`, ...), a section on its knobs and panels.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from toynn_tui.i18n import N_, _

# Each block is one message (a paragraph, a list item, a table row), so a translator sees whole
# sentences; help_text() joins them as Markdown: blocks by a blank line, a tuple's items by a newline.
HELP = (
    N_('# What you are looking at'),
    N_('A tiny network learns four examples. Each *iteration* it guesses an output\nfor all four, measures how wrong each guess is, and nudges every weight a\nlittle in the direction that makes the guesses better. Nothing else is going\non: the whole program is the loop in the **training loop** panel.'),
    N_('## The panels'),
    (
        N_('- **Top line**: playing or paused, how many iterations have run out of the\n  total (in line mode, halfway through one: the one in progress), how many\n  run per second, the speed (iterations per frame), the seed that chose the\n  starting weights, and which net you are watching. A run starts slowly so\n  you can see the error fall: `warm-up 5→100/frame` means 5 iterations a\n  frame now, more as the run goes on, up to the speed you chose.'),
        N_("- **The four examples**: one row per training example. `X` is the input\n  (three numbers; the last is always 1 and acts as a bias). `l1 (hidden)`\n  shows the four hidden units' values for that input (3-layer net). The\n  output (`l2`, or `l1` in the 2-layer net) sits next to `y`, the answer it\n  should give, and `error` is `y` minus the output. Green means close,\n  red means far off; the output is marked ✓ (within 0.25 of y) or ✗."),
        N_('- **Training loop**: the lines the engine runs for every iteration. Press\n  `l` to run one line at a time: the line about to run is highlighted and\n  marked ▶, the one that just ran turns green and is ticked ✓, and whatever\n  it changed is marked in yellow in the other panels.'),
        N_("- **Deltas**: how much each example wants the weights to move, at this step.\n  `l2_delta` is the output's error times the slope of the sigmoid there: a\n  confident output (near 0 or 1) has a flat slope and gets only a small push.\n  `l1_delta` is the same for each hidden unit, after the output's delta was\n  sent back through `syn1`. Right after `l1_error` is computed, it is shown\n  in `l1_delta`'s place until the next line turns it into `l1_delta`."),
        N_('- **Weights**: everything the network knows. `syn0` links the inputs (rows\n  x1 x2 x3) to the next layer (columns); `syn1` links the hidden units\n  h1..h4 to the output. Blue is positive, red negative (each number shows\n  its sign too), and a deeper colour means a bigger weight.'),
        N_('- **Error**: the average size of the four errors, sampled along the whole\n  run and drawn on a log scale so the long slow tail stays visible. `now` is the latest\n  value, `best` the lowest seen, each with its iteration.'),
    ),
    N_('Training stops by itself at the last iteration, and if a weight ever became\ninfinite or not-a-number; press `r` to start again.'),
    N_('## The exercises screen (`e`)'),
    N_('The ladder of exercises on the left (up / down picks one), the open one on\nthe right: its file, its checks, hints and the contract your code must keep.\nEdit `exercises/EXERCISE.py` in your own editor: every save is checked again\nby `toynn check`, and each check says whether it passed and, if not, why.\nTraining pauses while you are there; `t` goes back to it.'),
    N_('## Keys'),
    (
        N_('| key | does |'),
        '|---|---|',
        N_('| `space` | play / pause |'),
        N_('| `s` | run one whole iteration |'),
        N_('| `l` | run one line of the loop |'),
        N_('| `+` / `-` | faster / slower: 1, 10, 100, 1000 iterations per frame, then max (during the warm-up, `+` first ends it) |'),
        N_('| `r` | reset: back to iteration 0 with the same seed (paused) |'),
        N_('| `n` | new seed (the next one): different starting weights |'),
        N_('| `t` | switch between the 2-layer net (Part 1 data) and the 3-layer net (XOR data) |'),
        N_('| `e` | the exercises screen (the ladder); there `h` shows a hint, `c` checks now, `t` goes back |'),
        N_('| `?` or `f1` | this help (`escape` closes it) |'),
        N_('| `ctrl+p` | command palette: every action above by name |'),
        N_('| `q` or `ctrl+q` | quit |'),
    ),
)

PLAYGROUND = (
    N_('## The playground (`k`)'),
    N_("`k` opens the knobs: up / down picks one, left / right turns it, escape\ncloses. Each turn applies at once: the **training loop** panel shows the\nlines that now run. Alpha, L2, delta trimming, momentum, dropout, the batch\nsize and the noise keep the weights: training *continues* from the same\niteration. The hidden layers and their width, bias units, batch norm and the\ndata set change the weights' shapes (or the data): training *restarts* at 0.\nA note says which."),
    N_('The data sets (`--dataset article|xor|circle|gauss|spiral`) are 2-D points\nwith a training set and a test set. Then two more panels show:'),
    (
        N_("- **boundary**: the net's output over the input plane (two pixels a cell:\n  red towards 0, blue towards 1; without colour · and ▒), the training\n  points on top (○ y=0, ● y=1), and the\n  loss (mean |y - output|) on the training set and the test set;"),
        N_("- **network**: every layer's units and every weight as an edge, blue and\n  solid when positive, red and dotted when negative, deeper when bigger;\n  with bias units a unit shows its bias's sign, + or -."),
    ),
    N_('Every knob has a flag too, applied on top of `--net`: `--hidden N`,\n`--layers N` (hidden layers), `--alpha A`, `--bias/--no-bias`,\n`--batch-size N`, `--clip C`, `--lam L`, `--dropout P`, `--momentum M`,\n`--batchnorm`, `--noise S`.'),
)

LADDER = (
    N_("## The ladder's nets (`toynn-tui --net NAME`)"),
    N_("`--net alpha`, `sizes`, `bias`, `minibatch`, `clip`, `l2`, `dropout`,\n`momentum`, `batchnorm` or `everything` shows the net of that exercise of the\nladder: the article's net plus what the exercise adds. The top line names it\nand lists its options. The panels are the same, generated from the net:"),
    (
        N_("- the **training loop** is that net's loop (a long one shows the part around\n  the line running next, `⋮` marking the rest);"),
        N_("- the **examples** and **deltas** show the last hidden layer, and as many\n  rows as fit, then `… N more rows` (30 examples for the circle data, whose\n  inputs are printed with 2 decimals). With mini-batches they show this\n  iteration's batch (`l0 = X[rows]`); with dropout, a dropped hidden unit is\n  struck through;"),
        N_('- the **weights** show every matrix `syn0`, `syn1`, ..., side by side when\n  they fit, else one under the other, then one row per bias (`b0`, ...) and\n  per batch-norm scale and shift (`gamma1`, `beta1`).'),
    ),
    N_("On these nets `t` goes to the ladder's next net, in order (after\n`everything`, back to `alpha`), instead of switching the article's two."),
)


def help_text(ladder: bool = False, playground: bool = False) -> str:
    """The help page; `ladder`: watching one of the ladder's nets (adds what is different there);
    `playground`: the knobs or 2-D data are in use (adds the playground's section)."""
    text = _page(HELP) + "\n\n"
    if playground:
        text += "\n" + _page(PLAYGROUND) + "\n"
    if ladder:
        text += "\n" + _page(LADDER) + "\n"
    return text


def _page(blocks: tuple) -> str:
    """`blocks` in the current language, as Markdown."""
    return "\n\n".join("\n".join(map(_, b)) if isinstance(b, tuple) else _(b) for b in blocks)


class HelpScreen(ModalScreen[None]):
    """A scrollable page over the current screen; escape (or ? / f1) closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%;
                                  border: round $accent; background: $surface; padding: 0 1; }
    """

    BINDINGS = [Binding("escape,question_mark,f1", "close", _("close help"))]

    def __init__(self, ladder: bool = False) -> None:
        super().__init__()
        self.ladder = ladder

    def action_close(self) -> None:
        # Only while on top: a second quick escape must not pop the screen below.
        if self.app.screen is self:
            self.dismiss()

    def compose(self) -> ComposeResult:
        from rich.markdown import Markdown  # imported here: it costs ~20 ms of every launch otherwise

        with VerticalScroll() as scroll:
            scroll.border_title = _("help")
            scroll.border_subtitle = _("escape closes · arrows scroll")
            # One Static with Rich's Markdown: far lighter to open than Textual's Markdown widget.
            yield Static(Markdown(help_text(self.ladder, self._playground())), id="help-text")

    def _playground(self) -> bool:
        """Is the training screen below showing the playground (k: the knobs)?"""
        return any(screen.has_class("-playground") for screen in self.app.screen_stack
                   if type(screen).__name__ == "TrainingScreen")
