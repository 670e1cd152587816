"""What `toynn watch` and `toynn drill` print for a verdict: the mistake named, not only the check."""
import re
from pathlib import Path

import click

from toynn_tui.practice.render import verdict_lines
from toynn_tui.practice.runner import Verdict, run_check

WRONG = Path(__file__).resolve().parents[1] / "checker" / "wrong"


def plain(lines):
    return [click.unstyle(ln) for ln in lines]


def test_a_real_wrong_file_shows_its_mistake_and_the_learners_line():
    v = run_check("exercise3", WRONG / "exercise3__slope-missing.py")
    out = plain(verdict_lines(v))
    i = out.index("    likely mistake: slope missing from the delta")
    assert out[i - 1].startswith("✗ one update from your own starting parameters")
    # every traced line, and only those: both deltas lack the slope in this file
    assert out[i + 1:i + 3] == ["    at exercise3__slope-missing.py:26: l2_delta = l2_error — slope missing from the delta",
                                "    at exercise3__slope-missing.py:28: l1_delta = l1_error — slope missing from the delta"]
    assert out[-1] == f"{v.passed} of 6 checks pass" and v.passed < 6


def test_a_mistake_shared_by_several_checks_is_named_once_then_as_above():
    tests = [{"name": "a", "status": "fail", "message": "bad\nat f.py:3: x = 1", "diagnosis": "wrong-sign"},
             {"name": "b", "status": "fail", "message": "also bad", "diagnosis": "wrong-sign"},
             {"name": "c", "status": "pass"}]
    out = plain(verdict_lines(Verdict("exercise3", "f.py", "fail", tests=tests)))
    assert out[:5] == ["✗ a — bad", "    likely mistake: update with the wrong sign", "    at f.py:3: x = 1",
                       "✗ b — also bad", "    likely mistake: update with the wrong sign (as above)"]
    assert out[5:] == ["✓ c", "1 of 3 checks pass"]


def test_learner_text_reaches_the_terminal_without_control_characters():
    """A learner's message can hold ESC/BEL: shown as escapes, it cannot retitle or clear the terminal."""
    evil = "\x1b]0;pwned\x07"
    tests = [{"name": f"check {evil}", "status": "fail", "message": f"boom {evil}\nat f.py:3: x = '{evil}'",
              "hint": f"try {evil}", "diagnosis": f"made-up{evil}"},
             {"name": f"ok {evil}", "status": "pass"}]
    lines = verdict_lines(Verdict("exercise3", "f.py", "fail", tests=tests))
    crashed = verdict_lines(Verdict("exercise3", "f.py", "error", f"SyntaxError {evil}\x1b[2J"))
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(lines + crashed))   # our own colours only
    assert "\x1b" not in text and "\x07" not in text
    assert "✗ check \\x1b]0;pwned\\x07 — boom \\x1b]0;pwned\\x07" in text
    assert "SyntaxError \\x1b]0;pwned\\x07\\x1b[2J" in text
