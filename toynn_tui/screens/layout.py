"""The training screen's row budgets: given the terminal's size and what is shown, how many
rows each panel gets. Pure arithmetic (no Textual), so it is unit-tested on its own
(tests/app/test_layout.py); the screen applies the result to its panels.

Left column: examples, code and deltas share the rows; when they do not all fit ("packed"),
the code gets what it needs up to all but `EXAMPLES_MIN` rows for the examples and
`DELTAS_MIN` for the deltas, and any rows left go half to the examples, half to the deltas.
Right column: the weights may grow until the error panel has `ERROR_MIN` rows left.
The playground adds the decision boundary (right) and the network diagram (left); below
`WIDE` columns the left column is only the code and the diagram, the right one the boundary
and the error.
A panel's budget counts its lines, not its title row (a border's top); None: all it wants,
as for the article's nets.
"""
from __future__ import annotations

from dataclasses import dataclass

CHROME = 2          # the status line and the footer
TITLE = 1           # a panel's title row (its border's top), not one of its lines
TALL = 34           # from this height (-tall) panels keep a blank row under them
WIDE = 110          # from this width (-wide) the playground's panels stand beside the others
ERROR_MIN = 6       # the error panel under a tall weights panel: title, 3 labels, 2 of sparkline
EXAMPLES_MIN = 6    # packed: title, heading, four rows (or three and "… N more")
DELTAS_MIN = 4      # packed: title, heading, and a row
DELTAS_FLOOR = 3    # packed: never fewer, whatever the code takes
CODE_MIN = 4        # packed: the code's title and three lines at least
NARROW_CODE_MIN = 3
WEIGHTS_MIN = 3
NARROW_LEFT = 45    # columns of the left column (code, diagram) below WIDE
BOUNDARY_MIN = 3
NARROW_BOUNDARY_MAX = 13
DIAGRAM_MIN = 6


@dataclass(frozen=True)
class Shown:
    """What the screen shows, as far as rows go."""

    loop_lines: int         # lines of the net's loop (the code panel)
    example_rows: int       # training rows one update sees (the batch, or all of X)
    article: bool = True    # one of the article's two nets: its panels take what they want
    playground: bool = False  # the boundary and the diagram are shown (2-D data, a knob set)
    deepest: int = 4        # the widest layer (the diagram's tallest column of nodes)
    legend: int = 13        # columns the boundary's legend takes beside the plane


@dataclass(frozen=True)
class Budget:
    """Lines per panel (None: all it wants); the playground's heights; packed: no blank rows."""

    examples: int | None = None
    code: int | None = None
    deltas: int | None = None
    weights: int | None = None
    packed: bool = False
    boundary: int | None = None       # the boundary panel's height (its title included)
    diagram: int | None = None        # the diagram's least height (it takes what is left too)


def playground_rows(width: int, height: int, deepest: int, legend: int) -> tuple[int, int]:
    """(the diagram's least height, the boundary's height): a plane of square pixels (two a
    cell, upright) as big as the column and the error panel allow."""
    narrow = width < WIDE
    avail = height - CHROME
    right = (width - NARROW_LEFT) if narrow else (width - 1) // 2 - 2   # the right column's content
    if narrow:
        # a plane as wide as the legend leaves: at 80 columns a square one hid the legend
        rows = max(min((right - legend - 1) // 2, avail - ERROR_MIN - TITLE, NARROW_BOUNDARY_MAX), BOUNDARY_MIN)
        left = min(max(deepest, DIAGRAM_MIN), max(avail // 2, DIAGRAM_MIN)) + TITLE
    else:
        rows = max(min((right - legend - 1) // 2, avail // 2 - 1), BOUNDARY_MIN)
        left = min(max(deepest + 1, DIAGRAM_MIN), max(avail // 3, DIAGRAM_MIN)) + TITLE
    return left, rows + TITLE


def budget(width: int, height: int, shown: Shown) -> Budget:
    """The rows of every panel at `width` x `height` for what is `shown`."""
    left_used = right_used = 0        # rows the playground's panels take in each column
    boundary = diagram = None
    if shown.playground:
        diagram, boundary = playground_rows(width, height, shown.deepest, shown.legend)
        left_used, right_used = diagram, boundary
        if width < WIDE:   # only the code on the left (with the diagram), only the error on the right
            code = max(min(shown.loop_lines, height - CHROME - left_used - TITLE), NARROW_CODE_MIN)
            return Budget(code=None if code >= shown.loop_lines else code, boundary=boundary, diagram=diagram)
    if shown.article and not left_used:
        return Budget()
    avail = height - CHROME - left_used
    margins = 2 if height >= TALL else 0   # -tall: a blank row under two of the panels
    ex_need = TITLE + 1 + shown.example_rows          # title, heading, rows
    code_need = TITLE + shown.loop_lines
    de_need = TITLE + 1 + shown.example_rows
    packed = ex_need + code_need + de_need + margins > avail
    weights = max(height - CHROME - right_used - ERROR_MIN - TITLE - (0 if packed else margins // 2),
                  WEIGHTS_MIN)
    if not packed:
        return Budget(weights=weights, boundary=boundary, diagram=diagram)
    ex, de = min(ex_need, EXAMPLES_MIN), min(de_need, DELTAS_MIN)
    code = max(min(code_need, avail - ex - de), CODE_MIN)
    rest = max(avail - code - ex - de, 0)
    ex += min(ex_need - ex, (rest + 1) // 2)
    de = max(avail - code - ex, DELTAS_FLOOR)
    return Budget(ex - TITLE, code - TITLE, de - TITLE, weights, True, boundary, diagram)
