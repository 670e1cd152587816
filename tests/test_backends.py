"""The engine on the Array API: array-api-strict on its fake device "device1" gives the article's
printed numbers and the whole ladder's, from the portable text of the lines, never mixing host and
device arrays (the strict library refuses to, which is what makes these tests able to fail)."""
from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from tests.conftest import array_api_strict
from tests.test_engine import SEED_ERRORS_3, SEED_OUTPUT_2
from toynn_tui import ladder
from toynn_tui.checker import compare
from toynn_tui.cli import main
from toynn_tui.engine import SPECS, Line, Net, edit, loop
from toynn_tui.engine import backend as backends

strict = array_api_strict()
DEVICE = strict.Device("device1")
STRICT = "array-api-strict"


def test_the_article_prints_its_two_outputs_on_array_api_strict():
    two = CliRunner().invoke(main, ["train", "--net", "2", "--backend", STRICT])
    assert (two.exit_code, two.output) == (0, SEED_OUTPUT_2)
    three = CliRunner().invoke(main, ["train", "--net", "3", "--backend", STRICT])   # 60 000 updates
    assert three.exit_code == 0 and three.output.splitlines() == ["Error:" + e for e in SEED_ERRORS_3]


def _ladder_specs():
    seen = {}
    for ex in ladder.load():
        spec = ex.spec()
        if spec is not None:
            seen.setdefault(spec, ex.name)
    for name, spec in SPECS.items():
        seen.setdefault(spec, name)
    return [(name, spec) for spec, name in seen.items()]


@pytest.mark.parametrize("name, spec", _ladder_specs(), ids=[n for n, _ in _ladder_specs()])
def test_every_net_of_the_ladder_trains_on_the_device_as_on_numpy(name, spec):
    n = min(spec.iterations, 200)
    here, there = Net(spec=spec), Net(spec=spec, backend=STRICT)
    here.run(n)
    there.run(n)
    assert all(getattr(there.s, p).device == DEVICE for p in spec.param_names)   # trained where it lives
    assert compare.same(here.weights, there.weights), name
    assert there.error == pytest.approx(here.error, rel=1e-12)
    for key, value in here.values().items():   # every loop variable, brought back to the host
        got = there.values()[key]
        assert (value is None) == (got is None) and (value is None or np.allclose(value, got, rtol=1e-12)), key


def test_line_by_line_on_the_device_equals_whole_updates():
    spec = SPECS["everything"]   # shuffles, dropout masks, batch norm, momentum, clip: every draw and op
    whole, by_line = Net(spec=spec, backend=STRICT), Net(spec=spec, backend=STRICT)
    whole.run(7)
    for _ in range(7 * len(by_line.loop)):
        by_line.step_line()
    assert all(np.array_equal(a, b) for a, b in zip(whole.weights, by_line.weights))


def test_numpy_runs_the_articles_text_and_every_other_backend_the_portable_text():
    spec = SPECS["everything"]
    assert Net(spec=spec)._texts == tuple(line.text for line in loop(spec))
    assert Net(spec=spec, backend=STRICT)._texts == tuple(line.portable for line in loop(spec))
    for spec in SPECS.values():
        for line in loop(spec):
            assert "np." not in line.portable and "X[" not in line.portable, line.portable
    assert loop(SPECS["article3"])[1].text == "l1 = nonlin(np.dot(l0, syn0))"   # the code panel's words
    assert loop(SPECS["article3"])[1].portable == "l1 = nonlin(l0 @ syn0)"


def test_a_host_array_slipped_into_a_line_is_caught_by_the_fake_device():
    # the attack the device guards against: an array made without device=dev lands on the host
    lines = loop(SPECS["article3"])
    mixed = tuple(Line(l.text, l.writes, l.blank, l.note,
                       "l1 = nonlin(l0 @ xp.asarray(rng.random_sample((3, 4))))" if l.target == "l1" else l.portable)
                  for l in lines)
    net = Net(spec=SPECS["article3"], backend=STRICT, lines=mixed)
    with pytest.raises(ValueError, match="different devices"):
        net.run(1)


def test_an_edited_line_runs_on_numpy_only():
    lines = edit(loop(SPECS["article3"]), "l2_error", "l2_error = l2 - y")   # a checker's mistake
    assert Net(spec=SPECS["article3"], lines=lines).weights
    with pytest.raises(ValueError, match="NumPy only"):
        Net(spec=SPECS["article3"], lines=lines, backend=STRICT)


def test_a_snapshot_moves_a_net_between_backends_and_the_random_stream_goes_on():
    spec = SPECS["everything"]
    there = Net(spec=spec, backend=STRICT)
    there.run(13)
    here = Net(spec=spec)
    here.restore(there.snapshot())
    here.run(9)
    there.run(9)
    assert compare.same(here.weights, there.weights)
    back = Net(spec=spec, backend=STRICT)   # and back onto the device, mid-epoch
    back.restore(here.snapshot())
    back.run(5)
    here.run(5)
    assert compare.same(here.weights, back.weights)


@pytest.mark.parametrize("name", ["cupy", "torch"])
def test_a_backend_that_is_not_here_is_a_usage_error_that_says_why(name):
    try:
        backends.get(name)
    except backends.BackendMissing as exc:
        result = CliRunner().invoke(main, ["train", "--net", "2", "--backend", name])
        assert result.exit_code == 2 and str(exc) in result.output
    else:
        result = CliRunner().invoke(main, ["train", "--net", "2", "--backend", name])
        assert (result.exit_code, result.output) == (0, SEED_OUTPUT_2)
