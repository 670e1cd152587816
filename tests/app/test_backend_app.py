"""The app on another backend: the code panel keeps the article's NumPy text while the net trains on
array-api-strict's fake device, and every number shown is the NumPy net's, stepped by keys and at "max"."""
import time

import numpy as np

from tests.app.pilot import status
from tests.app.test_background import ready
from tests.app.test_nets import assert_code_is_the_loop, assert_examples_shown, assert_weights_shown, run
from tests.conftest import array_api_strict
from toynn_tui.app import ToynnApp
from toynn_tui.engine import SPECS, Net
from toynn_tui.screens.background import Session, Trainer

strict = array_api_strict()


def test_the_app_shows_numpy_text_and_numbers_from_the_device():
    ref = Net(spec=SPECS["dropout"], seed=1)

    async def scenario(pilot, screen):
        assert screen.net.backend.name == "array-api-strict"
        assert "on array-api-strict" in status(screen)   # the panel's np.dot is not where it runs
        assert_code_is_the_loop(screen, ref)            # np.dot, np.random: the article's words
        for _ in range(3):
            await pilot.press("s")
            await pilot.pause()
            ref.step()
            assert_weights_shown(screen, ref)
            assert_examples_shown(screen, ref)
        assert screen.net.s.syn0.device == strict.Device("device1")

    run(ToynnApp(spec="dropout", paused=True, backend="array-api-strict"), scenario)


def test_the_worker_trains_on_the_same_backend_and_hands_back_the_numbers():
    trainer = ready(Trainer())
    try:
        net = Net(spec=SPECS["minibatch"], iterations=10**6, backend="array-api-strict")
        net.run(11)
        session = Session(trainer, net)
        time.sleep(0.3)
        session.drain()
        session.stop()
        assert net.iteration > 11 and net.s.syn0.device == strict.Device("device1")
        here = Net(spec=SPECS["minibatch"], iterations=10**6)
        here.run(net.iteration)
        assert all(np.allclose(a, b, rtol=1e-12) for a, b in zip(net.weights, here.weights))
    finally:
        trainer.close()


def test_a_paused_app_fits_its_first_top_line_to_the_window():
    # the first line is made before the bar has a width: it used to stay cut off at the edge
    async def scenario(pilot, screen):
        line = status(screen)
        assert len(line) <= 80 and line.rstrip().endswith("3-layer, XOR") and "array-api-strict" in line, line

    run(ToynnApp(paused=True, backend="array-api-strict"), scenario, size=(80, 24))
