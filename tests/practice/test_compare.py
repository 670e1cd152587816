"""Your net beside the reference: the learner's train() run in the sandbox for iterations 0..N,
the first iteration where the nets part, and the compare screen driven by keys."""
from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import numpy as np
from textual.app import App

from toynn_tui import engine, ladder
from toynn_tui.checker.mistakes import edits
from toynn_tui.checker.rungs import Rung
from toynn_tui.practice import rung_templates, sidebyside
from toynn_tui.practice.runner import run_check
from toynn_tui.screens.compare import CompareScreen

REPO = Path(__file__).resolve().parents[2]
SOLUTION3 = (REPO / "solutions" / "exercise3.py").read_text()
SLOPE_MISSING = SOLUTION3.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error")


def test_the_solution_matches_the_reference_at_every_iteration():
    t = sidebyside.trajectory("exercise3", REPO / "solutions" / "exercise3.py", upto=5)
    assert t.first_diverging is None and not t.problem
    net = engine.Net(3, seed=1)
    for k in range(6):
        for mine, ref in zip(t.yours[k].weights, net.weights):
            np.testing.assert_allclose(mine, ref, rtol=1e-12)
        assert t.yours[k].error == t.reference[k].error
        net.step()


def test_both_sides_start_from_the_trajectorys_seed():
    t = sidebyside.trajectory("exercise3", REPO / "solutions" / "exercise3.py", upto=1, seed=7)
    assert t.seed == 7 and t.first_diverging is None   # the learner's train was called with seed=7 too
    for ref, want in zip(t.reference[0].weights, engine.Net(3, seed=7).weights):
        np.testing.assert_array_equal(ref, want)


def test_a_wrong_update_parts_at_iteration_1_and_the_wrong_numbers_are_marked(tmp_path):
    wrong = tmp_path / "exercise3.py"
    wrong.write_text(SLOPE_MISSING)
    t = sidebyside.trajectory("exercise3", wrong, upto=3)
    assert t.first_diverging == 1
    assert not t.differs(0, "syn1").any() and t.differs(1, "syn1").all()


def test_a_stateful_mistake_parts_where_its_state_first_matters(tmp_path):
    ex = ladder.get("exercise7")   # 30 examples in batches of 8: an epoch is 4 updates
    spec = Rung(ex).spec
    edit = next(e for e in edits.for_spec(spec) if e.mistake.id == "no-reshuffle")
    wrong = tmp_path / ex.file
    wrong.write_text(rung_templates.written(ex, edit.lines(spec)))
    t = sidebyside.trajectory("exercise7", wrong, upto=6)
    assert t.first_diverging == 5   # the second epoch's first update: the one the new shuffle feeds


def test_the_learners_code_never_runs_in_this_process(tmp_path):
    spy = tmp_path / "exercise3.py"   # reports the pid it runs under in the weights it returns
    spy.write_text("import os\nimport numpy as np\n\n"
                   "def train(X, y, iterations=60000, seed=1):\n"
                   "    return np.full((3, 4), float(os.getpid())), np.zeros((4, 1))\n")
    t = sidebyside.trajectory("exercise3", spy, upto=1)
    pids = {float(side.weights[0][0, 0]) for side in t.yours}
    assert pids and float(os.getpid()) not in pids


def test_a_file_that_does_not_load_says_so(tmp_path):
    broken = tmp_path / "exercise3.py"
    broken.write_text("def train(:\n")
    t = sidebyside.trajectory("exercise3", broken, upto=2)
    assert "did not load" in t.problem and "SyntaxError" in t.problem


class Host(App):
    def __init__(self, screen):
        super().__init__()
        self._s = screen

    def on_mount(self):
        self.push_screen(self._s)


def test_the_screen_shows_the_first_diverging_iteration_and_the_checkers_line(tmp_path):
    wrong = tmp_path / "exercise3.py"
    wrong.write_text(SLOPE_MISSING)
    line = next(i for i, text in enumerate(SLOPE_MISSING.splitlines(), 1) if text.strip() == "l2_delta = l2_error")
    screen = CompareScreen("exercise3", wrong, upto=4, check=run_check)

    async def go():
        async with Host(screen).run_test(size=(130, 40)) as pilot:
            end = time.monotonic() + 60
            while screen.trajectory is None:   # a bounded wait for the sandboxed run and the check
                assert time.monotonic() < end
                await pilot.pause(0.1)
            await pilot.pause()
            banner = str(screen.query_one("#cmp-banner").content)
            assert "first diverging iteration: 1" in banner
            assert f"exercise3.py line {line}: l2_delta = l2_error" in banner
            assert screen.k == 1 and screen.query_one("#cmp-yours").has_class("-diverged")
            await pilot.press("left")
            assert screen.k == 0 and not screen.query_one("#cmp-yours").has_class("-diverged")
            shown = screen.query_one("#cmp-mine").content.plain
            assert f"{engine.init_weights(1)[1][0, 0]:+.4f}" in shown
            await pilot.press("end")
            assert screen.k == 4
            await pilot.press("d")
            assert screen.k == 1
    asyncio.run(go())


def test_toynn_tui_compare_opens_the_file_beside_the_reference(tmp_path):
    from toynn_tui.app import ToynnApp
    wrong = tmp_path / "exercise3.py"
    wrong.write_text(SLOPE_MISSING)

    async def go():
        app = ToynnApp(paused=True, compare=("exercise3", wrong))
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            end = time.monotonic() + 60
            while screen.trajectory is None:
                assert time.monotonic() < end
                await pilot.pause(0.1)
            assert screen.trajectory.first_diverging == 1
            await pilot.press("escape")   # back to the live training screen underneath
            await pilot.pause()
            assert type(app.screen).__name__ == "TrainingScreen"
    asyncio.run(go())


def test_compare_refuses_what_it_cannot_compare_in_one_line(tmp_path):
    from click.testing import CliRunner

    from toynn_tui.app import main
    mine = tmp_path / "mine.py"
    mine.write_text(SOLUTION3)
    for args, said in ((["--compare", str(mine)], "say which with --exercise"),
                       (["--compare", str(REPO / "solutions" / "exercise1.py")], "no network to compare"),
                       (["--compare", str(tmp_path / "exercise3.py")], "no such file")):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output
