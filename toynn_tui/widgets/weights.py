"""The weights panel: every weight matrix as a heatmap, with every weight printed.

Blue cells are positive weights, red ones negative; the deeper the colour, the
bigger the weight. syn0 connects the inputs (rows x1 x2 x3) to the next layer
(columns h1..h4); syn1 connects the hidden units (rows h1..h4) to the output
l2, and so on for deeper nets. The blocks stand side by side when they fit the
panel's width, and are stacked otherwise. Below them, the nets with bias units
or batch norm show each 1-D parameter (b0, b1, gamma1, beta1, ...) as one row.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.i18n import _
from toynn_tui.widgets._fmt import HEAD, MARK, fixed, weight_style
from toynn_tui.widgets._panel import NetPanel
from toynn_tui.widgets._rows import more_line, unit_labels

CELLS = (7, 6, 5, 4)   # cell widths, widest first ("+0.1234" .. "+0.1"); 3 is the last resort


def cell(w: float, cw: int) -> str:
    """A weight in exactly `cw` chars: cw - 3 decimals, or for cw 3 the compact "+.3" / "-2"."""
    if cw >= 4:
        return fixed(w, cw, cw - 3)
    if np.isfinite(w) and abs(w) < 0.95:
        return f"{w:+.1f}".replace("0.", ".", 1)
    return fixed(w, cw, 0)


@dataclass
class Block:
    """One weight matrix and the labels of its rows (the layer below) and columns (above)."""

    name: str
    w: np.ndarray
    rows: list[str]
    cols: list[str]

    @property
    def title(self) -> str:
        return f"{self.name} {self.w.shape[0]}×{self.w.shape[1]}"

    @property
    def label_width(self) -> int:
        return max(len(r) for r in self.rows)

    def content_width(self, cw: int) -> int:
        return self.label_width + len(self.cols) * (cw + 1)

    def width(self, cw: int, last: bool) -> int:
        # A block's title may run past its cells, but only the band's last one into the margin.
        return self.content_width(cw) if last else max(self.content_width(cw), len(self.title))


def bands(blocks: list[Block], cw: int, width: int) -> list[list[Block]] | None:
    """The blocks packed left to right into bands no wider than `width` (None: one block alone
    is too wide)."""
    out: list[list[Block]] = []
    for b in blocks:
        if out:
            band = out[-1]
            used = sum(x.width(cw, False) for x in band) + len(band)  # + a "│" before the new block
            if used + b.width(cw, True) <= width:
                band.append(b)
                continue
        if b.width(cw, True) > width:
            return None
        out.append([b])
    return out


class WeightsPanel(NetPanel):
    """syn0, syn1, ... as coloured numbers, then the biases and batch norm's parameters."""

    max_lines: int | None = None  # set by the screen when the panel must not grow past it

    def blocks(self, net: Net) -> list[Block]:
        return [Block(f"syn{j}", getattr(net.view, f"syn{j}"), unit_labels(net, j), unit_labels(net, j + 1))
                for j in range(net.spec.depth)]

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        blocks = self.blocks(net)
        vectors = [n for n in net.weight_names if not n.startswith("syn")]
        cw, packed = self._layout(blocks, width, len(vectors) + (1 if vectors else 0))
        lines: list[tuple[Text, str]] = []   # (line, the parameter it shows)
        for band in packed:
            names = " ".join(block.name for block in band)
            lines += [(line, names) for line in self._band(band, cw, marks)]
        if vectors:
            lines.append((Text(""), ""))
            lines += [(line, n) for n, line in self._vectors(net, vectors, cw, marks, width)]
        return self._fit(lines)

    def _layout(self, blocks: list[Block], width: int, below: int) -> tuple[int, list[list[Block]]]:
        """The cell width and the bands: every block side by side with 2 decimals or more (the
        article's look); else, in a panel with a height budget (a ladder's net), stacked with
        as many decimals as the width allows, if that fits the budget (`below`: the lines the
        1-D parameters take); else side by side with 1 decimal; else stacked as wide as fits."""
        def lines(packed: list[list[Block]]) -> int:
            return sum(2 + max(len(b.rows) for b in band) for band in packed) + below
        tries = [(cw, True) for cw in CELLS if cw >= 5]
        if self.max_lines is not None:
            tries += [(cw, False) for cw in CELLS if cw >= 5]
        tries += [(cw, True) for cw in CELLS if cw < 5] + [(cw, False) for cw in CELLS[3:] + (3,)]
        for cw, one_band in tries:
            packed = bands(blocks, cw, width)
            if packed is None or (one_band and len(packed) > 1):
                continue
            if (not one_band and cw >= 5 and self.max_lines is not None
                    and lines(packed) > self.max_lines):
                continue
            return cw, packed
        return 3, [blocks]  # too narrow for anything: one band, cropped at the edge

    def _fit(self, lines: list[tuple[Text, str]]) -> Text:
        """Join the lines, keeping to `max_lines`: then the spacer goes first, and the last
        line kept says which parameters are left out (a taller window shows them)."""
        budget = self.max_lines
        if budget is not None and len(lines) > budget:
            lines = [x for x in lines if x[0].plain or x[1]]
        if budget is not None and len(lines) > budget:
            kept, rest = lines[:max(budget - 1, 0)], lines[max(budget - 1, 0):]
            hidden = list(dict.fromkeys(n for _, n in rest if n))
            note = (_("… not shown: {names}").format(names=" ".join(hidden)) if hidden
                    else more_line(len(rest), "lines"))
            lines = kept + [(Text(note, "dim"), "")]
        out = Text(no_wrap=True, overflow="crop")
        for i, (line, _name) in enumerate(lines):
            if i:
                out.append("\n")
            out.append_text(line)
        return out

    def _band(self, band: list[Block], cw: int, marks: frozenset[str]) -> list[Text]:
        """Blocks side by side: a title line, the column headings, then the rows."""
        last = len(band) - 1
        title, heads = Text(), Text()
        for b, block in enumerate(band):
            bw = block.width(cw, b == last)
            if b:
                title.append("│", "dim")
                heads.append("│", "dim")
            title.append(block.name, MARK if block.name in marks else HEAD)
            shape = f" {block.w.shape[0]}×{block.w.shape[1]}"
            # (padded to the cells' width but in the band's last place: the article's look)
            title.append(shape if b == last and b else shape.ljust(bw - len(block.name)), "dim")
            head = " " * block.label_width + "".join(c.rjust(cw + 1) for c in block.cols)
            heads.append(head, HEAD)
            if b != last and bw > len(head):
                heads.append(" " * (bw - len(head)))
        out = [title, heads]
        for i in range(max(len(block.rows) for block in band)):
            row = Text()
            shown = [b for b, block in enumerate(band) if i < len(block.rows)]
            for b, block in enumerate(band[:shown[-1] + 1]):
                bw = block.width(cw, b == last)
                if b:
                    row.append("│", "dim")
                if i >= len(block.rows):
                    row.append(" " * bw)
                    continue
                row.append(block.rows[i].ljust(block.label_width), HEAD)
                for j in range(len(block.cols)):
                    row.append(" ")
                    w = float(block.w[i, j])
                    row.append(cell(w, cw), weight_style(w))
                if b != last and bw > block.content_width(cw):
                    row.append(" " * (bw - block.content_width(cw)))
            out.append(row)
        return out

    def _vectors(self, net: Net, names: list[str], cw: int, marks: frozenset[str], width: int):
        """Each 1-D parameter as one row, cells as wide as the matrices' (or narrower to fit)."""
        lw = max(len(n) for n in names)
        longest = max(np.size(getattr(net.view, n)) for n in names)
        vw = next((c for c in (7, 6, 5, 4, 3) if c <= cw and lw + longest * (c + 1) <= width), 3)
        for name in names:
            v = np.ravel(getattr(net.view, name))
            n = len(v)
            fits = max((width - lw - 2) // (vw + 1), 1) if lw + n * (vw + 1) > width else n
            row = Text()
            row.append(name.ljust(lw), MARK if name in marks else HEAD)
            for x in v[:fits]:
                row.append(" ")
                row.append(cell(float(x), vw), weight_style(float(x)))
            if fits < n:
                row.append(" …", "dim")
            yield name, row
