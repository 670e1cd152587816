"""Every key of the training screen, driven through Pilot, checked on screen.

The assertions read what the panels show (their rendered text) and compare
it with an independent `Net` from the engine run the same number of steps.
"""
import re

import numpy as np
import pytest

from toynn_tui.app import ToynnApp
from toynn_tui.engine import Net, init_weights
from toynn_tui.screens.help import HelpScreen
from toynn_tui.screens.training import TrainingScreen
from tests.app.pilot import run, text, status

NUM = re.compile(r"[+-]?\d+\.\d+")
WIDE = (120, 32)  # wide enough for 4-decimal weights, so one step shows


def shown_weights(screen):
    """The weights as printed in the weights panel: ([syn0 rows], [syn1 rows]) and the decimals used."""
    syn0, syn1, decimals = [], [], 0
    for line in text(screen, "#weights").splitlines()[2:]:
        left, _, right = line.partition("│")
        nums = NUM.findall(left)
        if nums:
            syn0.append([float(n) for n in nums])
            decimals = len(nums[0].split(".")[1])
        if right:
            syn1 += [[float(n)] for n in NUM.findall(right)]
    return np.array(syn0), (np.array(syn1) if syn1 else None), decimals


def assert_shows(screen, weights):
    syn0, syn1, decimals = shown_weights(screen)
    tol = 0.5 * 10 ** -decimals + 1e-12
    assert syn0.shape == weights[0].shape
    assert np.all(np.abs(syn0 - weights[0]) <= tol)
    if len(weights) > 1:
        assert np.all(np.abs(syn1 - weights[1]) <= tol)
    else:
        assert syn1 is None


@pytest.mark.parametrize("layers,k", [(3, 5), (2, 7)])
def test_after_k_steps_the_screen_shows_the_engines_weights(layers, k):
    ref = Net(layers, seed=1)
    ref.run(k)

    async def scenario(pilot, screen):
        before = shown_weights(screen)[0]
        for _ in range(k):
            await pilot.press("s")
        await pilot.pause()
        assert f"iteration {k}/" in status(screen)
        assert not np.array_equal(shown_weights(screen)[0], before)  # the steps did move them
        assert_shows(screen, ref.weights)
        # And the net behind the screen is the engine's, bit for bit.
        assert all(np.array_equal(a, b) for a, b in zip(screen.net.weights, ref.weights))

    run(ToynnApp(layers=layers, paused=True), scenario, WIDE)


def test_reset_restores_the_seeds_starting_weights():
    async def scenario(pilot, screen):
        await pilot.press("s", "s", "s", "l")
        await pilot.press("r")
        await pilot.pause()
        assert "iteration 0/" in status(screen)
        assert_shows(screen, init_weights(4, 3))
        assert "no forward pass yet" in screen.query_one("#examples").border_title

    run(ToynnApp(seed=4, paused=True), scenario, WIDE)


def test_new_seed_starts_from_the_next_seeds_weights():
    async def scenario(pilot, screen):
        await pilot.press("s", "n")
        await pilot.pause()
        assert "seed 2" in status(screen) and "iteration 0/" in status(screen)
        assert_shows(screen, init_weights(2, 3))

    run(ToynnApp(seed=1, paused=True), scenario, WIDE)


def test_switching_the_net_swaps_weights_data_and_loop():
    async def scenario(pilot, screen):
        await pilot.press("t")
        await pilot.pause()
        assert "2-layer" in status(screen) and "/10,000" in status(screen)
        assert_shows(screen, init_weights(1, 2))
        assert "syn1" not in text(screen, "#weights")
        assert "syn0 += np.dot(l0.T, l1_delta)" in text(screen, "#code")
        await pilot.press("s")
        await pilot.pause()
        ref = Net(2, seed=1)
        ref.step()
        assert_shows(screen, ref.weights)
        await pilot.press("t")
        await pilot.pause()
        assert "3-layer" in status(screen) and "iteration 0/60,000" in status(screen)
        assert_shows(screen, init_weights(1, 3))

    run(ToynnApp(paused=True), scenario, WIDE)


def test_space_plays_and_pauses():
    async def scenario(pilot, screen):
        assert "paused" in status(screen)
        await pilot.press("space")
        await pilot.pause(0.3)
        assert "playing" in status(screen)
        await pilot.press("space")
        await pilot.pause()
        n = screen.net.iteration
        assert n > 0 and "paused" in status(screen) and f"iteration {n:,}/" in status(screen)
        await pilot.pause(0.2)
        assert screen.net.iteration == n  # paused means paused

    run(ToynnApp(paused=True, speed=10), scenario)


