"""The two screens of toynn-tui: `e` opens the exercises, `t` there goes back to training.

Driven with Pilot in the real app. The workspaces hold no files or only the
ladder's untouched stubs, so the exercises screen never starts a checker
child here (grading itself is tested in tests/practice/test_exercises_screen.py).
"""
import asyncio
import random
import re

from click.testing import CliRunner
from textual import events
from textual.widgets import Footer, OptionList

from toynn_tui import app as app_module
from toynn_tui import ladder
from toynn_tui.app import ToynnApp, main
from toynn_tui.cli import main as toynn
from toynn_tui.screens.exercises import ExercisesScreen
from toynn_tui.screens.help import HelpScreen
from toynn_tui.screens.training import TrainingScreen
from tests.app.pilot import run, status


def iteration_shown(screen):
    return int(re.search(r"iteration ([\d,]+)/", status(screen)).group(1).replace(",", ""))


def footer_keys(screen):
    """The footer's entries as (key, description, x, width), in order."""
    return [(k.key, k.description, k.region.x, k.region.width)
            for k in screen.query_one(Footer).query("FooterKey")]


def initialised(tmp_path):
    result = CliRunner().invoke(toynn, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_e_opens_the_ladder_and_t_comes_back_to_the_same_iteration(tmp_path):
    ws = initialised(tmp_path)

    async def scenario(pilot, training):
        await pilot.press(*"sssss")
        await pilot.pause()
        assert iteration_shown(training) == 5
        await pilot.press("e")
        await pilot.pause()
        ex = pilot.app.screen
        assert isinstance(ex, ExercisesScreen) and pilot.app.current_mode == "exercises"
        assert ex.workspace == ws.resolve()
        ladder_list = ex.query_one("#ladder", OptionList)
        exercises = ladder.load()
        assert ladder_list.option_count == len(exercises)
        for e in exercises:
            prompt = str(ladder_list.get_option(e.name).prompt)
            assert e.title in prompt and "not started" in prompt  # untouched stubs
        progress = ex.query_one("#ex-progress").content.plain
        assert f"0 of {len(exercises)} passing" in progress and str(ws.resolve()) in progress
        assert "untouched stub" in str(ex.query_one("#ex-file").content)
        await pilot.press("t")
        await pilot.pause()
        assert pilot.app.screen is training and pilot.app.current_mode == "training"
        assert iteration_shown(training) == 5 and training.net.iteration == 5
        await pilot.press("e")  # the same exercises screen again, not a new one
        await pilot.pause()
        assert pilot.app.screen is ex

    run(ToynnApp(paused=True, workspace=ws), scenario)


def test_training_pauses_while_the_exercises_are_shown(tmp_path):
    async def scenario(pilot, training):
        await pilot.pause(0.2)
        assert training.playing and training.net.iteration > 0
        await pilot.press("e")
        await pilot.pause(0.1)
        assert isinstance(pilot.app.screen, ExercisesScreen)
        n = training.net.iteration
        await pilot.pause(0.3)
        assert training.net.iteration == n and not training.playing
        await pilot.press("t")
        await pilot.pause(0.2)
        assert pilot.app.screen is training
        assert training.net.iteration == n and iteration_shown(training) == n
        assert "paused" in status(training)  # still paused: space plays again
        await pilot.press("space")
        await pilot.pause(0.2)
        assert training.net.iteration > n

    run(ToynnApp(speed=10, workspace=tmp_path), scenario)


def test_e_does_nothing_under_a_dialog_so_training_never_runs_unseen(tmp_path):
    async def scenario(pilot, training):
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen) and pilot.app.current_mode == "training"
        assert "Exercises" not in [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        pilot.app.action_exercises()  # as the palette would call it: still refused
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is training and training.playing

    run(ToynnApp(speed=1, workspace=tmp_path), scenario)


def test_the_footer_offers_e_on_training_and_t_on_exercises_within_80_columns(tmp_path):
    async def scenario(pilot, training):
        keys = footer_keys(training)
        assert ("e", "ladder") in [(k, d) for k, d, _, _ in keys]
        shown = [k for k, *_ in keys]
        assert "question_mark" in shown and "q" in shown   # help and quit still show, after e
        assert max(x + w for *_, x, w in keys) <= 80
        await pilot.press("e")
        await pilot.pause()
        keys = footer_keys(pilot.app.screen)
        shown = [k for k, *_ in keys]
        assert "t" in shown and "h" in shown and "c" in shown and "question_mark" in shown
        assert "e" not in shown  # already there
        assert max(x + w for *_, x, w in keys) <= 80

    run(ToynnApp(paused=True, workspace=tmp_path), scenario)


def test_the_command_palette_lists_both_screens(tmp_path):
    async def scenario(pilot, training):
        titles = [c.title for c in pilot.app.get_system_commands(training)]
        assert "Exercises" in titles and "Training" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Exercises")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        ex = pilot.app.screen
        assert isinstance(ex, ExercisesScreen)
        titles = [c.title for c in pilot.app.get_system_commands(ex)]
        assert {"Training", "Show a hint", "Check now", "Help"} <= set(titles)
        assert "Exercises" not in titles and "Play / pause" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Training")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert pilot.app.screen is training

    run(ToynnApp(paused=True, workspace=tmp_path), scenario)


def test_help_opens_over_the_exercises_and_names_e(tmp_path):
    async def scenario(pilot, training):
        await pilot.press("e")
        await pilot.pause()
        ex = pilot.app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        words = pilot.app.screen.query_one("#help-text").content.markup
        assert "| `e` |" in words and "exercises screen" in words
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is ex

    run(ToynnApp(paused=True, workspace=tmp_path), scenario)


def test_random_keys_across_both_screens_never_crash(tmp_path):
    ws = initialised(tmp_path)
    rng = random.Random(4)
    keys = {"e": "e", "t": "t", "h": "h", "c": "c", "space": " ", "s": "s", "l": "l", "down": None,
            "up": None, "question_mark": "?", "escape": None, "plus": "+", "r": "r"}
    names = list(keys)

    async def go():
        app = ToynnApp(iterations=2000, speed=1000, workspace=ws)
        async with app.run_test(size=(80, 24)) as pilot:
            for burst in range(40):
                for _ in range(15):
                    key = rng.choice(names)
                    event = events.Key(key, keys[key])
                    event.set_sender(app)
                    app._driver.send_message(event)
                await pilot.pause(0.02)
            for key in ("escape", "escape", "t"):
                await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TrainingScreen)
            # mid-iteration (line mode) the top line counts the iteration in progress
            assert iteration_shown(screen) == screen.net.iteration + (screen.net.line > 0)
            assert app.is_running

    asyncio.run(go())


