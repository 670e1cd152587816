"""Training at "max" in a worker process: the handover is exact and the worker never outlives the app."""
import asyncio
import time

import numpy as np
import pytest

from toynn_tui.app import ToynnApp
from toynn_tui.engine import SPECS, Net
from toynn_tui.screens.background import Session, Trainer


def ready(trainer: Trainer) -> Trainer:
    end = time.monotonic() + 30
    while not trainer.usable():   # a bounded wait for the worker's start, not a timing assertion
        assert time.monotonic() < end and not trainer.broken
        time.sleep(0.02)
    return trainer


@pytest.mark.parametrize("name", ["article3", "everything"])
def test_the_worker_hands_back_exactly_what_this_process_would_have_computed(name):
    trainer = ready(Trainer())
    try:
        net = Net(spec=SPECS[name], iterations=10**6)
        net.run(37)                       # mid-run: weights, velocities and the random stream moved on
        session = Session(trainer, net)
        time.sleep(0.3)
        session.drain()                   # a snapshot, as a frame takes it
        session.stop()
        assert net.iteration > 37
        here = Net(spec=SPECS[name], iterations=10**6)
        here.run(net.iteration)
        for a, b in zip(net.weights, here.weights):
            assert np.array_equal(a, b)
        net.run(5)                        # and it goes on here from the same random stream
        here.run(5)
        assert all(np.array_equal(a, b) for a, b in zip(net.weights, here.weights))
    finally:
        trainer.close()


def test_max_in_the_app_pauses_on_the_exact_numbers_and_the_worker_ends_with_it():
    async def go():
        app = ToynnApp(speed=None, paused=True, iterations=10**6)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            await pilot.press("space")
            end = time.monotonic() + 30
            while screen._session is None:   # until the worker has taken over
                assert time.monotonic() < end
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            await pilot.press("space")
            assert not screen.playing and screen._session is None
            n = screen.net.iteration
            proc = screen._trainer._proc
            here = Net(3, iterations=10**6)
            here.run(n)
            assert all(np.array_equal(a, b) for a, b in zip(screen.net.weights, here.weights))
            assert f"iteration {n:,}/" in screen.query_one("#status").content.plain
        return proc
    proc = asyncio.run(go())
    assert proc.poll() is not None   # the worker ended with the app
