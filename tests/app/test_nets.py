"""The training screen on the ladder's nets (engine.SPECS), driven by keys through Pilot.

Each test reads what the panels show (their rendered text) and compares it
with an independent `Net(spec=...)` from the engine, stepped the same way.
Runs are a few iterations long: these tests are about drawing, not training.
"""
import re

import numpy as np
import pytest
from click.testing import CliRunner

from toynn_tui import app as app_module
from toynn_tui.app import ToynnApp, main
from toynn_tui.engine import SPECS, Net, predict
from toynn_tui.report import report_lines
from tests.app import pilot
from tests.app.pilot import text, status

NUM = re.compile(r"[+-]?\d+\.\d+")
SIZE = (160, 50)  # every net's weights with 4 decimals, most rows, the whole loop


def run(app, scenario, size=SIZE):
    return pilot.run(app, scenario, size)


def tolerance(number: str) -> float:
    return 0.5 * 10 ** -len(number.split(".")[1]) + 1e-12


def code_rows(screen):
    """The code panel's rows without the gutter (0 to 2 columns: ▶ / ✓ in line mode)."""
    return [row.lstrip(" ▶✓") for row in text(screen, "#code").splitlines()]


def assert_code_is_the_loop(screen, net):
    rows = code_rows(screen)
    assert len(rows) == len(net.loop)
    for row, line in zip(rows, net.loop):
        # a line longer than the panel loses its end to a "…"
        assert row.rstrip() == line.text or (row.endswith("…") and line.text.startswith(row[:-1]))


def shown_params(screen):
    """{name: rows of printed numbers} for every parameter in the weights panel."""
    lines = text(screen, "#weights").splitlines()
    params, i = {}, 0
    while i < len(lines):
        blocks = re.findall(r"(syn\d+) (\d+)×(\d+)", lines[i])
        if blocks:
            height = max(int(r) for _, r, _ in blocks)
            for line in lines[i + 2:i + 2 + height]:
                for (name, rows, _), part in zip(blocks, line.split("│")):
                    nums = NUM.findall(part)
                    if nums:
                        params.setdefault(name, []).append(nums)
            i += 2 + height
            continue
        m = re.match(r"(b\d+|gamma\d+|beta\d+) ", lines[i])
        if m:
            params[m.group(1)] = [NUM.findall(lines[i])]
        i += 1
    return params


def assert_weights_shown(screen, net):
    shown = shown_params(screen)
    assert set(shown) == set(net.weight_names)
    for name, value in zip(net.weight_names, net.weights):
        value = np.atleast_2d(value) if value.ndim == 1 else value
        rows = shown[name]
        assert len(rows) == value.shape[0], name
        for printed, actual in zip(rows, value):
            assert len(printed) == len(actual), name  # every weight shown at this size
            for p, a in zip(printed, actual):
                assert abs(float(p) - a) <= tolerance(p), (name, p, a)


def assert_examples_shown(screen, net):
    """Inputs, hidden values, output and error of each row shown = the engine's forward pass."""
    lines = text(screen, "#examples").splitlines()
    rows = net.s.l0 if net.spec.batch_size else net.X
    n_in, hid = net.X.shape[1], getattr(net.s, f"l{net.spec.depth - 1}")
    body = [line for line in lines[1:] if not line.startswith("…")]
    assert len(body) >= min(3, len(rows))
    for i, line in enumerate(body):
        tokens = [t for t in line.split() if t != "…"]
        inputs, hidden, (out, y, err) = tokens[:n_in], tokens[n_in:-3], tokens[-3:]
        out, mark = out[:-1], out[-1]   # the output's second sign beside its colour: ✓ close to y, ✗ not
        assert mark == ("✓" if abs(float(err)) < 0.25 else "✗"), line
        assert np.allclose([float(t) for t in inputs], rows[i], atol=0.005 + 1e-12)
        for p, a in zip(hidden, hid[i]):
            assert abs(float(p) - a) <= tolerance(p)
        assert abs(float(out) - net.out[i, 0]) <= tolerance(out)
        err_a = float(getattr(net.s, net.out_name + "_error")[i, 0])
        assert abs(float(err) - err_a) <= tolerance(err)
        assert float(y) == pytest.approx(float(out) + float(err), abs=2 * tolerance(err))


def assert_deltas_shown(screen, net):
    """The output's delta, per row shown."""
    lines = text(screen, "#deltas").splitlines()
    assert lines[0].startswith(f"{net.out_name}_delta")
    delta = getattr(net.s, f"{net.out_name}_delta")
    for i, line in enumerate(l for l in lines[1:] if not l.startswith("…")):
        first = line.split()[0]                      # e.g. -1.3e-1: one decimal of mantissa
        mantissa, _, exponent = first.partition("e")
        assert abs(float(first) - delta[i, 0]) <= tolerance(mantissa) * 10 ** int(exponent or 0)


@pytest.mark.parametrize("name", ["bias", "dropout", "batchnorm"])
def test_a_ladder_net_shows_its_loop_parameters_and_the_engines_numbers(name):
    spec = SPECS[name]
    ref = Net(spec=spec, seed=1)

    async def scenario(pilot, screen):
        assert_code_is_the_loop(screen, ref)
        weights = text(screen, "#weights")
        for param in spec.param_names:
            assert re.search(rf"\b{param}\b", weights), param
        assert f"{name}: {spec.describe()}"[:40] in status(screen)
        assert_weights_shown(screen, ref)  # the starting parameters
        for k in range(1, 4):
            await pilot.press("s")
            await pilot.pause()
            ref.step()
            assert f"iteration {k}/{spec.iterations:,}" in status(screen)
            assert_weights_shown(screen, ref)
            assert_examples_shown(screen, ref)
            assert_deltas_shown(screen, ref)
        assert all(np.array_equal(a, b) for a, b in zip(screen.net.weights, ref.weights))

    run(ToynnApp(spec=name, paused=True), scenario)


