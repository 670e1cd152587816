"""The decision boundary: the net's output over the input plane, with the training points on top.

Each cell is two pixels, one above the other: "▀" with the upper pixel as its
foreground colour and the lower one as its background. A pixel's colour is the
net's output at the pixel's centre (`engine.predict` on a grid of the pixel
centres, one vectorised forward pass a frame at most), in Tol's sunset scheme
(palette.py): red towards 0, blue towards 1, pale at 0.5, in `LEVELS` steps per
side so neighbouring cells share styles. A training point is a glyph, ○ for
label 0 and ● for label 1, on the colour of the output at its place: its class is
told by its shape, not by a colour. Without colour (NO_COLOR) the plane is a
texture instead: · towards 0, ▒ towards 1, blank near 0.5.
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
from toynn_tui.widgets import palette
from toynn_tui.cells import cell_len, ljust
from toynn_tui.widgets._fmt import HEAD
from toynn_tui.widgets._panel import KeptStrips

LEVELS = len(palette.SUNSET) // 2   # shades per side of 0.5 (5)
GLYPH = {0: "○", 1: "●"}            # a training point of label 0 / 1
# Without colour: the cell's level (its two pixels' mean) as a texture, out 0 .. out 1.
TEXTURE = "···.   ░▒▒▒"
LEGEND = 13               # columns the legend takes on the right, when there is room

# colour index (level) -> rgb: 0 is output 0 (sunset's red end) .. 2*LEVELS output 1 (its blue end)
PALETTE = [palette.rgb(palette.SUNSET[palette.output_index(k / (2 * LEVELS))]) for k in range(2 * LEVELS + 1)]
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
        self.levels: np.ndarray | None = None   # colour index per pixel (2*rows x cols), under the points
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
        self.levels = lv
        test = (self.X_test, self.y_test) if self.X_test is not None else (net.X[:0], net.y[:0])
        self.losses = (loss(net, net.X, net.y), loss(net, *test))
        self._strips = self._build(lv, self._codes(lv))
        self.swap_strips(self._strips, self._strips)   # late in training most rows stay as they were
        if layout:
            self.refresh()

    # -- drawing ---------------------------------------------------------------
    def _codes(self, lv: np.ndarray) -> np.ndarray:
        """One code per cell (rows x cols): in colour, upper level * N + lower level; without
        colour, the texture's index; a cell holding a training point: POINTS + its label *
        N + the level at the point (the colour it is drawn on)."""
        if palette.no_colour(self):
            codes = np.rint((lv[0::2] + lv[1::2]) / 2).astype(np.intp)
        else:
            codes = lv[0::2] * N + lv[1::2]
        if self.points:
            r, c = self._pix
            codes[r // 2, c] = POINTS + self._labels.astype(np.intp) * N + lv[r, c]
        return codes

    def _build(self, lv: np.ndarray, codes: np.ndarray) -> list[Strip]:
        base = self.visual_style.rich_style
        width = self.size.width
        legend = self._legend()
        plain = palette.no_colour(self)
        strips = []
        for y in range(codes.shape[0]):
            row = codes[y]
            cut = np.flatnonzero(np.diff(row)) + 1
            starts = np.concatenate(([0], cut))
            ends = np.concatenate((cut, [len(row)]))
            segs = [_segment(int(row[s]), int(e - s), base, plain) for s, e in zip(starts, ends)]
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
        def swatch(k):   # the colour, or without colour the texture of that end
            return (TEXTURE[k] * 2, "bold") if palette.no_colour(self) else ("██", Style(color=COLORS[k]))
        # "train" and "test" padded to one width by cells, so their numbers line up in any language
        names = (_("train"), _("test"))
        pad = max(map(cell_len, names)) + 1
        lines = [Text(_("loss"), HEAD), Text.assemble((ljust(names[0], pad), HEAD), (num(train), "bold")),
                 Text.assemble((ljust(names[1], pad), HEAD), (num(test), "bold")), Text(""),
                 Text.assemble(swatch(0), " ", _("out 0")), Text.assemble(swatch(2 * LEVELS), " ", _("out 1")),
                 Text.assemble((GLYPH[0], "bold"), " y=0 ", (GLYPH[1], "bold"), " y=1"), Text(""),
                 Text("x1 →  x2 ↑", "dim")]
        if self.plane is not None:
            lines.append(Text(f"{self.plane.lo:+.1f}..{self.plane.hi:+.1f}", "dim"))
        return lines

    def render_line(self, y: int) -> Strip:
        return self.kept_line(y, self._strips, lambda: self._strips)

    def on_resize(self) -> None:
        if self.net is not None:
            self.draw(self.net, layout=True)

    def cells(self, y: int) -> list[tuple[str, Color | None, Color | None]]:
        """(character, upper, lower) of row y's plane cells as drawn (the tests read them): a
        "▀" cell's two pixel colours; a point's glyph and the colour it stands on, twice."""
        out = []
        for seg in list(self.render_line(y)):
            for ch in seg.text:
                if ch == "▀":
                    out.append((ch, seg.style.color, seg.style.bgcolor))
                else:
                    bg = seg.style.bgcolor if seg.style else None
                    out.append((ch, bg, bg))
        return out[:self.plane.cols if self.plane else 0]


_STYLES = [Style(color=COLORS[t], bgcolor=COLORS[b]) for t in range(N) for b in range(N)]
POINTS = N * N      # codes from here on: a training point (see BoundaryPanel._codes)
_POINT_STYLES = [Style(color=Color.parse(palette.ink(f"#{r:02x}{g:02x}{b:02x}")), bgcolor=COLORS[k], bold=True)
                 for _label in (0, 1) for k, (r, g, b) in enumerate(PALETTE)]


def _segment(code: int, n: int, base: Style, plain: bool) -> Segment:
    """`n` cells of one code (BoundaryPanel._codes) as drawn: in colour, or as glyphs alone."""
    if code >= POINTS:
        label = (code - POINTS) // N
        return Segment(GLYPH[label] * n, base + Style(bold=True) if plain else _POINT_STYLES[code - POINTS])
    if plain:
        return Segment(TEXTURE[code] * n, base)
    return Segment("▀" * n, _STYLES[code])
