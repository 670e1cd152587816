"""`toynn check`, `toynn list`, `toynn hint`, `toynn init`: the exercise ladder at the terminal.

All four read the ladder (toynn_tui/ladder.toml); nothing here is written per exercise.
Exit codes of `check`: 0 every check passes, 1 a check fails (or the file could not
be graded), 2 a usage error (unknown exercise, missing file), with a one-line message.
"""
from __future__ import annotations

import filecmp
import hashlib
import json
import shlex
from pathlib import Path

import click

from toynn_tui import ladder
from toynn_tui.commands.options import EXERCISE
from toynn_tui.i18n import N_, _
from toynn_tui.practice.workspace import (NotInWorkspace, atomic_write_text, exercise_file, find_workspace,
                                         is_source_tree, state_dir, workspace_here)


# click's help is built at import: the entry point (toynn_tui.entry) has fixed the language by then.
@click.command(short_help=_("Grade your EXERCISE file and say what is wrong."),
               help=_("Grade your EXERCISE file and say what, if anything, is wrong."))
@click.argument("exercise", type=EXERCISE)
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=_("The file to check [default: exercises/EXERCISE.py in the workspace the current folder is in, "
                     "or EXERCISE.ipynb when only the notebook is there]."))
@click.option("--json", "as_json", is_flag=True, help=_("Print Exercism v3 test-runner JSON instead of text."))
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
              help=_("Seconds the file may run in total [default: 30]."))
def check(exercise: str, path: Path | None, as_json: bool, timeout: float | None) -> None:
    ex = ladder.get(exercise)
    try:
        workspace = workspace_here()   # from exercises/ too, not exercises/exercises/
    except NotInWorkspace:
        if path is None:   # toynn's own source tree: its stubs are not the learner's to grade
            raise
        workspace = None   # --file names the file: grade it, remember nothing
    default = exercise_file(workspace, ex.name) if workspace is not None else None
    path = path or default
    if path.exists() and not path.is_file():
        raise click.UsageError(_("{path} is not a regular file (a folder, a pipe or a device)").format(path=path))
    if not path.is_file():
        if not path.parent.exists():
            raise click.UsageError(_("no such file: {path} (run `toynn init` to get the exercise files)").format(
                path=path))
        raise click.UsageError(_("no such file: {path}").format(path=path))
    from toynn_tui.checker import check_file, render
    digest = _digest(path)
    report = check_file(ex.name, path, timeout)
    if default is not None and path.resolve() == default.resolve():
        _remember(workspace, ex.name, digest, report)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        for line in render(report):
            click.echo(line)
    raise SystemExit(0 if report.status == "pass" else 1)


@click.command(name="list", short_help=_("Show the ladder and your status on each exercise."),
               help=_("Show the ladder and where you are on it (in this workspace)."))
def list_() -> None:
    workspace = workspace_here(required=True)   # elsewhere every line would say "missing"
    from toynn_tui.cells import ljust as padded
    from toynn_tui.practice.today import next_due_phrases   # when each is due for a drill (its FSRS schedule)
    due = next_due_phrases(workspace)
    for ex in ladder.load():
        key, status = _status(ex, workspace)
        click.echo(f"{f'{ex.order}.':<3} {ex.name:<10} {click.style(padded(status, 14), fg=_COLOURS.get(key))} "
                   f"{padded(due[ex.name], 16)} {ex.title}")
    click.echo(_("`toynn check EXERCISE` grades a file; `toynn hint EXERCISE` gives the next hint."))


# status -> colour; "not started" stays plain (the words beside the colour say the same)
_COLOURS = {"passing": "green", "failing": "red", "not checked": "yellow", "missing": "red"}
_STATUS_TEXT = {"missing": N_("missing"), "not started": N_("not started"), "not checked": N_("not checked")}


