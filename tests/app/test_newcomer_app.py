"""What a newcomer sees in the app's first minutes: `e` inside toynn's own clone, the pop-ups of
the exercises screen, the knobs' notes and →, the playground at 80×24, the compare screen's keys.

Driven by keys through App.run_test() and Pilot; read off the widgets as drawn.
"""
import asyncio
import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from textual.app import App

from toynn_tui import ladder
from toynn_tui.app import ToynnApp, main
from toynn_tui.practice.runner import Verdict
from toynn_tui.screens.compare import CompareScreen
from toynn_tui.screens.exercises import ExercisesScreen
from toynn_tui.widgets.boundary import BoundaryPanel
from toynn_tui.engine.knobs import ORDER
from toynn_tui.screens.knobs import KnobsScreen

from .pilot import run, status

REPO = Path(__file__).resolve().parents[2]


def toasts(app, title=None):
    """The notifications on screen now (their title and message)."""
    return [n for n in app._notifications if title is None or n.title == title]


def test_e_inside_toynns_own_clone_says_it_is_not_a_workspace(tmp_path, monkeypatch):
    clone = tmp_path / "toynn"
    (clone / "toynn_tui").mkdir(parents=True)
    (clone / "pyproject.toml").write_text('[project]\nname = "toynn"\n')
    shutil.copytree(REPO / "exercises", clone / "exercises")
    monkeypatch.chdir(clone)

    async def scenario(pilot, training):
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is training and pilot.app.current_mode == "training"
        said = [n.message for n in toasts(pilot.app, "Not a workspace")]
        assert len(said) == 1 and "toynn's own source tree, not a workspace" in said[0]
        assert "toynn init my-drills" in said[0]
    run(ToynnApp(paused=True), scenario)


def greens(app):
    return [message for title, message in app.raised if title == "Green"]


def green_check(exercise, path, timeout=None, on_start=None):
    ok = "right" in path.read_text()
    tests = [{"name": "one step", "status": "pass" if ok else "fail", "message": "" if ok else "wrong"}]
    return Verdict(exercise, str(path), "pass" if ok else "fail", tests=tests, seconds=0.01)


def write(ws, name, text):
    p = ws / "exercises" / f"{name}.py"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


async def until(pilot, cond, limit=30.0):
    end = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < end, "the screen never got there"
        await pilot.pause(0.05)


def test_exercises_that_passed_before_pop_up_nothing_and_a_new_green_pops_up_once(tmp_path):
    names = [ex.name for ex in ladder.load()]
    for n in names[:5]:
        write(tmp_path, n, "right")
    (tmp_path / ".toynn").mkdir()   # passing before: four by `toynn check`, one by a drill
    (tmp_path / ".toynn" / "checks.json").write_text(json.dumps(
        {n: {"sha256": "x", "status": "pass", "passed": 1, "total": 1} for n in names[:4]}))
    (tmp_path / ".toynn" / "history.jsonl").write_text(json.dumps(
        {"v": 1, "kind": "drill", "exercise": names[4], "green": True, "seconds": 9}) + "\n")
    write(tmp_path, names[5], "not yet")
    screen = ExercisesScreen(tmp_path, check=green_check, interval=0.1)

    async def scenario(pilot, _):
        await until(pilot, lambda: sum(r.state == "passing" for r in screen.rows.values()) == 5
                    and screen.rows[names[5]].state == "failing")
        await pilot.pause(0.2)
        assert greens(pilot.app) == []
        write(tmp_path, names[5], "right now")                    # newly green: one pop-up
        await until(pilot, lambda: screen.rows[names[5]].state == "passing")
        assert greens(pilot.app) == [f"{ladder.get(names[5]).title}: all checks pass."]
        pilot.app.clear_notifications()
        write(tmp_path, names[5], "broken")
        await until(pilot, lambda: screen.rows[names[5]].state == "failing")
        write(tmp_path, names[5], "right again")                  # green before, this session
        await until(pilot, lambda: screen.rows[names[5]].state == "passing")
        await pilot.pause(0.1)
        assert greens(pilot.app) == []

    class Host(App):
        """Keeps every pop-up raised (a drawn one expires after seconds, long before a slow run ends)."""
        raised: list = []

        def on_mount(self):
            self.push_screen(screen)

        def notify(self, message, *, title="", **kw):
            self.raised.append((title, message))
            super().notify(message, title=title, **kw)

        def clear_notifications(self):
            self.raised.clear()
            super().clear_notifications()
    run(Host(), scenario, size=(100, 30))


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
def test_the_knobs_notes_are_whole_at_80_and_120_columns(size):
    async def scenario(pilot, training):
        await pilot.press("k")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, KnobsScreen)
        await pilot.press(*["down"] * ORDER.index("hidden_layers"), "left")   # no hidden layer
        await pilot.pause()
        listing = dialog.query_one("#knob-list")
        lines = listing.content.plain.splitlines()
        assert "(no effect on this data set)" in listing.content.plain
        assert "(no effect: no hidden layer)" in listing.content.plain
        assert max(cell_len(ln) for ln in lines) <= listing.content_size.width, lines
        assert listing.region.bottom <= pilot.app.size.height   # every knob on screen
    run(ToynnApp(paused=True), scenario, size=size)


def test_right_on_alpha_always_turns_it_up():
    async def scenario(pilot, training):
        await pilot.press("k")
        await pilot.pause()
        await pilot.press(*["down"] * ORDER.index("alpha"))
        seen = [1.0]   # none (=1)
        for _ in range(3):   # up to the last choice, 10
            await pilot.press("right")
            seen.append(pilot.app.screen.knobs.alpha)
        assert all(b > a for a, b in zip(seen, seen[1:])), seen
    run(ToynnApp(paused=True), scenario)


def test_the_playground_at_80x24_shows_its_whole_top_line_and_the_boundarys_legend():
    async def scenario(pilot, training):
        await pilot.pause(0.3)
        line = status(training)
        assert "playground: 3-8-8-1 spiral" in line and "…" not in line, line
        legend = "".join(seg.text for y in range(4) for seg in training.query_one(BoundaryPanel).render_line(y))
        assert "loss" in legend and "train" in legend and "test" in legend
    run(ToynnApp(knobs={"dataset": "spiral", "hidden": 8, "hidden_layers": 2}), scenario)


def test_on_the_compare_screen_q_quits_and_escape_goes_back_both_in_the_footer(tmp_path):
    mine = tmp_path / "exercise3.py"
    mine.write_text((REPO / "solutions" / "exercise3.py").read_text())

    async def go():
        app = ToynnApp(paused=True, compare=("exercise3", mine))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CompareScreen)
            footer = {(b.key, b.description) for _, b, enabled, _ in app.screen.active_bindings.values()
                      if b.show and enabled}
            assert ("escape", "back") in footer and ("q", "quit") in footer
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "TrainingScreen" and app.is_running
            app.push_screen(CompareScreen("exercise3", mine, check=lambda *a, **k: None))
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
    asyncio.run(go())


def test_compare_with_a_missing_file_says_no_such_file():
    result = CliRunner().invoke(main, ["--compare", "/nonexistent.py"])
    assert result.exit_code == 2 and "no such file: /nonexistent.py" in result.output, result.output
    assert "unknown exercise" not in result.output
