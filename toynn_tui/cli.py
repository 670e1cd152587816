"""The `toynn` command: train, and (registered below) the exercise commands."""
from __future__ import annotations

import click

from toynn_tui.commands.options import BACKEND
from toynn_tui.engine import SPECS, Net, get_spec
from toynn_tui.i18n import _
from toynn_tui.report import report_lines

# click's help is built here, at import: the entry point (toynn_tui.entry) has fixed the language by now.
# click's own words ("Usage:", "Error:", "Show this message and exit.") are click's and stay English.


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             help=_("toynn: watch a tiny numpy network learn, then rebuild it from memory."))
@click.version_option(package_name="toynn", help=_("Show the version and exit."))
def main() -> None:
    pass


@main.command(short_help=_("Train a net and print the article's report."),
              help=_("Train a net and print the same report as the article's script."))
@click.option("--net", "net", type=click.Choice(["2", "3", *SPECS]), default="3", show_default=True,
              help=_("2: the article's 2-layer net (Part 1); 3: the 3-layer net (Part 2); "
                     "or a net of the exercise ladder by name (alpha, bias, dropout, ...)."))
@click.option("--seed", type=int, default=1, show_default=True, help=_("np.random.seed value."))
@click.option("--iterations", type=click.IntRange(min=0), default=None,
              help=_("Training iterations [default: 10000 for --net 2, 60000 for --net 3, "
                     "the net's own for the others]."))
@BACKEND
def train(net: str, seed: int, iterations: int | None, backend: str) -> None:
    if net in ("2", "3"):
        trained = Net(int(net), seed=seed, iterations=iterations, backend=backend)
    else:
        trained = Net(spec=get_spec(net), seed=seed, iterations=iterations, backend=backend)
    for line in report_lines(trained):
        click.echo(line)


# The exercise ladder: check, list, hint, init.
from toynn_tui.commands.check import register as _register_check  # noqa: E402

_register_check(main)

# Practice and the classroom: start, watch, drill, progress, grade.
from toynn_tui.commands.practice import register as _register_practice  # noqa: E402

_register_practice(main)

# The app in a browser: serve.
from toynn_tui.commands.serve import register as _register_serve  # noqa: E402

_register_serve(main)

# Every command takes --lang (the entry point has applied it already; click checks and documents it).
from toynn_tui.commands.options import add_lang as _add_lang  # noqa: E402

_add_lang(main)