def _status(ex: ladder.Exercise, workspace: Path) -> tuple[str, str]:
    """The file's status without grading it (that takes seconds a file): the last
    `toynn check` verdict while the file is byte for byte what it graded.
    (its id, its words in the current language)."""
    path = exercise_file(workspace, ex.name)
    if not path.is_file():
        return "missing", _(_STATUS_TEXT["missing"])
    if ex.stub.is_file() and filecmp.cmp(path, ex.stub, shallow=False):
        return "not started", _(_STATUS_TEXT["not started"])
    last = _last_checks(workspace).get(ex.name)
    if not isinstance(last, dict) or last.get("sha256") != _digest(path):
        return "not checked", _(_STATUS_TEXT["not checked"])   # written, or changed since its last check
    counts = {"passed": last.get("passed", "?"), "total": last.get("total", "?")}
    if last.get("status") == "pass":
        return "passing", _("passing {passed}/{total}").format(**counts)
    return "failing", _("failing {passed}/{total}").format(**counts)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _last_checks(workspace: Path) -> dict:
    """Verdicts of the last `toynn check` per exercise (.toynn/checks.json); {} when unreadable."""
    try:
        data = json.loads((state_dir(workspace) / "checks.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(workspace: Path, exercise: str, digest: str | None, report) -> None:
    """Keep this verdict for `toynn list`; a state file we cannot write costs only that."""
    checks = _last_checks(workspace)
    checks[exercise] = {"sha256": digest, "status": report.status,
                        "passed": report.passed, "total": report.total}
    path = state_dir(workspace) / "checks.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(checks, indent=1))
    except OSError:
        pass


@click.command(short_help=_("Show the next hint for EXERCISE, one more each time."),
               help=_("Show the next hint for EXERCISE (one more each time)."))
@click.argument("exercise", type=EXERCISE)
def hint(exercise: str) -> None:
    for line in next_hints(ladder.get(exercise), workspace_here(required=True)):   # never a stray .toynn/ elsewhere
        click.echo(line)


def next_hints(ex: ladder.Exercise, workspace: Path) -> list[str]:
    """The hints up to the next one, as `toynn hint` shows them, counting it as seen in `workspace`."""
    path = state_dir(workspace) / "hints.json"
    try:
        seen = json.loads(path.read_text(encoding="utf-8"))
        seen = seen if isinstance(seen, dict) else {}
    except (OSError, ValueError):
        seen = {}
    shown = seen.get(ex.name, 0) if isinstance(seen.get(ex.name), int) else 0
    lines, seen[ex.name] = hint_lines(ex, shown)
    if ex.hints:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(seen))
    return lines


def hint_lines(ex: ladder.Exercise, shown: int) -> tuple[list[str], int]:
    """The hints to show when `shown` were shown before (one more), and how many that makes.

    Kept apart from where the count lives, so a notebook's kernel can keep its own
    count when it is not in a workspace (`toynn_tui.magic`).
    """
    if not ex.hints:
        return [_("{exercise} has no hints.").format(exercise=ex.name)], shown
    n = min(shown + 1, len(ex.hints))
    lines = [_("Hint {n} of {total}: {hint}").format(n=i + 1, total=len(ex.hints), hint=ex.hints[i])
             for i in range(n)]
    if n == len(ex.hints) and shown >= len(ex.hints):
        lines.append(_("That is every hint. The contract is in the file's docstring."))
    return lines, n


@click.command(short_help=_("Create a workspace: exercises/exercise1.py and on, one file per exercise."),
               help=_("Create a workspace in DIRECTORY (default: the current folder).\n\n"
                      "It creates DIRECTORY/exercises/ with one file per exercise of the ladder, "
                      "each stating its contract and giving X and y: {files}. A file that is "
                      "already there is kept as it is, never overwritten."))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--notebook", is_flag=True,
              help=_("Write each exercise as a Jupyter notebook (exercises/EXERCISE.ipynb) instead of a .py file."))
def init(directory: Path, notebook: bool) -> None:
    _refuse_nesting(directory)
    target = directory / "exercises"
    target.mkdir(parents=True, exist_ok=True)
    for ex in ladder.load():
        if notebook:
            _init_notebook(ex, target / Path(ex.file).with_suffix(".ipynb").name)
            continue
        dest = target / ex.file
        try:
            with open(dest, "x", encoding="utf-8") as f:   # "x": fails if it exists, so work is never lost
                f.write(ex.stub.read_text(encoding="utf-8"))
            click.echo(_("created {file}").format(file=dest))
        except FileExistsError:
            click.echo(_("kept    {file} (already there, not touched)").format(file=dest))
    here = directory.resolve() == Path.cwd().resolve()   # "cd . &&" would be a step for nothing
    if here:
        click.echo(_("Next: toynn check exercise1"))
    else:
        click.echo(_("Next: cd {folder} && toynn check exercise1").format(folder=shlex.quote(str(directory))))


def _init_notebook(ex: ladder.Exercise, dest: Path) -> None:
    """The notebook of `ex` at `dest`, unless a file is there: the same rule as for the .py files."""
    from toynn_tui.practice import notebooks   # nbformat and numpy only for --notebook
    if notebooks.write_new(ex, dest):
        click.echo(_("created {file}").format(file=dest))
    else:
        click.echo(_("kept    {file} (already there, not touched)").format(file=dest))


def _refuse_nesting(directory: Path) -> None:
    """A usage error (exit 2) when DIRECTORY lies inside another workspace (ws/ws/exercises would
    hide the learner's files from the commands, which find the outer one) or is toynn's own
    source tree. DIRECTORY itself being a workspace is fine: init only adds what is missing."""
    where = directory.resolve()
    if is_source_tree(where):
        raise NotInWorkspace(_("{folder} is toynn's own source tree: its exercises/ are the project's "
                               "stubs. Make your workspace in a folder of its own: `toynn init my-drills`.").format(
                                   folder=where))
    outer = find_workspace(where)
    if outer is not None and outer != where and not is_source_tree(outer):
        raise NotInWorkspace(_("{folder} is inside the workspace {outer}: a workspace there would "
                               "nest in it. Use that one, or init a folder outside it.").format(
                                   folder=where, outer=outer))


init.help = init.help.replace("{files}", "; ".join(f"{ex.file} ({ex.title[0].lower() + ex.title[1:]})"
                                                    for ex in ladder.load()))


def register(group: click.Group) -> None:
    for cmd in (check, list_, hint, init):
        group.add_command(cmd)

