"""What several commands share: the EXERCISE type, the --timeout and --backend options, hang-up as Ctrl-C.

`EXERCISE` checks a name against the ladder as click parses it, for `toynn
check/hint/start/watch/drill/grade` and `toynn-tui --exercise`: an unknown
name is a usage error (exit code 2) that lists the ladder's names, under the
parameter's own name ("Invalid value for --exercise: ...").
"""
from __future__ import annotations

import signal
from contextlib import contextmanager

import click

from toynn_tui.i18n import _


class ExerciseType(click.ParamType):
    """An exercise of the ladder, by name (the value stays the name)."""

    name = "exercise"

    def convert(self, value, param, ctx) -> str:
        from toynn_tui import ladder   # here: `toynn-tui` should not read the ladder to start
        try:
            return ladder.get(value).name
        except ladder.UnknownExercise as exc:   # its text lists the ladder's names
            raise click.BadParameter(str(exc), ctx=ctx, param_hint=_hint(param)) from None


def _hint(param: click.Parameter | None) -> str | None:
    """The parameter as the user typed it: --exercise (not "'--exercise' / '-e'"), or EXERCISE."""
    if isinstance(param, click.Option):
        return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return param.human_readable_name if param is not None else None


EXERCISE = ExerciseType()

def _backend(ctx, param, value: str) -> str:
    """The --backend asked for, refused with its reason (exit 2) when it cannot run here."""
    from toynn_tui.engine import backend
    try:
        backend.get(value)
    except backend.BackendMissing as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param_hint="--backend") from None
    return value


BACKEND = click.option("--backend", type=click.Choice(["numpy", "array-api-strict", "cupy", "torch"]),
                       default="numpy", show_default=True, callback=_backend,
                       help=_("Where the net trains: numpy (the article's code), or an Array API library "
                              "(array-api-strict, cupy, torch) for bigger nets."))

TIMEOUT = click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
                       help=_("Seconds one check may take [default: the checker's own limit]."))


@contextmanager
def hangup_as_ctrl_c():
    """A closed terminal (SIGHUP) or a plain `kill` (SIGTERM) ends watch/drill/grade as Ctrl-C does.

    Otherwise the command died on the spot: a drill unrecorded, a gradebook not
    marked interrupted, a check in progress left to its own time limit. As an
    interrupt, the checks are stopped, the drill goes into the history as
    "stopped" and the gradebook is written as a valid partial one.
    """
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _choose_language(ctx, param, value):
    """--lang's callback: the language for this process and its children (the entry point did it already)."""
    from toynn_tui import i18n
    if value is None:
        return None
    try:
        return i18n.use(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param_hint="--lang") from None


def lang_option() -> click.Option:
    """A fresh --lang option: every command takes it, anywhere on its command line."""
    return click.Option(["--lang"], default=None, expose_value=False, is_eager=True, callback=_choose_language,
                        metavar="[en|zh_CN]",
                        help=_("The language toynn speaks [default: TOYNN_LANG, else LANG / LC_MESSAGES]."))


def add_lang(command: click.Command) -> None:
    """Gives `command` and, for a group, each of its subcommands, the --lang option."""
    command.params.append(lang_option())
    for sub in getattr(command, "commands", {}).values():
        add_lang(sub)
