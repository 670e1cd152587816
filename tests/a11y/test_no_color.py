"""NO_COLOR: the app draws no colour at all, and every panel's second sign is still on screen."""
import asyncio
import io

import numpy as np
from rich.color import ColorType
from rich.console import Console

from toynn_tui.app import ToynnApp
from toynn_tui.widgets.boundary import GLYPH, BoundaryPanel
from toynn_tui.widgets.diagram import DiagramPanel, Geometry

PLAYGROUND = {"dataset": "gauss", "hidden": 3, "bias": True}


def screen_segments(app):
    """The screen as the terminal gets it: the compositor's update, through Textual's filters."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system="truecolor")
    update = app.screen._compositor.render_update(full=True)
    return list(console.render(update)), console


def coloured(segments):
    return [s for s in segments if s.style and any(
        c is not None and c.type != ColorType.DEFAULT for c in (s.style.color, s.style.bgcolor))]


def run_playground(steps=20):
    async def go():
        app = ToynnApp(paused=True, knobs=PLAYGROUND)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(*["s"] * steps)
            await pilot.pause()
            segments, console = screen_segments(app)
            console.print(app.screen._compositor.render_update(full=True))
            screen = app.screen
            diagram = screen.query_one(DiagramPanel)
            nodes = [seg.text for y in range(diagram.size.height) for seg in diagram.render_line(y)]
            return (app, segments, console.export_text(), screen.query_one("#examples").content.plain,
                    screen.query_one("#weights").content.plain, screen.query_one(BoundaryPanel),
                    nodes, screen.net)
    return asyncio.run(go())


def test_with_colour_the_screen_is_coloured(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app, segments, *_ = run_playground(steps=2)
    assert len(coloured(segments)) > 50          # so the next test's check can fail
    assert app.theme == "textual-dark"


def test_no_color_takes_every_colour_away_and_keeps_the_second_signs(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app, segments, text, examples, weights, boundary, diagram_segments, net = run_playground()
    assert app.theme == "ansi-dark" and coloured(segments) == []
    # examples: each output's ✓/✗ beside its colour
    rows = [line for line in examples.splitlines()[1:] if not line.startswith("…")]
    errors = np.abs(net.y - net.out)[:len(rows), 0]
    assert [row.split()[-3][-1] for row in rows] == ["✓" if e < 0.25 else "✗" for e in errors]
    # weights: every number carries its sign
    cells = [t for line in weights.splitlines() for t in line.replace("│", " ").split()
             if t[0] in "+-" and t[1:2].isdigit()]
    assert len(cells) >= net.s.syn0.size + net.s.syn1.size
    # the boundary: the training points by their label's glyph; the plane as a texture
    labels = set(net.y[:, 0] > 0.5)
    assert {GLYPH[int(v)] for v in labels} <= set(text)
    assert set("·▒") & set(text)
    assert "○ y=0 ● y=1" in text and "out 0" in text and "out 1" in text
    # the diagram: nodes show their bias's sign (the net has bias units)
    signs = [t for t in diagram_segments if t in ("+", "-")]
    assert len(signs) == 3 + 1                  # h1..h3 and l2 (the inputs have no bias)
    biases = np.concatenate([np.ravel(net.s.b0), np.ravel(net.s.b1)])
    assert sorted(signs) == sorted("+" if b > 0 else "-" for b in biases)


def test_a_negative_weights_edge_is_dotted_a_positive_ones_solid():
    geo = Geometry((3, 4, 1), [["x1", "x2", "1"], ["h1", "h2", "h3", "h4"], ["l2"]], 40, 8)
    n = len(geo.edges)
    solid, dotted = geo.cell_chars(np.ones(n)), geo.cell_chars(-np.ones(n))
    bits = lambda ch: ord(ch) - 0x2800   # noqa: E731
    assert all(bits(d) & ~bits(s) == 0 for s, d in zip(solid, dotted))   # a subset of the dots
    assert sum(bin(bits(d)).count("1") for d in dotted) < 0.6 * sum(bin(bits(s)).count("1") for s in solid)


def test_theme_ansi_is_textuals_ansi_theme(monkeypatch):
    from click.testing import CliRunner

    from toynn_tui import app as app_module
    monkeypatch.delenv("NO_COLOR", raising=False)
    seen = {}
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.update(theme=self.theme))
    result = CliRunner().invoke(app_module.main, ["--theme", "ansi"])
    assert result.exit_code == 0, result.output
    assert seen["theme"] == "ansi-dark"
    assert CliRunner().invoke(app_module.main, ["--theme", "nope"]).exit_code == 2
