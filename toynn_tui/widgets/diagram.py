"""The network diagram: the units of every layer, and the weights between them as edges.

As TensorFlow Playground draws it: one column of nodes per layer (inputs x1,
x2 and the column of ones "1"; the hidden units; the output), and an edge for
every weight, blue when positive, red when negative, deeper the bigger it is
(Tol's BuRd, palette.py). Edges are drawn with braille dots (2x4 per cell); where
several cross a cell, the cell takes the colour of the biggest weight among them.
The sign is also the line's style: a positive weight's edge is solid, a negative
one's dotted (so it reads without colour). A node is coloured by its bias and shows
its sign, "+" or "-" ("●" without bias units). The geometry is computed once per
(layer sizes, panel size); a frame only recolours and re-dots.
"""
from __future__ import annotations

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from toynn_tui.engine import Net
from toynn_tui.widgets import palette
from toynn_tui.widgets._panel import KeptStrips

SHADES = 8
BRAILLE = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # dot bits by [row][col]


DOTTED = 3                # a negative weight's edge keeps every third dot of its line


def _edge_style(k: int | None) -> Style:
    return Style(color=Color.parse(palette.BURD_BAD if k is None else palette.BURD[k]))


# shade index: 0..SHADES negative (weakest first), SHADES+1..2*SHADES+1 positive
EDGE = [_edge_style(palette.signed_index(-palette.SATURATE * k / SHADES)) for k in range(SHADES + 1)] + \
       [_edge_style(palette.signed_index(palette.SATURATE * k / SHADES)) for k in range(SHADES + 1)]
NODE = Style(color="white", bold=True)


def shade(w: np.ndarray) -> np.ndarray:
    """Edge shade indices of weights w (see EDGE)."""
    w = np.nan_to_num(np.asarray(w, dtype=float))
    k = np.rint(np.clip(np.abs(w) / palette.SATURATE, 0, 1) * SHADES).astype(np.intp)
    return np.where(w > 0, SHADES + 1 + k, k)


def node_style(b: float | None) -> Style:
    if b is None or not np.isfinite(b):
        return NODE
    bg = palette.signed(b)
    return Style(color=Color.parse(palette.ink(bg)), bold=True, bgcolor=Color.parse(bg))


def node_glyph(b: float | None) -> str:
    """A node's sign beside its colour: its bias's sign, "●" without bias units."""
    if b is None or not np.isfinite(b):
        return "●"
    return "+" if b > 0 else "-"


class Geometry:
    """Where nodes and edge dots go for layer sizes `sizes` in a width x height panel."""

    def __init__(self, sizes: tuple[int, ...], labels: list[list[str]], width: int, height: int) -> None:
        self.width, self.height = width, height
        left = max(len(s) for s in labels[0]) + 1
        right = max(len(s) for s in labels[-1]) + 1
        inner = max(width - left - right, len(sizes))
        self.cols = [left + round(j * (inner - 1) / max(len(sizes) - 1, 1)) for j in range(len(sizes))]
        self.rows: list[list[int]] = []     # each layer's node rows (those shown)
        self.hidden_more: list[int] = []    # per layer: nodes not shown (too many for the height)
        for n in sizes:
            shown = n if n <= height else max(height - 1, 1)
            self.rows.append([min(int((k + 0.5) * height / shown), height - 1) for k in range(shown)])
            self.hidden_more.append(n - shown)
        self.labels = labels
        # edges: (layer j, from i, to k) for the nodes shown; their dots per cell
        self.edges: list[tuple[int, int, int]] = []
        cells: dict[tuple[int, int], dict[int, int]] = {}   # (row, col) -> {edge: dot bits}
        for j in range(len(sizes) - 1):
            x0, x1 = self.cols[j] * 2 + 2, self.cols[j + 1] * 2 - 1
            for i, ra in enumerate(self.rows[j]):
                for k, rb in enumerate(self.rows[j + 1]):
                    e = len(self.edges)
                    self.edges.append((j, i, k))
                    y0, y1 = ra * 4 + 1.5, rb * 4 + 1.5
                    steps = max(abs(x1 - x0), int(abs(y1 - y0)), 1)
                    for s in range(steps + 1):
                        x = round(x0 + (x1 - x0) * s / steps)
                        y = int(round(y0 + (y1 - y0) * s / steps))
                        cx, cy = x // 2, y // 4
                        if 0 <= cy < height and 0 <= cx < width:
                            bits = cells.setdefault((cy, cx), {})
                            solid, dotted = bits.get(e, (0, 0))
                            dot = BRAILLE[y % 4][x % 2]
                            bits[e] = (solid | dot, dotted | (dot if s % DOTTED == 0 else 0))
        self.cell_keys = sorted(cells)
        most = max((len(v) for v in cells.values()), default=1)
        self.cell_edges = np.full((len(self.cell_keys), most), -1, dtype=np.intp)
        # each edge's dots in each cell it crosses: drawn solid (positive) or dotted (negative)
        self.cell_solid = np.zeros((len(self.cell_keys), most), dtype=np.intp)
        self.cell_dotted = np.zeros((len(self.cell_keys), most), dtype=np.intp)
        for c, key in enumerate(self.cell_keys):
            es = cells[key]
            self.cell_edges[c, :len(es)] = list(es)
            self.cell_solid[c, :len(es)] = [solid for solid, _ in es.values()]
            self.cell_dotted[c, :len(es)] = [dotted for _, dotted in es.values()]

    def cell_chars(self, ws: np.ndarray) -> list[str]:
        """Each cell's braille character for weights `ws` (one per edge): the union of the dots
        of the edges crossing it, a positive weight's solid, a negative one's dotted."""
        positive = np.where(self.cell_edges >= 0, np.nan_to_num(ws)[np.maximum(self.cell_edges, 0)] > 0, False)
        bits = np.bitwise_or.reduce(np.where(positive, self.cell_solid, self.cell_dotted), axis=1)
        return [chr(0x2800 + int(b)) for b in bits]
        self.node_cells = {(r, self.cols[j]) for j, rows in enumerate(self.rows) for r in rows}


