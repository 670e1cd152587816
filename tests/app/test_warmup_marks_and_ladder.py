"""The warm-up, line mode, the code marks and the ladder, in the real app through Pilot, read from the screen.

- the warm-up: a run starts slowly so the error's fall is seen, then runs at
  the chosen speed; `+` ends it, `-` still lowers the speed;
- line mode: the top line and the error panel name the same iteration;
- the code panel's ▶/✓ marks are characters at 80 columns, not colour only;
- the exercises screen: `c` on an untouched stub says why nothing ran, and
  whole titles fit at 120 columns;
- the app finds the workspace from inside `exercises/`.

Frames are driven by calling the screen's `_tick` by hand while it is marked
playing, with no `await` in between, so the 30 Hz timer cannot add frames of
its own and the counts are exact.
"""
import re

from click.testing import CliRunner
from textual.widgets import OptionList

from toynn_tui import app as app_module
from toynn_tui.app import ToynnApp
from toynn_tui.cli import main as toynn
from toynn_tui.screens.exercises import ExercisesScreen
from tests.app.pilot import run, status


def frames(screen, n):
    """Run n frames at once (see the module's docstring)."""
    screen.playing = True
    for _ in range(n):
        screen._tick()
    screen.playing = False


def drawn(widget):
    """The widget's lines as drawn on screen (its strips), not the text it was given."""
    return ["".join(seg.text for seg in widget.render_line(y)) for y in range(widget.size.height)]


# -- item 11: the warm-up ---------------------------------------------------------
def test_the_warm_up_makes_the_fall_take_seconds_then_runs_at_the_chosen_speed():
    async def scenario(pilot, screen):
        assert screen.speed == 100                      # the default speed
        errors = []                                     # (frame, error) as the run goes
        screen.playing = True
        for frame in range(1, 31):
            screen._tick()
            errors.append((frame, screen.net.error))
        assert "warm-up 1→100/frame" in status(screen)  # said while it holds the speed back
        screen.playing = False
        # One second of frames (30) ran 30 iterations, not 3,000: the error has not fallen yet.
        assert screen.net.iteration == 30 and errors[-1][1] > 0.45
        frame = 30
        while screen.net.iteration < 3000:
            frames(screen, 1)
            frame += 1
            errors.append((frame, screen.net.error))
        fell_from = next(f for f, e in errors if e < 0.45)
        fell_to = next(f for f, e in errors if e < 0.1)
        assert fell_to - fell_from >= 60                # the fall takes two seconds or more (30 frames a second)
        assert frame <= 300                             # and full speed comes within ten seconds
        # From here on, every frame runs the chosen 100 iterations: the later run is not slowed.
        for _ in range(3):
            n = screen.net.iteration
            frames(screen, 1)
            assert screen.net.iteration - n == 100
        screen.playing = True
        screen._show_status()
        assert "100/frame" in status(screen) and "warm-up" not in status(screen)

    run(ToynnApp(paused=True), scenario)


def test_plus_ends_the_warm_up_and_minus_still_lowers_the_speed():
    async def scenario(pilot, screen):
        frames(screen, 5)
        screen.playing = True
        await pilot.press("minus")                       # 10 a frame: the warm-up now climbs to 10
        # the app's own frame timer may already have taken a warm-up step or two
        assert re.search(r"warm-up \d→10/frame", status(screen))
        screen.playing = False
        while screen.net.iteration < 400:
            n = screen.net.iteration
            frames(screen, 1)
            assert screen.net.iteration - n <= 10        # never past the speed the user chose
        assert screen.net.iteration - n == 10
        await pilot.press("r")                           # a new run warms up again
        screen.playing = True
        screen._show_status()
        assert re.search(r"warm-up \d→10/frame", status(screen))
        await pilot.press("plus")                        # while it shows, + ends it: the speed applies now
        assert "warm-up" not in status(screen) and "10/frame" in status(screen)
        screen.playing = False
        n = screen.net.iteration
        frames(screen, 1)
        assert screen.net.iteration - n == 10
        await pilot.press("plus")                        # and then + goes up the speeds as ever
        n = screen.net.iteration
        frames(screen, 1)
        assert screen.net.iteration - n == 100 and "100/frame" in status(screen)

    run(ToynnApp(paused=True), scenario)


def test_max_has_no_warm_up():
    async def scenario(pilot, screen):
        await pilot.pause(0.3)
        assert screen.net.iteration > 1000 and "warm-up" not in status(screen)

    run(ToynnApp(speed=None), scenario)


