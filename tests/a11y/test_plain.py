"""`toynn-tui --plain`: keys on stdin, training told as lines, every number the engine's."""
import io
import os
import subprocess
import sys

import numpy as np

from toynn_tui.app import ToynnApp
from toynn_tui.engine import Net
from toynn_tui.plain import run
from toynn_tui.plain.keys import key_table
from toynn_tui.screens.session import Settings
from toynn_tui.screens.training import TrainingScreen


def narrate(keys: str, **settings) -> list[str]:
    out = io.StringIO()
    run(Settings(**settings), stdin=io.StringIO(keys), stdout=out)
    return out.getvalue().splitlines()


def told(net: Net, before: float | None) -> str:
    """The line the engine's own numbers make: the example furthest from its target."""
    i = int(np.argmax(np.abs(net.y - net.out)[:, 0]))
    inputs = " ".join(str(int(v)) for v in net.X[i])
    error = f"{net.error:.4f}" if before is None else f"{before:.4f} → {net.error:.4f}"
    return (f"iteration {net.iteration}: error {error}; output for [{inputs}] is {net.out[i, 0]:.3f}, "
            f"target {int(net.y[i, 0])}")


def test_steps_are_told_with_the_engines_numbers():
    lines = narrate("ss", paused=True)
    ref = Net(3, seed=1)
    ref.step()
    first = ref.error
    assert told(ref, None) in lines
    ref.step()
    assert lines[-1] == told(ref, first)
    assert lines[0].startswith("toynn, told as text: the 3-layer net, seed 1, 60000 iterations")


def test_play_tells_every_hundredth_iteration_once_then_the_end():
    lines = narrate(" ", paused=True, iterations=1000)   # a script: play runs to the end
    ref = Net(3, seed=1, iterations=1000)
    expected, before = [], None
    for _ in range(10):
        ref.run(100)
        expected.append(told(ref, before))
        before = ref.error
    body = [line for line in lines if line.startswith("iteration ")]
    assert body == expected
    assert lines[-1] == f"finished at iteration 1000: error {ref.error:.4f}. r starts again."


def test_lines_reset_seed_and_speed_are_told_once_and_q_ends():
    lines = narrate("l-+r" + "n" + "q" + "sss", paused=True, speed=1)
    ref = Net(3, seed=1)
    line = ref.loop[0]
    assert f"line 1 of {len(ref.loop)}: {line.text.strip()} (wrote {', '.join(line.writes)})" in lines
    # "-" at the slowest speed changes nothing, so nothing is told; "+" is told once
    assert [x for x in lines if x.startswith("speed")] == ["speed: 10 iterations a frame."]
    assert "the 3-layer net, seed 1: back to iteration 0, paused." in lines
    assert "the 3-layer net, seed 2: back to iteration 0, paused." in lines
    assert lines[-1] == "quit at iteration 0."                           # the s after q never ran


def test_the_keys_are_the_apps_bindings():
    table = key_table()
    for binding in (*TrainingScreen.BINDINGS, *ToynnApp.BINDINGS):
        if binding.key in ("space", "s", "l", "r", "n", "t", "k", "e", "q"):
            assert table[{"space": " "}.get(binding.key, binding.key)].action == binding.action
    assert table["+"].action == "faster" and table["-"].action == "slower"
    assert table["?"].action == "help" and table["\x11"].action == "quit"   # ctrl+q
    lines = narrate("?k", paused=True)
    assert "Keys: space play, s step, l line, +/- speed, r reset, n seed, t net, e ladder, ? help, q quit." in lines
    assert lines[-1].startswith("The knobs are not in plain mode")


def test_the_command_writes_to_a_file_and_ends_at_the_end_of_stdin(tmp_path):
    log = tmp_path / "log.txt"
    with open(log, "w") as out:
        done = subprocess.run([sys.executable, "-m", "toynn_tui.app", "--plain", "--net", "2", "--paused"],
                              input="s\ns\n", stdout=out, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "TOYNN_LANG": "en"})
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    ref = Net(2, seed=1)
    ref.run(1)
    first = ref.error
    ref.run(1)
    assert lines[-1] == told(ref, first)
    assert "\x1b" not in log.read_text()     # no escape codes in a log
