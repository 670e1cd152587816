"""Number formats and colour scales shared by the panels.

Every panel draws plain `rich.text.Text`, so tests can read exactly what is on
screen (`widget.content.plain`) and the frame loop stays cheap. The helpers
here pick the most precise format that fits a fixed cell width, so columns
never shift as weights grow from 0.4 to 12.
"""
from __future__ import annotations

import math

from rich.color import Color
from rich.style import Style

from toynn_tui.widgets import palette

# Diverging scale for weights (palette.py: Tol's BuRd): blue for positive, red for negative;
# the colour deepens with |w| (|w| = SATURATE and beyond is full strength). The number
# printed in the cell carries its sign, so the colour is never the only sign.
SATURATE = palette.SATURATE

_style_cache: dict[tuple, Style] = {}


def fixed(v: float, width: int, decimals: int) -> str:
    """`v` right-aligned in exactly `width` chars, with at most `decimals` decimals.

    Falls back to fewer decimals, then to a compact exponent, when the number
    is too big for the cell; NaN and infinities are spelled out.
    """
    if not math.isfinite(v):
        return ("nan" if math.isnan(v) else ("+inf" if v > 0 else "-inf")).rjust(width)[:width]
    for d in range(decimals, -1, -1):
        s = f"{v:+.{d}f}"
        if len(s) <= width:
            return s.rjust(width)
    return sci(v, width)


def sci(v: float, width: int = 7) -> str:
    """A compact exponent form, e.g. `+1.2e-4`, for values that can be tiny (the deltas).

    Uses as many mantissa digits as fit in `width` (7 gives one decimal).
    """
    if not math.isfinite(v):
        return fixed(v, width, 0)
    if v == 0:
        return "0".rjust(width)
    for digits in range(max(width - 6, 0), -1, -1):
        mant, exp = f"{v:+.{digits}e}".split("e")
        s = f"{mant}e{int(exp)}"
        if len(s) <= width:
            return s.rjust(width)
    return "#" * width


def _blend(a: tuple, b: tuple, t: float) -> Color:
    return Color.from_rgb(*(round(x + (y - x) * t) for x, y in zip(a, b)))


def weight_style(w: float) -> Style:
    """Background colour of a weight cell: hue = sign, depth = size (Tol's BuRd, palette.py);
    the text black or white, whichever reads on it."""
    key = ("w", palette.signed_index(w))
    style = _style_cache.get(key)
    if style is None:
        bg = palette.signed(w)
        style = Style(color=Color.parse(palette.ink(bg)), bgcolor=Color.parse(bg), bold=key[1] is None)
        _style_cache[key] = style
    return style


def closeness_style(err: float) -> Style:
    """Text colour for an output and its error: green when close to the target, red when far."""
    if not math.isfinite(err):
        return Style(color="magenta", bold=True)
    t = min(abs(err) * 2, 1.0)  # |error| of 0.5 (a coin toss) is already fully red
    key = ("c", round(t * 20))
    style = _style_cache.get(key)
    if style is None:
        style = Style(color=_blend((80, 220, 110), (240, 80, 70), key[1] / 20), bold=key[1] <= 2)
        _style_cache[key] = style
    return style


# The second sign beside closeness_style's colour: ✓ on its green side (|error| under a
# quarter), ✗ on its red side (and for NaN): a reader who cannot tell the colours still can.
CLOSE = 0.25


def closeness_mark(err: float) -> str:
    """"✓" when an output is within CLOSE of its target, "✗" otherwise."""
    return "✓" if math.isfinite(err) and abs(err) < CLOSE else "✗"


def activation_style(a: float) -> Style:
    """A hidden unit's value (0..1) as brightness: dim when off, bright when on."""
    if not math.isfinite(a):
        return Style(color="magenta", bold=True)
    key = ("a", round(min(max(a, 0.0), 1.0) * 10))
    style = _style_cache.get(key)
    if style is None:
        style = Style(color=_blend((110, 110, 120), (250, 240, 170), key[1] / 10))
        _style_cache[key] = style
    return style


# Style of a heading (and values) that the line just run wrote.
MARK = Style(color="black", bgcolor="yellow", bold=True)
HEAD = Style(color="bright_black", bold=True)