def test_mini_batches_show_the_batch_and_nothing_from_the_last_one():
    spec = SPECS["minibatch"]
    ref = Net(spec=spec, seed=1)

    async def scenario(pilot, screen):
        assert "the 30 examples" in screen.query_one("#examples").border_title
        await pilot.press("s")
        await pilot.pause()
        ref.step()
        assert screen.query_one("#examples").border_title == "batch: 8 of the 30 examples"
        assert text(screen, "#examples").startswith("batch")
        assert_examples_shown(screen, ref)
        # Line mode: the next batch is drawn (order, rows, l0), and its outputs are not computed yet.
        await pilot.press("l", "l", "l")
        await pilot.pause()
        for _ in range(3):
            ref.step_line()
        body = text(screen, "#examples").splitlines()[1:]
        first = body[0].split()
        assert np.allclose([float(t) for t in first[:3]], ref.s.l0[0], atol=0.005)
        assert "·" in first  # l1, l2 and the error still belong to the previous batch
        assert all(set(row.split()[3:]) <= {"·", "…"} for row in text(screen, "#deltas").splitlines()[1:]
                   if not row.startswith("…"))

    run(ToynnApp(spec="minibatch", paused=True), scenario)


def test_t_on_a_ladder_net_goes_to_the_next_one_in_order():
    order = [name for name in SPECS if not name.startswith("article")]

    async def scenario(pilot, screen):
        await pilot.press("s", "s")
        for name in order[order.index("dropout") + 1:] + order[:2]:
            await pilot.press("t")
            await pilot.pause()
            net = SPECS[name]
            assert f"iteration 0/{net.iterations:,}" in status(screen)
            assert f"{name}: " in status(screen)
            assert screen.net.spec == net and screen.net.seed == 1
            assert_code_is_the_loop(screen, Net(spec=net))
            assert set(shown_params(screen)) == set(net.param_names)
        assert pilot.app.sub_title == "sizes net, seed 1"

    run(ToynnApp(spec="dropout", paused=True), scenario)


def test_the_smallest_window_says_what_it_leaves_out():
    """At 80x24 the biggest net does not fit: each panel shows what fits and names the rest."""
    async def scenario(pilot, screen):
        await pilot.press("s")
        await pilot.pause()
        for panel in ("#examples", "#deltas"):
            assert text(screen, panel).splitlines()[-1].startswith("… ")
        code = text(screen, "#code").splitlines()
        assert len(code) < len(screen.net.loop) and code[-1].lstrip().startswith("⋮")
        await pilot.press(*["l"] * 12)    # line mode follows the line running next
        await pilot.pause()
        code = text(screen, "#code")
        assert "▶" in code and code.lstrip().startswith("⋮")
        weights = text(screen, "#weights").splitlines()
        assert weights[-1].startswith("… not shown:")
        for region in ("#examples", "#code", "#deltas", "#weights"):
            widget = screen.query_one(region)
            assert widget.region.bottom <= screen.query_one("#main").region.bottom

    run(ToynnApp(spec="everything", paused=True), scenario, size=(80, 24))


def test_cli_net_by_name_reaches_the_app(monkeypatch):
    seen = {}
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.update(vars(self.settings)))
    result = CliRunner().invoke(main, ["--net", "batchnorm", "--paused"])
    assert result.exit_code == 0, result.output
    assert seen["spec"] == "batchnorm" and seen["layers"] == 3
    assert CliRunner().invoke(main, ["--net", "nosuchnet"]).exit_code == 2


def test_report_of_a_ladder_net_prints_every_tenth_and_the_output():
    lines = list(report_lines(Net(spec=SPECS["bias"], seed=1, iterations=50)))
    assert lines[0].startswith("bias: 2-4-1")
    errors = [line for line in lines if line.startswith("Error after")]
    assert [int(re.search(r"after (\d+)", e).group(1)) for e in errors] == list(range(5, 51, 5))
    ref = Net(spec=SPECS["bias"], seed=1)
    ref.run(50)
    assert errors[-1].endswith("%.12g" % ref.error)
    assert lines[len(errors) + 1:-1] == ["Output After Training:"]
    printed = [float(v) for v in re.findall(r"[-+]?\d\.\d+(?:e[-+]\d+)?", lines[-1])]
    assert np.allclose(printed, predict(ref.X, ref.weights, ref.spec)[:, 0], rtol=1e-7)
    assert len(printed) == len(ref.X)


def test_reset_seed_help_and_palette_on_a_ladder_net():
    async def scenario(pilot, screen):
        await pilot.press("s", "s", "n")
        await pilot.pause()
        assert screen.net.spec == SPECS["momentum"] and screen.net.seed == 2
        assert "iteration 0/" in status(screen) and "seed 2" in status(screen)
        ref = Net(spec=SPECS["momentum"], seed=2)
        assert_weights_shown(screen, ref)
        await pilot.press("s", "r")
        await pilot.pause()
        assert screen.net.spec == SPECS["momentum"] and "iteration 0/5,000" in status(screen)
        assert_weights_shown(screen, ref)
        commands = {c.title: c.help for c in pilot.app.get_system_commands(screen)}
        assert commands["Switch network"] == "Next of the ladder's nets, in order: batchnorm (t)"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "The ladder's nets" in pilot.app.screen.query_one("#help-text").content.markup

    run(ToynnApp(spec="momentum", paused=True), scenario)