# -- item 10: line mode ---------------------------------------------------------------
def test_line_mode_top_line_and_error_panel_name_the_same_iteration():
    async def scenario(pilot, screen):
        await pilot.press("s", "s")
        loop = screen.net.loop
        error_line = next(i for i, ln in enumerate(loop) if "l2_error" in ln.writes)
        seen = []
        for _ in range(2 * len(loop)):                   # two whole iterations, line by line
            await pilot.press("l")
            top = int(re.search(r"iteration ([\d,]+)/", status(screen))[1].replace(",", ""))
            now = re.search(r"now .* at iteration ([\d,]+)", screen.query_one("#error-labels").content.plain)
            # the error of this iteration exists once its error line ran; before, the last one's
            measured = screen.net.line == 0 or screen.net.line > error_line
            seen.append((top, int(now[1]), measured))
        # The top line counts the iteration in progress: never behind the error panel's
        # ("iteration 1" above "at iteration 2" was the bug), equal once the error is measured.
        assert all(err == (top if measured else top - 1) for top, err, measured in seen), seen
        assert [top for top, _, _ in seen] == [3] * 9 + [4] * 9

    run(ToynnApp(paused=True), scenario)


def test_line_marks_stay_characters_at_80_columns():
    async def scenario(pilot, screen):
        code = screen.query_one("#code")
        assert code.content_size.width == 44             # the 80-column layout: no room for a 2-column gutter
        await pilot.press("l", "l", "l", "l", "l")       # l2_delta just ran, l1_error runs next
        await pilot.pause()
        lines = drawn(code)
        assert any(ln.startswith("✓l2_delta = ") for ln in lines), lines
        assert any(ln.startswith("▶l1_error = ") for ln in lines), lines
        assert all(len(ln.rstrip()) <= 44 for ln in lines)
        assert sum("…" in ln for ln in lines) == 2       # only the two longest lines are cut
        await pilot.press("space")                       # play: line mode ends, the code is whole again
        await pilot.pause()
        assert any(ln.startswith("l2_delta = l2_error * nonlin(l2, deriv=True)") for ln in drawn(code))

    run(ToynnApp(paused=True), scenario)


# -- item 10: the exercises screen ----------------------------------------------------
def initialised(tmp_path):
    assert CliRunner().invoke(toynn, ["init", str(tmp_path / "ws")]).exit_code == 0
    return tmp_path / "ws"


def messages(app):
    return [n.message for n in app._notifications]


def test_c_on_an_untouched_stub_or_a_missing_file_says_why_nothing_ran(tmp_path):
    ws = initialised(tmp_path)
    (ws / "exercises" / "exercise2.py").unlink()

    async def scenario(pilot, screen):
        await pilot.press("e")
        await pilot.pause(0.2)
        assert isinstance(pilot.app.screen, ExercisesScreen)
        await pilot.press("c")
        await pilot.pause()
        assert "Not started yet: edit exercises/exercise1.py first, then save." in messages(pilot.app)
        await pilot.press("down", "c")
        await pilot.pause()
        assert any(m.startswith("No file yet: exercises/exercise2.py.") for m in messages(pilot.app))

    run(ToynnApp(paused=True, workspace=ws), scenario, size=(100, 30))


def test_whole_titles_fit_in_the_ladder_at_120_columns(tmp_path):
    ws = initialised(tmp_path)

    async def scenario(pilot, screen):
        await pilot.press("e")
        await pilot.pause(0.2)
        ex = pilot.app.screen
        ladder = ex.query_one("#ladder", OptionList)
        shown = "\n".join(drawn(ladder))
        for row in ex.rows.values():
            assert f"{row.ex.order}. {row.ex.title}" in shown, shown
        assert "…" not in shown
        assert ex.query_one("#ex-detail").size.width >= 70   # the arrays still fit beside it
        await pilot.resize_terminal(100, 30)                 # no room to spare: the ladder of before
        await pilot.pause()
        assert ladder.outer_size.width == 30

    run(ToynnApp(paused=True, workspace=ws), scenario, size=(120, 30))


# -- item 8: the app finds the workspace too ---------------------------------------------
def test_the_app_finds_the_workspace_from_inside_exercises(tmp_path, monkeypatch):
    ws = initialised(tmp_path)
    monkeypatch.chdir(ws / "exercises")
    assert ToynnApp().workspace == ws.resolve()
    seen = []
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.append(self.workspace))
    assert CliRunner().invoke(app_module.main, []).exit_code == 0
    assert seen == [ws.resolve()]
