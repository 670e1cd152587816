"""The playground: knobs changed live, 2-D data sets, decision boundary, network diagram.

Driven by keys through App.run_test() and Pilot, from paused, seeded starts.
"""
import numpy as np
from click.testing import CliRunner

from toynn_tui import app as app_module
from toynn_tui.app import ToynnApp, main
from toynn_tui.engine import data, predict
from toynn_tui.widgets.boundary import COLORS, GLYPH, BoundaryPanel, level
from toynn_tui.widgets.diagram import DiagramPanel
from toynn_tui.engine.knobs import ORDER, Knobs
from toynn_tui.screens.knobs import KnobsScreen

from .pilot import run, text


async def turn(pilot, knob: str, step: int = 1) -> None:
    """Open the knobs (k), go down to `knob`, turn it `step` times, close (escape)."""
    await pilot.press("k")
    await pilot.pause()
    assert isinstance(pilot.app.screen, KnobsScreen)
    await pilot.press(*["down"] * ORDER.index(knob))
    await pilot.press(*(["right"] * step if step > 0 else ["left"] * -step))
    await pilot.press("escape")
    await pilot.pause()


def test_dropout_knob_puts_its_lines_in_the_code_panel():
    async def scenario(pilot, screen):
        assert "d1 = " not in text(screen, "#code")
        await turn(pilot, "dropout")
        code = text(screen, "#code")
        assert "d1 = (np.random.random(l1.shape) >= p)" in code and "l1d = l1 * d1" in code
        assert screen.net.spec.dropout == 0.1 and screen.net.loop[2].text.startswith("d1 = ")
        assert screen.has_class("-playground")
    run(ToynnApp(paused=True), scenario, size=(100, 40))


def test_alpha_change_continues_with_the_same_weights():
    async def scenario(pilot, screen):
        await pilot.press(*["s"] * 7)
        before = [w.copy() for w in screen.net.weights]
        await turn(pilot, "alpha", -3)                     # none (=1) -> 0.5 -> 0.3 -> 0.1
        net = screen.net
        assert net.spec.alpha == 0.1 and net.iteration == 7
        assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))
        assert "continued at iteration 7" in screen.last_change
        assert "syn1 += alpha * l1.T.dot(l2_delta)" in text(screen, "#code")
        await pilot.press("s")
        assert screen.net.iteration == 8
    run(ToynnApp(paused=True), scenario)


def test_hidden_change_restarts_with_new_shapes():
    async def scenario(pilot, screen):
        await pilot.press(*["s"] * 7)
        await turn(pilot, "hidden")                        # 4 -> 5
        net = screen.net
        assert net.iteration == 0 and net.spec.sizes == (3, 5, 1)
        assert [w.shape for w in net.weights] == [(3, 5), (5, 1)]
        assert "restarted at iteration 0" in screen.last_change
        await turn(pilot, "hidden_layers")                  # one more hidden layer
        assert screen.net.spec.sizes == (3, 5, 5, 1) and "l3 = nonlin" in text(screen, "#code")
        await pilot.press("r")                              # reset: the seed's own start on the knobs' net
        assert screen.net.iteration == 0 and screen.net.spec.sizes == (3, 5, 5, 1)
    run(ToynnApp(paused=True), scenario)


def test_bias_and_dataset_restart_and_the_data_follows():
    async def scenario(pilot, screen):
        await turn(pilot, "dataset", 2)                    # own -> article -> xor
        assert screen.net.X.shape == (100, 3) and len(screen.split.X_test) == 100
        await pilot.press("s")
        await turn(pilot, "bias")                          # bias units: no column of ones
        assert screen.net.X.shape == (100, 2) and screen.net.spec.sizes == (2, 4, 1)
        assert screen.net.iteration == 0
        await turn(pilot, "noise")                         # noise: continues, on the new points
        assert screen.knobs.noise == 0.15 and screen.net.X.shape == (100, 2)
    run(ToynnApp(paused=True), scenario)


