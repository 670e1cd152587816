"""The training screen's session (screens/session.py) works without a screen: what a knob does to
the net, and what reset and play do, are decided there."""
import subprocess
import sys

from toynn_tui.screens.session import Settings, TrainingSession
from toynn_tui.widgets.error_panel import ErrorHistory


def session(**knobs):
    return TrainingSession(Settings(paused=True, knobs=knobs), ErrorHistory())


def test_the_session_imports_no_textual():
    code = "import sys, toynn_tui.screens.session; print(any(m.startswith('textual') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_a_knob_that_keeps_the_shapes_continues_with_the_same_weights():
    s = session(dataset="spiral", hidden=8)
    s.run(50)
    before = [w.copy() for w in s.net.weights]
    message, same = s.apply_knobs(s.knobs.with_(alpha=0.1), "alpha")
    assert same and s.net.iteration == 50 and message.startswith("alpha 0.1: continued at iteration 50")
    assert all((a == b).all() for a, b in zip(before, s.net.weights))


def test_a_knob_that_changes_the_shapes_restarts_and_clears_the_history():
    s = session(dataset="spiral", hidden=8)
    s.run(50)
    message, same = s.apply_knobs(s.knobs.with_(hidden=4), "hidden")
    assert not same and s.net.iteration == 0 and "restarted at iteration 0" in message
    assert s.history.latest is None and s.net.spec.sizes == (3, 4, 1)


def test_reset_goes_back_to_iteration_0_paused():
    s = session()
    s.playing = True
    s.run(100)
    assert s.replace(s.net.spec, s.net.seed) is False   # the same net, reset in place
    assert s.net.iteration == 0 and not s.playing and s.halted is None
