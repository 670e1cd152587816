"""An unknown exercise name is one usage error, the same in every command that takes one.

`commands.options.EXERCISE` checks the name as click parses it: exit code 2,
the parameter named as it was typed, and the ladder's names to choose from.
"""
import subprocess
import sys

import pytest
from click.testing import CliRunner

from toynn_tui import ladder
from toynn_tui.app import main as toynn_tui

NAMES = ", ".join(ex.name for ex in ladder.load())


def toynn(*args, cwd):
    return subprocess.run([sys.executable, "-m", "toynn_tui", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, named", [
    (["check", "exercise99"], "EXERCISE"),
    (["hint", "exercise99"], "EXERCISE"),
    (["start", "exercise99"], "EXERCISE"),
    (["watch", "exercise99"], "EXERCISE"),
    (["drill", "exercise99"], "EXERCISE"),
    (["grade", ".", "-e", "exercise99"], "--exercise"),   # the long name, though -e was typed
])
def test_an_unknown_exercise_is_a_usage_error_that_lists_the_ladder(tmp_path, args, named):
    run = toynn(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert (f"Error: Invalid value for {named}: unknown exercise 'exercise99' (the ladder has: {NAMES})"
            in run.stderr), run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "exercises").exists() and not (tmp_path / ".toynn").exists()   # nothing was done


def test_the_app_names_the_option_that_holds_the_unknown_name(tmp_path):
    mine = tmp_path / "mine.py"
    mine.write_text("")
    said = CliRunner().invoke(toynn_tui, ["--compare", str(mine), "--exercise", "exercise99"])
    assert said.exit_code == 2
    assert f"Invalid value for --exercise: unknown exercise 'exercise99' (the ladder has: {NAMES})" in said.output
    said = CliRunner().invoke(toynn_tui, ["--compare", str(mine)])   # the name from the file's: mine
    assert said.exit_code == 2
    assert (f"Invalid value for --compare: unknown exercise 'mine' (the ladder has: {NAMES}); "
            "say which with --exercise") in said.output
