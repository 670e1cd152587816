"""render: text the learner controls (exception messages, printing, file name) reaches the terminal escaped."""
from __future__ import annotations

import click

from toynn_tui.checker import report as rp   # not `import TestResult`: pytest would try to collect it
from toynn_tui.checker.report import Report, printable, render

EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"   # title set, clear screen, 8-bit CSI, right-to-left override


def _report(status: str = "fail") -> Report:
    tests = [
        rp.TestResult("nonlin gives the sigmoid", "pass"),
        rp.TestResult("train learns" + EVIL, "error", message="boom" + EVIL, hint="look" + EVIL,
                   where=["exercise1.py:3: raise ValueError('" + EVIL + "')"],
                   detail="expected 1\ngot " + EVIL + "\nand more"),
    ]
    return Report("exercise1", "exer" + EVIL + ".py", status, "could not load" + EVIL, tests,
                  output="printed " + EVIL + "\nsecond line\n")


def _assert_clean(lines: list[str]) -> None:
    for line in lines:
        plain = click.unstyle(line)   # our own colours are the only escapes allowed
        assert all(c.isprintable() for c in plain), repr(plain)


def test_no_control_character_of_the_learner_reaches_the_terminal():
    for status in ("fail", "error"):
        lines = render(_report(status))
        _assert_clean(lines)
        text = "\n".join(lines)
        assert "\\x1b]0;pwned\\x07" in text and "\\x1b[2J" in text and "\\x9b" in text and "\\u202e" in text
        for shown in ("boom\\x1b", "look\\x1b", "exer\\x1b", "printed \\x1b", "raise ValueError('\\x1b"):
            assert shown in text, shown
    assert "could not load\\x1b" in "\n".join(render(_report("error")))


def test_multi_line_detail_and_output_keep_their_lines():
    lines = [click.unstyle(ln) for ln in render(_report())]
    assert "      expected 1" in lines and "      and more" in lines
    assert "    | second line" in lines


def test_our_colours_are_kept():
    lines = render(_report())
    assert lines[0] != click.unstyle(lines[0])   # bold title still styled
    assert any(click.style("✗", fg="red") in ln for ln in lines)


def test_printable():
    assert printable("a\x1b[2Jb\x07\tc") == "a\\x1b[2Jb\\x07\\tc"
    assert printable("naïve ✓ 日本") == "naïve ✓ 日本"