def test_speed_keys_walk_the_ladder_and_frames_run_that_many_iterations():
    async def scenario(pilot, screen):
        assert "100/frame" in status(screen)
        await pilot.press("plus")
        assert "1000/frame" in status(screen)
        await pilot.press("plus")
        assert "max" in status(screen)
        await pilot.press("plus")  # already the fastest
        assert "max" in status(screen)
        for _ in range(5):
            await pilot.press("minus")
        assert "1/frame" in status(screen)
        await pilot.press("equals_sign", "equals_sign")  # = works like + (no shift needed)
        assert "100/frame" in status(screen)
        await pilot.press("minus")
        # Each frame runs exactly `speed` iterations: play a little at 10/frame.
        await pilot.press("space")
        await pilot.pause(0.3)
        await pilot.press("space")
        n = screen.net.iteration
        assert n > 0 and n % 10 == 0

    run(ToynnApp(paused=True, warmup=False), scenario)  # the warm-up has tests of its own


@pytest.mark.parametrize("speed", [1000, None])
def test_training_pauses_itself_at_the_last_iteration(speed):
    async def scenario(pilot, screen):
        for _ in range(100):
            if screen.halted:
                break
            await pilot.pause(0.05)
        assert screen.net.iteration == 2345  # never past the end
        assert "finished" in status(screen) and "2,345/2,345" in status(screen)
        await pilot.press("space", "s", "l")  # refused: nothing runs past the end
        await pilot.pause()
        assert screen.net.iteration == 2345 and screen.net.line == 0 and not screen.playing
        await pilot.press("r")
        await pilot.pause()
        assert "paused" in status(screen) and "iteration 0/2,345" in status(screen)

    run(ToynnApp(iterations=2345, speed=speed, warmup=False), scenario)


def test_overflow_pauses_and_says_so_instead_of_crashing():
    bad = [np.full((3, 4), np.inf), np.ones((4, 1))]

    async def scenario(pilot, screen):
        await pilot.pause(0.2)
        assert screen.net.iteration == 1  # stopped after the first frame
        assert "overflow" in status(screen) and "r: reset" in status(screen)
        assert "nan" in text(screen, "#weights") or "inf" in text(screen, "#weights")
        await pilot.press("space")
        await pilot.pause(0.1)
        assert screen.net.iteration == 1
        await pilot.press("r")
        await pilot.pause()
        assert "paused" in status(screen) and "iteration 0/" in status(screen)

    run(ToynnApp(weights=bad, speed=1), scenario)


def test_line_by_line_highlights_the_next_line_and_marks_what_changed():
    async def scenario(pilot, screen):
        await pilot.press("l", "l", "l")  # l0 = X, l1 = ..., l2 = ...
        await pilot.pause()
        code = screen.query_one("#code")
        assert "next line 4/9" in code.border_title and "wrote l2" in code.border_title
        next_line = text(screen, "#code").splitlines()[3]
        assert next_line.startswith("▶ l2_error")  # wide: the gutter has room for ▶ and ✓
        assert text(screen, "#code").splitlines()[2].startswith("✓ l2 = ")
        # The line about to run and the examples' l2 heading are drawn in their marking styles.
        styled = {text_of(code.content, s): str(s.style) for s in code.content.spans}
        assert any(t.startswith("l2_error") and "on" in st for t, st in styled.items())
        ex = screen.query_one("#examples").content
        marked = [text_of(ex, s) for s in ex.spans if "yellow" in str(s.style)]
        assert [m.strip() for m in marked] == ["l2"]
        await pilot.press("l", "l")  # l2_error, l2_delta
        ds = screen.query_one("#deltas").content
        assert [text_of(ds, s).strip() for s in ds.spans if "yellow" in str(s.style)] == ["l2_delta"]
        await pilot.press("l")  # l1_error takes l1_delta's place for one line
        assert "l1_error" in text(screen, "#deltas")
        await pilot.press("l", "l", "l")  # l1_delta, syn1 +=, syn0 +=
        await pilot.pause()
        assert "iteration 1/" in status(screen)
        w = screen.query_one("#weights").content
        assert [text_of(w, s).strip() for s in w.spans if "yellow" in str(s.style)] == ["syn0"]
        ref = Net(3, seed=1)
        ref.step()
        assert_shows(screen, ref.weights)
        await pilot.press("s")  # a whole step leaves line mode's marks behind
        await pilot.pause()
        w = screen.query_one("#weights").content
        assert not [s for s in w.spans if "yellow" in str(s.style)]

    run(ToynnApp(paused=True), scenario, WIDE)


