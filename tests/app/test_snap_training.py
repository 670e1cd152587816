"""Snapshots of the training screen in paused, seeded states (pytest-textual-snapshot).

Every state is reached with keys from a paused start and a fixed seed, so the
pictures are the same on every run. Update with `--snapshot-update`, then look
at the SVGs before committing them.
"""
from toynn_tui.app import ToynnApp


def test_start_80x24(snap_compare):
    assert snap_compare(ToynnApp(paused=True), terminal_size=(80, 24))


def test_after_steps_80x24(snap_compare):
    assert snap_compare(ToynnApp(paused=True), press=["s"] * 25, terminal_size=(80, 24))


def test_line_mode_marks_80x24(snap_compare):
    # Two whole iterations, then five lines: l2_delta was just written, l1_error runs next.
    assert snap_compare(ToynnApp(paused=True), press=["s", "s", "l", "l", "l", "l", "l"],
                        terminal_size=(80, 24))


def test_larger_terminal_uses_the_room(snap_compare):
    assert snap_compare(ToynnApp(paused=True, seed=3), press=["s"] * 40 + ["l"] * 6, terminal_size=(130, 40))


def test_two_layer_net_80x24(snap_compare):
    assert snap_compare(ToynnApp(layers=2, paused=True), press=["s"] * 10, terminal_size=(80, 24))


def test_finished_80x24(snap_compare):
    assert snap_compare(ToynnApp(paused=True, iterations=3), press=["s", "s", "s"], terminal_size=(80, 24))
