"""A grade cannot be forged from a table of answers: the plan's other values are drawn per run, in secret.

The attack: a file with no network in it, only a dict from a call's arguments
(iterations, seed, target) to the weights the reference gives, computed offline
for the plan as a student can read it in any earlier report's test_code (the
other seed, the other target, the short runs' length, the other settings).
With a fixed plan it passed every check. Now the seeds, the target, the length
and the rates are new on every run, and the table misses.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from toynn_tui import engine, ladder
from toynn_tui.checker.rungs import SEED, configure

# the plan as a report's test_code showed it before it was drawn: what a student would tabulate
PUBLIC_OTHER_SEED, PUBLIC_SET_SEED, PUBLIC_SHORT_RUN = 7, 3, 200

TABLE_FILE = '''import numpy as np

TABLE = {table}
PREDICTED = {predicted}


def _key(y, iterations, seed):
    return (iterations, seed, np.asarray(y, dtype=float).tobytes().hex())


def train(X, y, iterations={iterations}, seed=1, **settings):
    return tuple(np.array(w) for w in TABLE[_key(y, iterations, seed)])


def predict(X, *weights):
    return np.array(PREDICTED[round(float(sum(np.sum(w) for w in weights)), 6)])
'''


def _answers(ex) -> tuple[dict, dict, int]:
    """(iterations, seed, target) -> the reference's weights, for every call of the public plan."""
    base = engine.get_spec(ex.net)
    X, y = engine.data.load(base.data)
    defaults = dict(ex.defaults)
    calls = [(y, SEED, 0, defaults), (y, SEED, 1, defaults), (y, PUBLIC_OTHER_SEED, PUBLIC_SHORT_RUN, defaults)]
    calls += [(1 - y, PUBLIC_SET_SEED + k, PUBLIC_SHORT_RUN, {**defaults, **o}) for k, o in enumerate(ex.others or (ex.other,))]
    spec = configure(base, defaults, X, y)
    calls.append((y, SEED, spec.iterations, defaults))
    table = {}
    for target, seed, n, kwargs in calls:
        net = engine.Net(spec=configure(base, kwargs, X, target).with_(iterations=n), seed=seed, X=X, y=target)
        net.run(n)
        key = (n, seed, np.asarray(target, dtype=float).tobytes().hex())
        table[key] = [np.asarray(w).tolist() for w in net.weights]
    predicted = {}
    if ex.network and "predict uses every unit (no dropout)" in ex.checks:
        start = engine.init_weights(SEED, spec=spec)
        predicted[round(float(sum(np.sum(w) for w in start)), 6)] = engine.predict(X, start, spec).tolist()
    return table, predicted, spec.iterations


@pytest.mark.parametrize("exercise", ["exercise3", "exercise10", "exercise13"])
def test_a_table_of_answers_fails(tmp_path, h, exercise):
    ex = ladder.get(exercise)
    table, predicted, iterations = _answers(ex)
    path = tmp_path / f"{exercise}.py"
    path.write_text(TABLE_FILE.format(table=repr(table), predicted=repr(predicted), iterations=iterations))
    code, data, _ = h.check_json(exercise, path, timeout=60)
    assert code == 1 and data["status"] != "pass", h.said(data)
    by_name = {t["name"]: t for t in data["tests"]}
    others = by_name["another seed, other settings and another target"]
    assert others["status"] != "pass", h.said(data)
    # the table still answers the contract's own calls (seed 1): only the drawn ones give it away
    assert by_name["starting parameters: shapes, range, seeded order"]["status"] == "pass", h.said(data)


def test_each_run_draws_other_values_and_shows_them(tmp_path, h):
    """test_code shows what this run used; the next run uses other values; the shown code makes the
    very target the check used (a learner can replay the call)."""
    shown = []
    for _ in range(2):
        code, data, _ = h.check_json("exercise3", h.REPO / "solutions" / "exercise3.py", timeout=60)
        assert code == 0, h.said(data)
        (others,) = [t["test_code"] for t in data["tests"] if t["name"].startswith("another seed")]
        shown.append(others)
    assert shown[0] != shown[1]
    for others in shown:
        target, *calls = others.splitlines()
        seed = int(re.fullmatch(r"y_other = \(np\.random\.RandomState\((\d+)\)\.random_sample\(y\.shape\) < 0\.5\)"
                                r"\.astype\(float\)", target).group(1))
        assert seed >= 10
        runs = [re.fullmatch(r"train\(X, (y|y_other), iterations=(\d+), seed=(\d+)\)", c) for c in calls]
        assert all(runs), calls
        assert {r.group(1) for r in runs} == {"y", "y_other"}
        assert all(180 <= int(r.group(2)) <= 260 and int(r.group(3)) >= 10 for r in runs)


def test_the_stored_references_are_out_of_the_files_reach(tmp_path, h):
    """The long runs kept on disk (checker.refcache) hold the answers: a file can neither read them
    nor plant its own there."""
    import json
    import os

    cache = tmp_path / "cache"
    env = dict(os.environ, TOYNN_CACHE=str(cache))
    solution = h.REPO / "solutions" / "exercise3.py"
    assert h.toynn("check", "exercise3", "--file", str(solution), cwd=tmp_path, env=env).returncode == 0
    stored = cache / "references"
    assert list(stored.glob("*.npz")), "the check stored no reference run"
    spy = tmp_path / "exercise3.py"
    spy.write_text(h.at_top(
        "import os\n"
        f"try:\n    SEEN = repr(os.listdir({str(stored)!r}))\nexcept OSError as exc:\n    SEEN = type(exc).__name__\n"
        f"try:\n    open({str(stored / 'planted.npz')!r}, 'wb').close()\n    PLANTED = 'planted'\n"
        "except OSError as exc:\n    PLANTED = type(exc).__name__\n"
        "raise RuntimeError('seen: ' + SEEN + '; ' + PLANTED)\n"))
    proc = h.toynn("check", "exercise3", "--file", str(spy), "--json", cwd=tmp_path, env=env)
    said = h.said(json.loads(proc.stdout))
    assert "seen: FileNotFoundError; FileNotFoundError" in said, said
    assert not (stored / "planted.npz").exists()
