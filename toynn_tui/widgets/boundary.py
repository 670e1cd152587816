"""The decision boundary: the net's output over the input plane, with the training points on top.

Each cell is two pixels, one above the other: "▀" with the upper pixel as its
foreground colour and the lower one as its background. A pixel's colour is the
net's output at the pixel's centre (`engine.predict` on a grid of the pixel
centres, one vectorised forward pass a frame at most): orange towards 0, blue
towards 1, grey at 0.5, in `LEVELS` steps per side so neighbouring cells share
styles. A training point is drawn as a bright pixel of its label's colour.
On the right (when there is room) a legend, and the loss (mean |y - output|)
on the training set and on the test set, as TensorFlow Playground shows them.
"""
from __future__ import annotations

import math

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from toynn_tui.engine import Net, predict
from toynn_tui.i18n import _
from toynn_tui.widgets._cells import cell_len, ljust
from toynn_tui.widgets._fmt import HEAD
from toynn_tui.widgets._panel import KeptStrips

ZERO = (232, 130, 40)     # output 0: orange (TF Playground's)
ONE = (40, 120, 200)      # output 1: blue
MID = (60, 60, 66)        # output 0.5
LEVELS = 8                # shades per side of 0.5
POINT = {0: (255, 200, 120), 1: (150, 215, 255)}   # a training point of label 0 / 1
LEGEND = 13               # columns the legend takes on the right, when there is room


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# colour index -> rgb: 0..2*LEVELS the output's shades, then the two point colours
PALETTE = [(_mix(MID, ZERO, (LEVELS - k) / LEVELS) if k < LEVELS else _mix(MID, ONE, (k - LEVELS) / LEVELS))
           for k in range(2 * LEVELS + 1)] + [POINT[0], POINT[1]]
POINT0, POINT1 = 2 * LEVELS + 1, 2 * LEVELS + 2
COLORS = [Color.from_rgb(*rgb) for rgb in PALETTE]
N = len(PALETTE)


def level(out: np.ndarray) -> np.ndarray:
    """Outputs (0..1) -> colour indices 0..2*LEVELS (NaN: the middle)."""
    out = np.nan_to_num(np.asarray(out, dtype=float), nan=0.5)
    return np.clip(np.rint(out * 2 * LEVELS), 0, 2 * LEVELS).astype(np.intp)


def colour_of(out: float) -> tuple[int, int, int]:
    """The rgb a pixel of output `out` is drawn in."""
    return PALETTE[int(level(np.array([out]))[0])]


