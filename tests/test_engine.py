"""The engine against the article's printed numbers and an independent plain loop."""
import numpy as np
import pytest
from click.testing import CliRunner

from toynn_tui.cli import main
from toynn_tui.engine import (X, Y_PART1, Y_PART2, Net, init_weights, nonlin, predict,
                              step_from, train)

# Copied from the article's printed output.
SEED_OUTPUT_2 = """Output After Training:
[[ 0.00966449]
 [ 0.00786506]
 [ 0.99358898]
 [ 0.99211957]]
"""
SEED_ERRORS_3 = ["0.496410031903", "0.00858452565325", "0.00578945986251",
                 "0.00462917677677", "0.00395876528027", "0.00351012256786"]


def plain_loop_3(X, y, seed, iterations):
    """The 3-layer loop written out by hand with the global RNG, independent of the engine."""
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for j in range(iterations):
        l1 = 1 / (1 + np.exp(-np.dot(X, syn0)))
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        errors.append(np.mean(np.abs(y - l2)))
        l2_delta = (y - l2) * (l2 * (1 - l2))
        l1_delta = l2_delta.dot(syn1.T) * (l1 * (1 - l1))
        syn1 += l1.T.dot(l2_delta)
        syn0 += X.T.dot(l1_delta)
    return syn0, syn1, errors


def test_train_net2_prints_the_articles_output():
    result = CliRunner().invoke(main, ["train", "--net", "2"])
    assert result.exit_code == 0
    assert result.output == SEED_OUTPUT_2


def test_train_net3_prints_the_articles_six_error_lines():
    result = CliRunner().invoke(main, ["train", "--net", "3"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["Error:" + e for e in SEED_ERRORS_3]


def test_train_options_seed_and_iterations():
    result = CliRunner().invoke(main, ["train", "--net", "3", "--seed", "2", "--iterations", "20001"])
    _, _, errors = plain_loop_3(X, Y_PART2, 2, 20001)
    assert result.output.splitlines() == ["Error:%.12g" % errors[j] for j in (0, 10000, 20000)]


def test_nonlin_and_its_slope():
    x = np.array([-2.0, 0.0, 3.0])
    s = nonlin(x)
    assert np.allclose(s, [0.11920292, 0.5, 0.95257413])
    assert np.allclose(nonlin(s, deriv=True), s * (1 - s))
    assert nonlin(np.array([0.5]), True)[0] == 0.25


def test_init_weights_match_the_global_rng_and_leave_it_alone():
    np.random.seed(7)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    w0, w1 = init_weights(7, layers=3)
    assert np.array_equal(w0, syn0) and np.array_equal(w1, syn1)
    assert np.array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("seed", [1, 5, 42])
def test_net3_equals_the_plain_loop_bit_for_bit(seed):
    syn0, syn1, errors = plain_loop_3(X, Y_PART2, seed, 3000)
    net = Net(3, seed=seed)
    seen = []
    for _ in range(3000):
        net.step()
        seen.append(net.error)
    assert np.array_equal(net.weights[0], syn0) and np.array_equal(net.weights[1], syn1)
    assert seen == errors


@pytest.mark.parametrize("layers", [2, 3])
def test_line_by_line_equals_whole_runs_bit_for_bit(layers):
    # run(n) takes the loop compiled from the line texts; step_line() the line table
    whole, by_line = Net(layers, seed=3), Net(layers, seed=3)
    whole.run(50)
    ran = [by_line.step_line().text for _ in range(50 * len(by_line.loop))]
    assert ran[:2] == ["l0 = X", "l1 = nonlin(np.dot(l0, syn0))"]
    assert by_line.iteration == 50 and by_line.line == 0
    for a, b in zip(whole.weights, by_line.weights):
        assert np.array_equal(a, b)
    for name, value in whole.values().items():   # every loop variable, not only the weights
        assert np.array_equal(value, by_line.values()[name]), name


def test_run_finishes_a_partial_iteration_first():
    net = Net(3)
    net.step_line()
    net.step_line()
    net.run(2)
    assert (net.iteration, net.line) == (2, 0)
    ref = Net(3)
    ref.run(2)
    assert np.array_equal(net.weights[0], ref.weights[0])


def test_values_track_what_each_line_writes():
    net = Net(2)
    assert net.values()["l1"] is None and net.out is None and net.error is None
    for line in net.loop:
        before = net.values()
        net.step_line()
        after = net.values()
        changed = {k for k in after if after[k] is not None and
                   (before[k] is None or not np.array_equal(before[k], after[k]))}
        assert changed == set(line.writes)


def test_reset_restores_the_starting_weights_and_new_seed_changes_them():
    net = Net(3, seed=1)
    start = [w.copy() for w in net.weights]
    net.run(100)
    net.reset()
    assert net.iteration == 0 and all(np.array_equal(a, b) for a, b in zip(start, net.weights))
    net.reset(seed=2)
    assert not np.array_equal(start[0], net.weights[0])


def test_train_step_from_and_predict_agree():
    w = train(X, Y_PART1, layers=2, iterations=10000)
    assert np.allclose(predict(X, w), [[0.00966], [0.00786], [0.99358], [0.99211]], atol=1e-4)
    start = init_weights(1, 3)
    copy = [a.copy() for a in start]
    assert all(np.array_equal(a, b) for a, b in zip(step_from(X, Y_PART2, start), train(X, Y_PART2, 3, 1)))
    assert all(np.array_equal(a, b) for a, b in zip(start, copy))  # inputs untouched


def test_alpha_scales_the_update_and_huge_alpha_is_reported_not_fatal():
    half = Net(2, alpha=0.5)
    full = Net(2)
    start = half.weights[0].copy()
    half.step()
    full.step()
    assert np.allclose(half.weights[0] - start, 0.5 * (full.weights[0] - start))
    tame = Net(3, alpha=1e308)  # sigmoids saturate: huge but finite
    tame.run(5)
    assert tame.finite
    wild = Net(3, weights=[np.full((3, 4), np.inf), np.ones((4, 1))])
    wild.run(3)  # no exception, no warning spam: the app reads `finite` and pauses
    assert not wild.finite


def test_is_article_names_the_articles_two_nets_and_no_other():
    from toynn_tui.engine import SPECS, article, is_article
    assert [name for name in SPECS if is_article(name)] == ["article2", "article3"]
    assert is_article(article(2)) and is_article(article(3).with_(alpha=0.5))   # knobs on it keep it
    assert not is_article(SPECS["alpha"]) and not is_article("everything")
