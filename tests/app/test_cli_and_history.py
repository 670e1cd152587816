"""The `toynn-tui` command line, and the error history behind the sparkline."""
import math

from click.testing import CliRunner

from toynn_tui import app as app_module
from toynn_tui.app import main
from toynn_tui.widgets.error_panel import ErrorHistory


def test_cli_options_reach_the_app(monkeypatch):
    seen = {}
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.update(vars(self.settings)))
    result = CliRunner().invoke(main, ["--net", "2", "--seed", "7", "--speed", "max", "--paused",
                                       "--iterations", "50"])
    assert result.exit_code == 0, result.output
    assert (seen["layers"], seen["seed"], seen["speed"], seen["paused"], seen["iterations"]) == (2, 7, None, True, 50)


def test_cli_defaults_are_the_articles_3_layer_net(monkeypatch):
    seen = {}
    monkeypatch.setattr(app_module.ToynnApp, "run", lambda self: seen.update(vars(self.settings)))
    assert CliRunner().invoke(main, []).exit_code == 0
    assert (seen["layers"], seen["seed"], seen["speed"], seen["paused"], seen["iterations"]) == (3, 1, 100, False, None)


def test_cli_bad_values_get_a_message_not_a_traceback():
    for args in (["--net", "4"], ["--speed", "fast"], ["--seed", "x"], ["--iterations", "0"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "Error" in result.output and "Traceback" not in result.output


def test_history_stays_bounded_and_still_spans_the_whole_run():
    h = ErrorHistory(size=16)
    for i in range(1, 5001):
        h.add(i, 1 / i)
    assert len(h.samples) <= 16
    assert h.samples[0][0] == 1 and h.samples[-1][0] > 5000 - 2 * h.every
    assert h.latest == (5000, 1 / 5000) and h.lowest == (5000, 1 / 5000)
    logs = h.log_values()
    assert logs[0] == 0.0 and math.isclose(logs[-1], math.log10(1 / 5000))  # the line ends at "now"
    assert len(logs) <= 17
    assert logs is not h.log_values()  # a fresh list every time (Sparkline needs that)


def test_history_keeps_the_lowest_even_when_the_error_rises_again():
    h = ErrorHistory()
    for i, e in enumerate([0.5, 0.2, 0.1, 0.3, float("nan")], start=1):
        h.add(i, e)
    assert h.lowest == (3, 0.1) and h.latest[0] == 5
    h.clear()
    assert h.samples == [] and h.latest is None and h.lowest is None