class Plane:
    """The input plane a panel shows: a square [lo, hi]^2 around the data, `px` pixels a side."""

    def __init__(self, X: np.ndarray, cols: int, rows: int) -> None:
        pts = np.asarray(X, dtype=float)[:, :2]
        lo, hi = float(pts.min()), float(pts.max())
        pad = 0.08 * (hi - lo or 1)
        self.lo, self.hi = lo - pad, hi + pad
        self.cols, self.rows = cols, rows       # cells; pixels: cols x 2*rows
        self.ones = np.asarray(X).shape[1] == 3  # the article's X: a third column of ones
        step_x = (self.hi - self.lo) / cols
        step_y = (self.hi - self.lo) / (2 * rows)
        xs = self.lo + step_x * (np.arange(cols) + 0.5)
        ys = self.hi - step_y * (np.arange(2 * rows) + 0.5)   # top row first
        gx, gy = np.meshgrid(xs, ys)
        grid = [gx.ravel(), gy.ravel()] + ([np.ones(gx.size)] if self.ones else [])
        self.grid = np.column_stack(grid)                      # the pixel centres, row by row

    def pixel(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(pixel row, pixel column) of each point of X."""
        span = self.hi - self.lo
        c = np.floor((np.asarray(X)[:, 0] - self.lo) / span * self.cols).astype(int)
        r = np.floor((self.hi - np.asarray(X)[:, 1]) / span * 2 * self.rows).astype(int)
        return np.clip(r, 0, 2 * self.rows - 1), np.clip(c, 0, self.cols - 1)


def loss(net: Net, X: np.ndarray, y: np.ndarray) -> float | None:
    """Mean |y - output| of the net's forward pass on X (None: no points)."""
    if len(X) == 0:
        return None
    with np.errstate(all="ignore"):
        return float(np.mean(np.abs(y - predict(X, net.weights, net.spec))))


class BoundaryPanel(KeptStrips, Widget):
    """The net's output over (x1, x2), the training points, the train and test losses."""

    DEFAULT_CSS = "BoundaryPanel { width: 1fr; height: 14; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.net: Net | None = None
        self.X_test = self.y_test = None
        self.points = True              # draw the training points on top
        self.plane: Plane | None = None
        self.levels: np.ndarray | None = None   # colour index per pixel (2*rows x cols), points included
        self.losses: tuple[float | None, float | None] = (None, None)
        self._key = None
        self._strips: list[Strip] = []
        self.draws = 0                  # how many times the picture was recomputed (the bench reads it)

    def plane_size(self) -> tuple[int, int]:
        """(cols, rows) of the plane: a square of pixels, as big as fits beside the legend."""
        w, h = self.size.width, self.size.height
        room = w - LEGEND - 1 if w - LEGEND - 1 >= 2 * h else w
        side = max(min(room, 2 * h), 2)
        return side, max(side // 2, 1)

    def draw(self, net: Net, X_test: np.ndarray | None = None, y_test: np.ndarray | None = None,
             layout: bool = False) -> None:
        """Show `net` (its data X are the training points; X_test / y_test: the test set)."""
        if X_test is not None:
            self.X_test, self.y_test = X_test, y_test
        cols, rows = self.plane_size()
        if self.net is not net or self.plane is None or (self.plane.cols, self.plane.rows) != (cols, rows):
            self.plane = Plane(net.X, cols, rows)
            self._pix = self.plane.pixel(net.X)
            self._labels = (np.asarray(net.y)[:, 0] > 0.5)
        self.net = net
        key = (id(net), net.iteration, net.line, cols, rows, self.size, self.points)
        if key == self._key and not layout:
            return
        self._key = key
        self.draws += 1
        plane = self.plane
        with np.errstate(all="ignore"):
            out = predict(plane.grid, net.weights, net.spec)
        lv = level(out[:, 0]).reshape(2 * rows, cols)
        if self.points:
            r, c = self._pix
            lv[r, c] = np.where(self._labels, POINT1, POINT0)
        self.levels = lv
        test = (self.X_test, self.y_test) if self.X_test is not None else (net.X[:0], net.y[:0])
        self.losses = (loss(net, net.X, net.y), loss(net, *test))
        self._strips = self._build(lv)
        self.swap_strips(self._strips, self._strips)   # late in training most rows stay as they were
        if layout:
            self.refresh()

    # -- drawing ---------------------------------------------------------------
    def _build(self, lv: np.ndarray) -> list[Strip]:
        base = self.visual_style.rich_style
        width = self.size.width
        legend = self._legend()
        top, bottom = lv[0::2], lv[1::2]
        codes = top * N + bottom
        styles = _STYLES
        strips = []
        for y in range(codes.shape[0]):
            row = codes[y]
            cut = np.flatnonzero(np.diff(row)) + 1
            starts = np.concatenate(([0], cut))
            ends = np.concatenate((cut, [len(row)]))
            segs = [Segment("▀" * int(e - s), styles[int(row[s])]) for s, e in zip(starts, ends)]
            if y < len(legend) and width - len(row) > LEGEND:
                segs.append(Segment(" ", base))
                segs += [Segment(seg.text, base + seg.style) if seg.style else Segment(seg.text, base)
                         for seg in legend[y].render(self.app.console)]
            strips.append(Strip(segs).adjust_cell_length(width, base).crop(0, width))
        return strips

    def _legend(self) -> list[Text]:
        train, test = self.losses
        def num(v):
            return "–" if v is None else ("nan" if not math.isfinite(v) else f"{v:.3f}")
        # "train" and "test" padded to one width by cells, so their numbers line up in any language
        names = (_("train"), _("test"))
        pad = max(map(cell_len, names)) + 1
        lines = [Text(_("loss"), HEAD), Text.assemble((ljust(names[0], pad), HEAD), (num(train), "bold")),
                 Text.assemble((ljust(names[1], pad), HEAD), (num(test), "bold")), Text(""),
                 Text.assemble(("██", Style(color=COLORS[0])), " out 0"),
                 Text.assemble(("██", Style(color=COLORS[2 * LEVELS])), " out 1"),
                 Text.assemble(("●", Style(color=COLORS[POINT0])), " y=0 ",
                               ("●", Style(color=COLORS[POINT1])), " y=1"), Text(""),
                 Text("x1 →  x2 ↑", "dim")]
        if self.plane is not None:
            lines.append(Text(f"{self.plane.lo:+.1f}..{self.plane.hi:+.1f}", "dim"))
        return lines

    def render_line(self, y: int) -> Strip:
        return self.kept_line(y, self._strips, lambda: self._strips)

    def on_resize(self) -> None:
        if self.net is not None:
            self.draw(self.net, layout=True)

    def cell_colours(self, y: int) -> list[tuple[Color | None, Color | None]]:
        """(upper, lower) pixel colours of row y's plane cells as drawn (the tests read them)."""
        out = []
        for seg in self.render_line(y):
            if seg.text and set(seg.text) == {"▀"}:
                out += [(seg.style.color, seg.style.bgcolor)] * len(seg.text)
        return out


_STYLES = [Style(color=COLORS[t], bgcolor=COLORS[b]) for t in range(N) for b in range(N)]