def test_cli_workspace_reaches_the_app_and_defaults_to_the_current_directory(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.append(self.workspace))
    runner = CliRunner()
    for args in (["--workspace", str(tmp_path)], ["--dir", str(tmp_path)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert runner.invoke(main, []).exit_code == 0
    assert seen == [tmp_path.resolve(), tmp_path.resolve(), here.resolve()]
    result = runner.invoke(main, ["--workspace", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_w_on_the_exercises_screen_watches_the_open_rungs_net(tmp_path):
    ws = initialised(tmp_path)
    rung = ladder.get("exercise7")
    order = [e.name for e in ladder.load()]

    async def scenario(pilot, training):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*["down"] * order.index(rung.name))
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen is training and pilot.app.current_mode == "training"
        assert screen.net.spec == rung.spec() and screen.net.iteration == 0 and not screen.playing
        code = screen.query_one("#code").content.plain
        assert "np.random.permutation(len(X))" in code and "l0 = X[rows]" in code
        await pilot.press("s")
        await pilot.pause()
        assert iteration_shown(screen) == 1
        await pilot.press("e", "up", "up", "up", "up", "up", "up", "w")   # exercise1: no net to watch
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExercisesScreen)
    run(ToynnApp(workspace=ws, paused=True), scenario, size=(120, 40))