def text_of(content, span):
    return content.plain[span.start:span.end]


def test_error_panel_shows_current_and_lowest_with_iterations():
    ref = Net(3, seed=1)
    ref.run(3)

    async def scenario(pilot, screen):
        await pilot.press("s", "s", "s")
        await pilot.pause()
        labels = screen.query_one("#error-labels").content.plain
        assert f"now  {ref.error:.4g}  at iteration 3" in labels
        assert "best" in labels

    run(ToynnApp(paused=True), scenario)


def test_help_opens_explains_every_panel_and_closes():
    async def scenario(pilot, screen):
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            words = pilot.app.screen.query_one("#help-text").content.markup
            for panel in ("four examples", "Training loop", "Deltas", "Weights", "Error", "Top line"):
                assert panel in words
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, TrainingScreen)

    run(ToynnApp(paused=True), scenario)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
def test_quit_keys_end_the_app(key):
    async def scenario(pilot, screen):
        await pilot.press(key)
        await pilot.pause()
        return pilot.app.is_running

    assert run(ToynnApp(paused=True), scenario) is False


def test_command_palette_runs_the_training_actions():
    async def scenario(pilot, screen):
        titles = [c.title for c in pilot.app.get_system_commands(screen)]
        for t in ("Play / pause", "Step one iteration", "Step one line", "Faster", "Slower",
                  "Reset", "New seed", "Switch network", "Help"):
            assert t in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "CommandPalette"  # typing goes to the palette
        await pilot.press(*"Step one iteration")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, TrainingScreen)
        assert "iteration 1/" in status(screen) and "3-layer" in status(screen)

    run(ToynnApp(paused=True), scenario)


def test_too_small_shows_a_notice_and_comes_back():
    async def scenario(pilot, screen):
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        notice = screen.query_one("#too-small")
        assert notice.display and "Make the window larger" in notice.content
        assert not screen.query_one("#main").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not notice.display and screen.query_one("#main").display
        for size, small in (((75, 24), True), ((76, 23), True), ((76, 24), False)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert notice.display is small and screen.query_one("#main").display is not small

    run(ToynnApp(paused=True), scenario)


def test_80x24_fits_every_panel_without_cropping():
    async def scenario(pilot, screen):
        await pilot.press("s")
        await pilot.pause()
        for sel in ("#examples", "#code", "#deltas", "#weights", "#status"):
            w = screen.query_one(sel)
            lines = w.content.plain.splitlines()
            assert max(len(x.rstrip()) for x in lines) <= w.content_size.width, sel
            assert len(lines) <= w.content_size.height, sel

    run(ToynnApp(paused=True), scenario)


def test_another_mode_can_be_added_and_training_pauses_while_away():
    """How the exercises screen will plug in: one more mode, switched to by name."""
    from textual.screen import Screen
    from textual.widgets import Static

    class Other(Screen):
        def compose(self):
            yield Static("elsewhere")

    async def scenario(pilot, screen):
        await pilot.pause(0.2)
        assert screen.playing
        pilot.app.add_mode("other", Other)
        await pilot.app.switch_mode("other")
        await pilot.pause(0.1)
        n = screen.net.iteration
        await pilot.pause(0.2)
        assert screen.net.iteration == n and not screen.playing
        await pilot.app.switch_mode("training")
        await pilot.pause()
        assert pilot.app.screen is screen and "paused" in status(screen)
        assert f"iteration {n:,}/" in status(screen)

    run(ToynnApp(speed=10), scenario)


def test_help_does_not_stop_training():
    async def scenario(pilot, screen):
        await pilot.press("question_mark")
        await pilot.pause(0.1)
        n = screen.net.iteration
        await pilot.pause(0.3)
        assert screen.net.iteration > n
        await pilot.press("escape")
        await pilot.pause()
        assert "playing" in status(screen)

    run(ToynnApp(speed=10), scenario)
