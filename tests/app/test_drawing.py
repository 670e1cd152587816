"""The cheap drawing paths of the training screen against what they replace.

`LogSparkline` must draw the bars Textual's own Sparkline draws (the reference
here is Textual's renderable itself), the pacer must give the engine what a
frame leaves after drawing, within its bounds, and strips kept between frames
must not outlive a change of theme.
"""
import asyncio
import random

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.renderables.sparkline import Sparkline as StockBars

from toynn_tui.app import ToynnApp
from toynn_tui.screens import pacing
from toynn_tui.widgets.error_panel import LogSparkline


def stock_rows(data, width, height):
    bars = StockBars(data, width=width, height=height,
                     min_color=Color.from_rgb(0, 255, 0), max_color=Color.from_rgb(255, 0, 0))
    rows = ["".join(s.text for s in line) for line in Segment.split_lines(bars.__rich_console__(None, None))]
    return bars, [row.ljust(width) for row in rows]


@pytest.mark.parametrize("seed", range(5))
def test_log_sparkline_draws_the_stock_bars(seed):
    rng = random.Random(seed)
    for _ in range(200):
        width, height = rng.randint(1, 60), rng.randint(1, 12)
        data = [rng.uniform(-4, 0) for _ in range(rng.choice([0, 1, 2, rng.randint(3, 300)]))]
        bars, expected = stock_rows(data, width, height)
        got = ["".join(s.text for s in strip) for strip in LogSparkline._build(data, width, height, bars, Style())]
        assert got == expected, (data, width, height)


def test_log_sparkline_colours_run_from_low_to_high():
    data = [0.0, 1.0, 2.0, 3.0]
    bars, _ = stock_rows(data, 4, 1)
    (strip,) = LogSparkline._build(data, 4, 1, bars, Style())
    colours = [seg.style.color.triplet for seg in strip]
    assert colours[0] == (0, 255, 0) and colours[-1] == (255, 0, 0)  # the two CSS ends
    assert [c.red for c in colours] == sorted(c.red for c in colours)


def frames(pacer, drawing, n=30, t=0.0):
    """Run n frames whose drawing takes `drawing` seconds; the computing uses the whole budget."""
    for _ in range(n):
        t = pacer.start(t)  # compute until the deadline
        pacer.computed(t)
        t += drawing
    return t


def test_pacer_gives_the_engine_what_drawing_leaves():
    pacer = pacing.Pacer()
    t = frames(pacer, 0.020)
    assert pacer.budget() == pytest.approx(pacing.FRAME - 0.020, abs=1e-3)
    frames(pacer, 0.010, t=t)  # drawing got cheaper: the engine gets more
    assert pacer.budget() == pytest.approx(pacing.FRAME - 0.010, abs=1e-3)


def test_pacer_budget_stays_within_bounds_and_ignores_pauses():
    slow, fast = pacing.Pacer(), pacing.Pacer()
    t = frames(slow, 0.200)  # drawing slower than a whole frame
    assert slow.budget() == pacing.MIN_BUDGET
    frames(fast, 0.0)
    assert fast.budget() == pytest.approx(min(pacing.FRAME, pacing.MAX_BUDGET), abs=1e-3)
    before = slow.budget()
    slow.computed(t)
    slow.start(t + 5.0)  # a pause is not drawing time
    assert slow.budget() == before


def test_pacer_stops_before_a_chunk_that_would_overrun():
    pacer = pacing.Pacer()
    for _ in range(20):
        pacer.chunk_ran(0.005)
    assert pacer.another(0.0, 0.006) and not pacer.another(0.002, 0.006)


def test_a_new_theme_redraws_the_panels_in_its_colours_even_when_paused():
    def backgrounds(widget):
        return {seg.style.bgcolor.name for y in range(widget.size.height)
                for seg in widget.render_line(y) if seg.style and seg.style.bgcolor}

    async def go():
        app = ToynnApp(paused=True)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.press("s")
            await pilot.pause()
            panels = [app.screen.query_one(f"#{name}") for name in ("examples", "code", "error-spark")]
            dark = [backgrounds(p) for p in panels]
            app.theme = "textual-light"
            await pilot.pause()
            light_bg = panels[0].visual_style.rich_style.bgcolor.name
            for panel, before in zip(panels, dark):
                after = backgrounds(panel)
                assert light_bg in after and light_bg not in before, panel.id

    asyncio.run(go())


def test_a_frame_repaints_only_the_rows_that_moved_and_shows_what_a_full_repaint_shows():
    """Late in training a frame moves few of the diagram's edges: only their rows are repainted
    (the error's bars rescale to each new lowest error: they may all move), and the screen is
    still exactly a full repaint's."""
    async def go():
        app = ToynnApp(paused=True, knobs={"dataset": "spiral", "hidden": 8})
        async with app.run_test(size=(140, 45)) as pilot:
            screen = app.screen
            screen.net.run(20000)
            await pilot.press("s")
            await pilot.pause()
            widgets = [screen.query_one(f"#{name}") for name in ("diagram", "error-spark")]
            painted = {w.id: set() for w in widgets}
            for w in widgets:
                def spy(y, w=w, draw=w.render_line):
                    painted[w.id].add(y)
                    return draw(y)
                w.render_line = spy
            screen.net.run(1000)
            await pilot.press("s")
            await pilot.pause()
            partial = app.export_screenshot()
            diagram = widgets[0]
            assert painted["error-spark"]   # something moved, and was repainted
            assert len(painted["diagram"]) < diagram.size.height, painted["diagram"]
            for w in app.screen.query("*"):
                w.refresh()
            await pilot.pause()
            assert app.export_screenshot() == partial

    asyncio.run(go())
