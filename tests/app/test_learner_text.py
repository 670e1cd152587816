"""Text from a learner's file is shown as text on every screen, never read as Textual markup.

A learner's exception message, a comment on the line the checker names, the name of
their folder: any of them can hold `[/bold]` or `[red]`. Read as markup, the first
is a MarkupError that kills the app, the second recolours the rest of the line.
Each test runs the real file through the real sandbox and checker, as
`toynn-tui --compare FILE` and the exercises screen do, and reads the screen's words.
"""
from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from toynn_tui.app import ToynnApp
from toynn_tui.screens.compare import CompareScreen
from toynn_tui.screens.exercises import ExercisesScreen

REPO = Path(__file__).resolve().parents[2]
SOLUTION3 = (REPO / "solutions" / "exercise3.py").read_text()
SEEDED = "    np.random.seed(seed)\n"
assert SEEDED in SOLUTION3
RIGHT_DELTA = "l2_delta = l2_error * nonlin(l2, deriv=True)"
assert RIGHT_DELTA in SOLUTION3

MESSAGE = "shapes [/bold] and [red] differ"   # a closing tag with no opening one: a MarkupError as markup
RAISES = SOLUTION3.replace(SEEDED, SEEDED + f"    raise ValueError({MESSAGE!r})\n", 1)
COMMENT = "# see [/r/learnmachinelearning]"   # an honest comment, on the line the checker names
SLOPE_MISSING = SOLUTION3.replace(RIGHT_DELTA, f"l2_delta = l2_error  {COMMENT}", 1)
FOLDER = "mine [bold] [red]"   # the learner's own folder (no "/": as markup the tags would vanish)


def _file(tmp_path: Path, source: str) -> Path:
    path = tmp_path / FOLDER / "exercise3.py"
    path.parent.mkdir()
    path.write_text(source)
    return path


def _seen(widget) -> str:
    """A Static's words as drawn (its visual): markup in a str is already applied there, unlike `.content`."""
    return widget.visual.plain


async def _until(pilot, cond, limit: float = 90.0) -> None:
    end = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < end, "the screen never got there"
        await pilot.pause(0.1)


def _compare(file: Path) -> dict[str, str]:
    """`toynn-tui --compare FILE`: the compare screen's words once the sandboxed run (and check) are in."""
    async def go():
        app = ToynnApp(paused=True, compare=("exercise3", file))
        async with app.run_test(size=(130, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            await _until(pilot, lambda: screen.trajectory is not None)
            await pilot.pause()
            box = screen.query_one("#cmp-yours")
            return {"head": _seen(screen.query_one("#cmp-head")),
                    "banner": _seen(screen.query_one("#cmp-banner")),
                    "mine": _seen(screen.query_one("#cmp-mine")),
                    "title": box._border_title.plain if box._border_title is not None else ""}
    return asyncio.run(go())


def test_compare_shows_an_exception_message_and_a_folder_name_with_brackets_as_they_are(tmp_path):
    shown = _compare(_file(tmp_path, RAISES))
    assert f"(your train raised ValueError: {MESSAGE})" in shown["banner"]
    assert f"ValueError: {MESSAGE}" in shown["mine"]
    assert FOLDER in shown["head"]
    assert shown["title"] == "yours: exercise3.py"


def test_compare_shows_a_comment_with_brackets_on_the_named_line_as_it_is(tmp_path):
    shown = _compare(_file(tmp_path, SLOPE_MISSING))
    assert "first diverging iteration: 1" in shown["banner"]
    assert f"l2_delta = l2_error  {COMMENT}" in shown["banner"]


def test_compare_shows_a_file_name_with_brackets_in_its_title(tmp_path):
    path = tmp_path / "ex [b] 3.py"
    path.write_text(SLOPE_MISSING)

    async def go():
        app = ToynnApp(paused=True, compare=("exercise3", path))
        async with app.run_test(size=(130, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            await _until(pilot, lambda: screen.trajectory is not None)
            await pilot.pause()
            return screen.query_one("#cmp-yours")._border_title.plain, _seen(screen.query_one("#cmp-banner"))
    title, banner = asyncio.run(go())
    assert title == "yours: ex [b] 3.py"
    assert "ex [b] 3.py line" in banner


def test_the_exercises_screen_shows_the_checkers_words_about_such_a_file_as_they_are(tmp_path):
    """The real checker's verdict on the ladder's exercise 3, in a folder whose name has brackets,
    then `v` (the compare screen) and `c` (check now, with its notices) on it."""
    workspace = tmp_path / FOLDER
    shutil.copytree(REPO / "exercises", workspace / "exercises")
    (workspace / "exercises" / "exercise3.py").write_text(RAISES.replace("ValueError", "RuntimeError"))

    async def go():
        app = ToynnApp(paused=True, workspace=workspace)
        async with app.run_test(size=(130, 40)) as pilot:
            await pilot.pause()
            await app.switch_mode("exercises")
            ex = app.screen
            assert isinstance(ex, ExercisesScreen)
            ex.query_one("#ladder").highlighted = list(ex.rows).index("exercise3")
            await _until(pilot, lambda: ex.rows["exercise3"].verdict is not None)
            await pilot.pause()
            checks = _seen(ex.query_one("#ex-checks"))
            progress = _seen(ex.query_one("#ex-progress"))
            await pilot.press("c")   # check again: the notices it raises are drawn too
            await pilot.pause(0.3)
            await pilot.press("v")
            cmp = app.screen
            assert isinstance(cmp, CompareScreen)
            await _until(pilot, lambda: cmp.trajectory is not None)
            await pilot.pause()
            return checks, progress, _seen(cmp.query_one("#cmp-banner"))
    checks, progress, banner = asyncio.run(go())
    assert f"raised RuntimeError: {MESSAGE}" in checks
    assert f"raise RuntimeError({MESSAGE!r})" in checks     # the learner's own line, as written
    assert FOLDER in progress
    assert f"(your train raised RuntimeError: {MESSAGE})" in banner



ESCAPE = "\x1b]2;pwned\x07\x1b[2J"   # retitles the terminal, then clears it: if it reached the terminal
ESCAPES = SOLUTION3.replace(SEEDED, SEEDED + f"    raise ValueError({('bad ' + ESCAPE)!r})\n", 1)


def test_an_escape_sequence_in_a_message_is_shown_not_sent_to_the_terminal(tmp_path):
    """The app draws into the learner's terminal (or the browser's xterm.js under `toynn serve`):
    an ESC of theirs in a drawn cell would be obeyed there. It is shown as the four characters \\x1b."""
    workspace = tmp_path / "ws"
    shutil.copytree(REPO / "exercises", workspace / "exercises")
    (workspace / "exercises" / "exercise3.py").write_text(ESCAPES)

    async def go():
        app = ToynnApp(paused=True, workspace=workspace)
        async with app.run_test(size=(130, 40)) as pilot:
            await pilot.pause()
            await app.switch_mode("exercises")
            ex = app.screen
            ex.query_one("#ladder").highlighted = list(ex.rows).index("exercise3")
            await _until(pilot, lambda: ex.rows["exercise3"].verdict is not None)
            await pilot.pause()
            checks = _seen(ex.query_one("#ex-checks"))
            await pilot.press("v")
            cmp = app.screen
            await _until(pilot, lambda: cmp.trajectory is not None)
            await pilot.pause()
            return checks, _seen(cmp.query_one("#cmp-banner")), _seen(cmp.query_one("#cmp-mine"))
    for shown in asyncio.run(go()):
        assert "\x1b" not in shown and "\x07" not in shown
        assert "bad \\x1b]2;pwned\\x07\\x1b[2J" in shown