class DiagramPanel(KeptStrips, Widget):
    """Nodes per layer, edges coloured by sign and shaded by magnitude."""

    DEFAULT_CSS = "DiagramPanel { width: 1fr; height: 1fr; min-height: 4; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.net: Net | None = None
        self._geo: Geometry | None = None
        self._geo_key = None
        self._key = None
        self._strips: list[Strip] = []
        self.draws = 0

    @staticmethod
    def labels(net: Net) -> list[list[str]]:
        sizes = net.spec.sizes
        X = np.asarray(net.X)
        inputs = [f"x{i + 1}" for i in range(sizes[0])]
        if sizes[0] == 3 and len(X) and np.all(X[:, 2] == 1):
            inputs[2] = "1"
        hidden = [[f"h{k + 1}" for k in range(n)] for n in sizes[1:-1]]
        return [inputs] + hidden + [[net.out_name] if sizes[-1] == 1 else [f"o{k + 1}" for k in range(sizes[-1])]]

    def draw(self, net: Net, layout: bool = False) -> None:
        w, h = self.size.width, self.size.height
        if w < 4 or h < 1:
            return
        gkey = (net.spec.sizes, w, h, id(net))
        if gkey != self._geo_key:
            self._geo = Geometry(net.spec.sizes, self.labels(net), w, h)
            self._geo_key = gkey
        key = (id(net), net.iteration, net.line, w, h)
        if key == self._key and not layout:
            return
        self._key = key
        self.net = net
        self.draws += 1
        self._strips = self._build(net, self._geo)
        self.swap_strips(self._strips, self._strips)   # most edges keep their shade a frame
        if layout:
            self.refresh()

    def _build(self, net: Net, geo: Geometry) -> list[Strip]:
        base = self.visual_style.rich_style
        ws = np.concatenate([np.ravel(getattr(net.view, f"syn{j}")[np.ix_(
            np.arange(len(geo.rows[j])), np.arange(len(geo.rows[j + 1])))])
            for j in range(net.spec.depth)]) if geo.edges else np.zeros(0)
        # (edges are listed layer by layer, from i, to k: the order of a ravelled syn block)
        grid: list[list[tuple[str, Style]]] = [[(" ", base)] * geo.width for _ in range(geo.height)]
        if len(ws):
            absw = np.abs(np.nan_to_num(ws, nan=np.inf))
            ce = geo.cell_edges
            cand = np.where(ce >= 0, absw[np.maximum(ce, 0)], -1.0)
            strongest = ce[np.arange(len(ce)), np.argmax(cand, axis=1)]
            shades = shade(ws[strongest])
            for (r, c), ch, s in zip(geo.cell_keys, geo.cell_chars(ws), shades):
                grid[r][c] = (ch, EDGE[s])
        biases = {j: getattr(net.view, f"b{j - 1}", None) for j in range(1, net.spec.depth + 1)} \
            if net.spec.bias else {}
        for j, rows in enumerate(geo.rows):
            col = geo.cols[j]
            b = biases.get(j)
            for k, r in enumerate(rows):
                bk = None if b is None else float(np.ravel(b)[k])
                grid[r][col] = (node_glyph(bk), node_style(bk))
                label = geo.labels[j][k]
                if j == 0:
                    for t, ch in enumerate(label):
                        if 0 <= col - 1 - len(label) + t:
                            grid[r][col - 1 - len(label) + t] = (ch, Style(color="bright_black", bold=True))
                elif j == len(geo.rows) - 1:
                    for t, ch in enumerate(label):
                        if col + 1 + t < geo.width:
                            grid[r][col + 1 + t] = (ch, Style(color="bright_black", bold=True))
            if geo.hidden_more[j] and rows:
                r = min(rows[-1] + 1, geo.height - 1)
                more = f"+{geo.hidden_more[j]}"
                for t, ch in enumerate(more):
                    if col + t < geo.width:
                        grid[r][col + t] = (ch, Style(dim=True))
        strips = []
        for row in grid:
            segs: list[Segment] = []
            run, style = [], None
            for ch, st in row:
                if st is not style and run:
                    segs.append(Segment("".join(run), base + style if style is not base else base))
                    run = []
                style = st
                run.append(ch)
            if run:
                segs.append(Segment("".join(run), base + style if style is not base else base))
            strips.append(Strip(segs, geo.width))
        return strips

    def render_line(self, y: int) -> Strip:
        return self.kept_line(y, self._strips, lambda: self._strips)

    def on_resize(self) -> None:
        if self.net is not None:
            self.draw(self.net, layout=True)
