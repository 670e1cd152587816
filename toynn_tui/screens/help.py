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

HELP = """\
# What you are looking at

A tiny network learns four examples. Each *iteration* it guesses an output
for all four, measures how wrong each guess is, and nudges every weight a
little in the direction that makes the guesses better. Nothing else is going
on: the whole program is the loop in the **training loop** panel.

## The panels

- **Top line**: playing or paused, how many iterations have run out of the
  total (in line mode, halfway through one: the one in progress), how many
  run per second, the speed (iterations per frame), the seed that chose the
  starting weights, and which net you are watching. A run starts slowly so
  you can see the error fall: `warm-up 5→100/frame` means 5 iterations a
  frame now, more as the run goes on, up to the speed you chose.
- **The four examples**: one row per training example. `X` is the input
  (three numbers; the last is always 1 and acts as a bias). `l1 (hidden)`
  shows the four hidden units' values for that input (3-layer net). The
  output (`l2`, or `l1` in the 2-layer net) sits next to `y`, the answer it
  should give, and `error` is `y` minus the output. Green means close,
  red means far off; the output is marked ✓ (within 0.25 of y) or ✗.
- **Training loop**: the lines the engine runs for every iteration. Press
  `l` to run one line at a time: the line about to run is highlighted and
  marked ▶, the one that just ran turns green and is ticked ✓, and whatever
  it changed is marked in yellow in the other panels.
- **Deltas**: how much each example wants the weights to move, at this step.
  `l2_delta` is the output's error times the slope of the sigmoid there: a
  confident output (near 0 or 1) has a flat slope and gets only a small push.
  `l1_delta` is the same for each hidden unit, after the output's delta was
  sent back through `syn1`. Right after `l1_error` is computed, it is shown
  in `l1_delta`'s place until the next line turns it into `l1_delta`.
- **Weights**: everything the network knows. `syn0` links the inputs (rows
  x1 x2 x3) to the next layer (columns); `syn1` links the hidden units
  h1..h4 to the output. Blue is positive, red negative (each number shows
  its sign too), and a deeper colour means a bigger weight.
- **Error**: the average size of the four errors, sampled along the whole
  run and drawn on a log scale so the long slow tail stays visible. `now` is the latest
  value, `best` the lowest seen, each with its iteration.

Training stops by itself at the last iteration, and if a weight ever became
infinite or not-a-number; press `r` to start again.

## The exercises screen (`e`)

The ladder of exercises on the left (up / down picks one), the open one on
the right: its file, its checks, hints and the contract your code must keep.
Edit `exercises/EXERCISE.py` in your own editor: every save is checked again
by `toynn check`, and each check says whether it passed and, if not, why.
Training pauses while you are there; `t` goes back to it.

## Keys

| key | does |
|---|---|
| `space` | play / pause |
| `s` | run one whole iteration |
| `l` | run one line of the loop |
| `+` / `-` | faster / slower: 1, 10, 100, 1000 iterations per frame, then max (during the warm-up, `+` first ends it) |
| `r` | reset: back to iteration 0 with the same seed (paused) |
| `n` | new seed (the next one): different starting weights |
| `t` | switch between the 2-layer net (Part 1 data) and the 3-layer net (XOR data) |
| `e` | the exercises screen (the ladder); there `h` shows a hint, `c` checks now, `t` goes back |
| `?` or `f1` | this help (`escape` closes it) |
| `ctrl+p` | command palette: every action above by name |
| `q` or `ctrl+q` | quit |

"""

PLAYGROUND = """
## The playground (`k`)

`k` opens the knobs: up / down picks one, left / right turns it, escape
closes. Each turn applies at once: the **training loop** panel shows the
lines that now run. Alpha, L2, delta trimming, momentum, dropout, the batch
size and the noise keep the weights: training *continues* from the same
iteration. The hidden layers and their width, bias units, batch norm and the
data set change the weights' shapes (or the data): training *restarts* at 0.
A note says which.

The data sets (`--dataset article|xor|circle|gauss|spiral`) are 2-D points
with a training set and a test set. Then two more panels show:

- **boundary**: the net's output over the input plane (two pixels a cell:
  red towards 0, blue towards 1; without colour · and ▒), the training
  points on top (○ y=0, ● y=1), and the
  loss (mean |y - output|) on the training set and the test set;
- **network**: every layer's units and every weight as an edge, blue and
  solid when positive, red and dotted when negative, deeper when bigger;
  with bias units a unit shows its bias's sign, + or -.

Every knob has a flag too, applied on top of `--net`: `--hidden N`,
`--layers N` (hidden layers), `--alpha A`, `--bias/--no-bias`,
`--batch-size N`, `--clip C`, `--lam L`, `--dropout P`, `--momentum M`,
`--batchnorm`, `--noise S`.
"""

LADDER = """
## The ladder's nets (`toynn-tui --net NAME`)

`--net alpha`, `sizes`, `bias`, `minibatch`, `clip`, `l2`, `dropout`,
`momentum`, `batchnorm` or `everything` shows the net of that exercise of the
ladder: the article's net plus what the exercise adds. The top line names it
and lists its options. The panels are the same, generated from the net:

- the **training loop** is that net's loop (a long one shows the part around
  the line running next, `⋮` marking the rest);
- the **examples** and **deltas** show the last hidden layer, and as many
  rows as fit, then `… N more rows` (30 examples for the circle data, whose
  inputs are printed with 2 decimals). With mini-batches they show this
  iteration's batch (`l0 = X[rows]`); with dropout, a dropped hidden unit is
  struck through;
- the **weights** show every matrix `syn0`, `syn1`, ..., side by side when
  they fit, else one under the other, then one row per bias (`b0`, ...) and
  per batch-norm scale and shift (`gamma1`, `beta1`).

On these nets `t` goes to the ladder's next net, in order (after
`everything`, back to `alpha`), instead of switching the article's two.
"""


def help_text(ladder: bool = False, playground: bool = False) -> str:
    """The help page; `ladder`: watching one of the ladder's nets (adds what is different there);
    `playground`: the knobs or 2-D data are in use (adds the playground's section)."""
    return HELP + (PLAYGROUND if playground else "") + (LADDER if ladder else "")


class HelpScreen(ModalScreen[None]):
    """A scrollable page over the current screen; escape (or ? / f1) closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%;
                                  border: round $accent; background: $surface; padding: 0 1; }
    """

    BINDINGS = [Binding("escape,question_mark,f1", "close", "close help")]

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
            scroll.border_title = "help"
            scroll.border_subtitle = "escape closes · arrows scroll"
            # One Static with Rich's Markdown: far lighter to open than Textual's Markdown widget.
            yield Static(Markdown(help_text(self.ladder, self._playground())), id="help-text")

    def _playground(self) -> bool:
        """Is the training screen below showing the playground (k: the knobs)?"""
        return any(screen.has_class("-playground") for screen in self.app.screen_stack
                   if type(screen).__name__ == "TrainingScreen")
