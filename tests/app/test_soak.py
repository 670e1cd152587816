"""Soak: random keys and resizes on two nets, and the app never raises.

The suite presses PRESSES keys per net (a smoke test of the soak: every key,
the palette and the resizes come up); `bench/soak_app.py` runs the same soak
for thousands of presses and other seeds, outside the test command's budget.

Keys go through the driver like real typing (the same path `Pilot.press`
uses) but in bursts, without waiting for idle after each one: that is both
faster and rougher on the app than polite one-at-a-time presses. The command
palette is opened at human pace only (see the note in the loop). `run_test`
re-raises any exception from the app, so surviving is the test; the end
checks that the screen still tells the truth about the net.
"""
import asyncio
import random

import pytest

from textual import events

from toynn_tui.app import ToynnApp
from toynn_tui.screens.training import TrainingScreen

# key name -> the character a terminal would send with it
KEYS = {"space": " ", "s": "s", "l": "l", "plus": "+", "minus": "-", "equals_sign": "=", "r": "r",
        "n": "n", "t": "t", "question_mark": "?", "f1": None, "escape": None, "x": "x", "up": None,
        "down": None, "tab": None, "enter": None}
SIZES = [(80, 24), (40, 12), (120, 40), (76, 24), (75, 30), (160, 50), (20, 5), (100, 23), (1, 1)]
PRESSES = 240   # per net, in the suite
BURST = 30


@pytest.mark.parametrize("spec", [None, "everything"], ids=["article", "every-option"])
def test_random_keys_and_resizes_never_crash(spec):
    """On the article's nets (t toggles 2 <-> 3) and on the ladder's (t cycles them all,
    the net with every option first: the most panels and the longest loop)."""
    soak(spec, PRESSES, 20240713)


def soak(spec, presses: int, seed: int) -> None:
    """`presses` random keys in bursts, with resizes and the palette; then the screen must tell the truth."""
    rng = random.Random(seed)
    names = list(KEYS)

    async def go():
        app = ToynnApp(iterations=3000, speed=1000, spec=spec)  # short runs: "finished" is hit often too
        async with app.run_test(size=(80, 24)) as pilot:
            for burst in range(presses // BURST):
                if rng.random() < 0.3:
                    await pilot.resize_terminal(*rng.choice(SIZES))
                for _ in range(BURST):
                    key = rng.choice(names)
                    event = events.Key(key, KEYS[key])
                    event.set_sender(app)
                    app._driver.send_message(event)
                await pilot.pause(0.01 if burst % 10 else 0.1)  # let some frames play too
                if burst % 10 == 5 and isinstance(app.screen, TrainingScreen):
                    # The palette, at human pace: Textual's own CommandPalette can trip over
                    # enter+escape arriving in the same instant, which is not ours to soak.
                    await pilot.press("ctrl+p", *rng.choice(["spe", "xyz", "rese"]), "escape")
            for _ in range(5):  # close whatever is open (help, palette)
                if isinstance(app.screen, TrainingScreen):
                    break
                await pilot.press("escape")
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TrainingScreen)
            net = screen.net
            shown = net.iteration + (net.line > 0)   # mid-iteration: the one in progress
            # at 80 columns a long net name leaves out the word "iteration", never the count
            assert f" {shown:,}/{net.total:,} " in screen.query_one("#status").content.plain
            assert 0 <= net.iteration <= net.total
            assert app.is_running

    asyncio.run(go())
