"""Snapshots of the screens around the training view: help, and the too-small notice."""
from toynn_tui.app import ToynnApp


def test_help_screen(snap_compare):
    assert snap_compare(ToynnApp(paused=True), press=["question_mark"], terminal_size=(80, 24))


def test_too_small_notice_40x12(snap_compare):
    assert snap_compare(ToynnApp(paused=True), terminal_size=(40, 12))
