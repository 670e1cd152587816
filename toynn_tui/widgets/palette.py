"""The colours every panel that colours by value takes: Paul Tol's colour-blind-safe schemes.

Two of Tol's diverging schemes (https://personal.sron.nl/~pault/, "Colour schemes", 2021),
their published colours used as they are (not blended), so that the scale stays readable for
the common forms of colour blindness and in greyscale:
- BuRd (9 colours) for signed values: the weights' heatmap and the diagram's edges and nodes,
  blue for positive, red for negative, the light centre at 0;
- sunset (11 colours) for the decision boundary: blue towards output 1, red towards output 0.
Colour is never the only sign: each panel puts a glyph, a sign or a word beside it (the
weights' signed numbers, the examples' ✓/✗, the boundary's ○/● points and, without colour,
its texture, the diagram's solid and dotted edges, "+"/"-" nodes).
"""
from __future__ import annotations

import math

# Tol's BuRd, blue end first; its "bad data" colour is #FFEE99.
BURD = ("#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B")
BURD_BAD = "#FFEE99"
# Tol's sunset, blue end first; its "bad data" colour is #FFFFFF.
SUNSET = ("#364B9A", "#4A7BB7", "#6EA6CD", "#98CAE1", "#C2E4EF", "#EAECCC", "#FEDA8B", "#FDB366",
          "#F67E4B", "#DD3D2D", "#A50026")
SUNSET_BAD = "#FFFFFF"

SIDE = len(BURD) // 2        # BuRd steps on each side of its centre (4)
SATURATE = 6.0               # |w| from which a weight takes the deepest colour


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#2166AC' -> (33, 102, 172)."""
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def signed_index(v: float, saturate: float = SATURATE) -> int | None:
    """The BuRd colour of a signed value: the centre for 0, deeper blue (positive) or red
    (negative) as |v| grows to `saturate`; None for NaN or infinity."""
    if not math.isfinite(v):
        return None
    step = math.ceil(min(abs(v) / saturate, 1.0) * SIDE - 1e-9) if v else 0
    return SIDE - step if v > 0 else SIDE + step


def signed(v: float, saturate: float = SATURATE) -> str:
    """The BuRd colour (hex) of a signed value (its bad-data colour for NaN or infinity)."""
    k = signed_index(v, saturate)
    return BURD_BAD if k is None else BURD[k]


def output_index(out: float) -> int:
    """The sunset colour of a sigmoid output (0..1): 0 -> the red end, 1 -> the blue end; NaN: the centre."""
    if not math.isfinite(out):
        return len(SUNSET) // 2
    return len(SUNSET) - 1 - int(round(min(max(out, 0.0), 1.0) * (len(SUNSET) - 1)))


def ink(hex_colour: str) -> str:
    """Black or white, whichever reads better on `hex_colour` (by its relative luminance)."""
    r, g, b = (c / 255 for c in rgb(hex_colour))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if lum > 0.18 else "#FFFFFF"


def no_colour(widget) -> bool:
    """Is the app running without colour (NO_COLOR)? Then panels draw their second signs only."""
    try:
        return bool(widget.app.no_color)
    except Exception:   # not mounted in an app (a unit test of a panel): colours as usual
        return False