def test_boundary_colours_are_the_nets_output_on_the_grid():
    async def scenario(pilot, screen):
        await pilot.press(*["s"] * 30)
        await pilot.pause()
        panel = screen.query_one(BoundaryPanel)
        net, plane = screen.net, panel.plane
        out = predict(plane.grid, net.weights, net.spec)[:, 0].reshape(2 * plane.rows, plane.cols)
        want = level(out)
        r, c = plane.pixel(net.X)
        points = np.zeros_like(want, dtype=bool)
        points[r, c] = True
        checked = 0
        for y in range(plane.rows):
            cells = panel.cells(y)
            assert len(cells) == plane.cols
            for x, (ch, upper, lower) in enumerate(cells):
                if points[2 * y:2 * y + 2, x].any():   # a point: its label's glyph, not a colour alone
                    labels = net.y[(r // 2 == y) & (c == x)][:, 0]
                    assert ch in {GLYPH[int(v > 0.5)] for v in labels}, (y, x, ch, labels)
                    continue
                assert ch == "▀"
                for px, colour in ((2 * y, upper), (2 * y + 1, lower)):
                    assert colour == COLORS[want[px, x]], (y, x, px)
                    checked += 1
        assert checked > plane.rows * plane.cols
        assert len(set(want.ravel())) > 3     # a boundary, not one flat colour
        assert screen.query_one(DiagramPanel).draws > 0
    run(ToynnApp(paused=True, knobs={"dataset": "gauss", "hidden": 3, "alpha": 0.1}), scenario, size=(140, 45))


def test_cli_flags_reach_the_app_and_combine_with_net(monkeypatch):
    seen = {}
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.update(vars(self.settings)))
    args = ["--net", "alpha", "--dataset", "spiral", "--hidden", "8", "--layers", "2", "--noise", "0.2",
            "--bias", "--batch-size", "16", "--clip", "0.5", "--lam", "0.001", "--dropout", "0.2",
            "--momentum", "0.9", "--batchnorm"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert seen["spec"] == "alpha" and seen["knobs"] == {
        "dataset": "spiral", "hidden": 8, "hidden_layers": 2, "noise": 0.2, "bias": True, "batch_size": 16,
        "clip": 0.5, "lam": 0.001, "dropout": 0.2, "momentum": 0.9, "batchnorm": True}
    seen.clear()
    assert CliRunner().invoke(main, ["--no-bias"]).exit_code == 0 and seen["knobs"] == {"bias": False}
    assert CliRunner().invoke(main, ["--dataset", "moons"]).exit_code == 2


def test_cli_knobs_apply_on_top_of_the_net():
    async def scenario(pilot, screen):
        spec = screen.net.spec
        assert spec.sizes == (3, 6, 1) and spec.alpha == 0.5 and spec.name == "playground"
        assert screen.net.X.shape == (100, 3) and screen.has_class("-playground")
        assert "alpha=0.5" in text(screen, "#status")
    run(ToynnApp(spec="alpha", paused=True, knobs={"dataset": "circle", "hidden": 6}), scenario)


def test_no_knobs_is_the_article_net_unchanged():
    async def scenario(pilot, screen):
        assert screen.net.spec.name == "article3" and not screen.has_class("-playground")
        assert not screen.query_one(BoundaryPanel).display
    run(ToynnApp(paused=True), scenario)


def test_datasets_are_seeded_deterministic_and_sized():
    for name in data.PLAYGROUND[1:]:
        a, b = data.make(name), data.make(name)
        assert all(np.array_equal(x, y) for x, y in zip(a, b))
        assert a.X.shape == (100, 3) and a.y.shape == (100, 1) and a.X_test.shape == (100, 3)
        assert np.all(a.X[:, 2] == 1) and set(np.unique(a.y)) <= {0.0, 1.0}
        c = data.make(name, n=40, n_test=10, noise=0.3, seed=5, ones=False)
        assert c.X.shape == (40, 2) and c.X_test.shape == (10, 2) and c.y_test.shape == (10, 1)
        assert not np.array_equal(data.make(name, seed=1).X, a.X)
        assert 0.3 < a.y.mean() < 0.7
    art = data.make("article")
    assert np.array_equal(art.X, data.X) and np.array_equal(art.y, data.Y_PART2) and len(art.X_test) == 0
    # the ladder's data sets are untouched
    X, y = data.load("circle")
    assert X.shape == (30, 3) and np.array_equal(data.load("xor")[0], data.X)


def test_knobs_model_round_trips_the_ladders_nets():
    from toynn_tui.engine import SPECS
    for spec in SPECS.values():
        X, y = data.load(spec.data)
        assert Knobs.from_spec(spec).spec(spec, X.shape[1], y.shape[1]) is spec


def test_playground_80x24_reads(snap_compare):
    app = ToynnApp(paused=True, knobs={"dataset": "spiral", "hidden": 8})
    assert snap_compare(app, press=["s"] * 20, terminal_size=(80, 24))


def test_playground_spiral_140x45(snap_compare):
    app = ToynnApp(paused=True, knobs={"dataset": "spiral", "hidden": 8, "alpha": 0.1})
    assert snap_compare(app, press=["s"] * 20, terminal_size=(140, 45))
