"""The panels that colour by value take Paul Tol's colour-blind-safe diverging schemes."""
import numpy as np
from rich.color import Color

from toynn_tui.widgets import palette
from toynn_tui.widgets._fmt import closeness_mark, weight_style
from toynn_tui.widgets.boundary import COLORS, level
from toynn_tui.widgets.diagram import EDGE, node_glyph, node_style

# As Tol publishes them (Notes on colour schemes, 2021; tol_colors.py), blue end first.
TOL_BURD = ["#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B"]
TOL_SUNSET = ["#364B9A", "#4A7BB7", "#6EA6CD", "#98CAE1", "#C2E4EF", "#EAECCC", "#FEDA8B", "#FDB366",
              "#F67E4B", "#DD3D2D", "#A50026"]


def hexes(colours):
    return {c.lower() for c in colours}


def name(c: Color) -> str:
    return "#%02x%02x%02x" % c.get_truecolor()


def test_the_schemes_are_tols():
    assert list(palette.BURD) == TOL_BURD and list(palette.SUNSET) == TOL_SUNSET


def test_weights_take_burd_by_sign_and_size():
    assert name(weight_style(8.0).bgcolor) == TOL_BURD[0].lower()      # big positive: deepest blue
    assert name(weight_style(-8.0).bgcolor) == TOL_BURD[-1].lower()    # big negative: deepest red
    assert name(weight_style(0.0).bgcolor) == TOL_BURD[4].lower()
    shades = {name(weight_style(w).bgcolor) for w in np.linspace(-7, 7, 57)}
    assert shades == hexes(TOL_BURD)
    # the ink is the one that reads: black on the light centre, white on the deep ends
    assert name(weight_style(0.0).color) == "#000000" and name(weight_style(8.0).color) == "#ffffff"


def test_the_boundary_takes_sunset_red_for_0_blue_for_1():
    assert {name(c) for c in COLORS} == hexes(TOL_SUNSET)
    assert name(COLORS[level(np.array([0.0]))[0]]) == TOL_SUNSET[-1].lower()
    assert name(COLORS[level(np.array([1.0]))[0]]) == TOL_SUNSET[0].lower()


def test_the_diagram_takes_burd_and_names_the_sign():
    assert {name(s.color) for s in EDGE} <= hexes(TOL_BURD)
    assert name(node_style(3.0).bgcolor) in hexes(TOL_BURD[:4])
    assert (node_glyph(3.0), node_glyph(-0.5), node_glyph(None)) == ("+", "-", "●")


def test_the_examples_mark_follows_the_colour_scale():
    assert closeness_mark(0.1) == "✓" and closeness_mark(-0.3) == "✗" and closeness_mark(float("nan")) == "✗"
