"""The examples panel: the training rows as the net sees them right now.

Each row: its inputs X, the hidden values (the last hidden layer, l1 in the
3-layer net), the output next to the target y, and the error y - output.
Output and error turn green as the output gets close to y and red when it is
far off, and the output is marked ✓ (within 0.25 of y) or ✗ (further), in the
gap before y, so the colour is never the only sign. Nets on more data show the first rows that fit and "… N more"; with
mini-batches the rows are this update's batch (l0 = X[rows]).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.i18n import _
from toynn_tui.cells import cell_len, ljust, rjust
from toynn_tui.widgets._fmt import HEAD, MARK, activation_style, closeness_mark, closeness_style, fixed
from toynn_tui.widgets._panel import NetPanel
from toynn_tui.widgets._rows import (column_formats, examples_title, format_row, hidden_layer, more_line,
                                     ran_this_update, row_budget, shown_rows)

DECIMALS = ((4, 5), (3, 4), (2, 4), (2, 3), (1, 3), (1, 2))  # (hidden, output) decimals, most first


def unit(v: float, width: int, decimals: int) -> str:
    """A sigmoid output (0..1): no sign needed."""
    s = f"{v:.{decimals}f}" if v == v else "nan"
    return s.rjust(width)[:width]


def fit_columns(fixed_width: int, n_hidden: int, width: int) -> tuple[int, int, int]:
    """(hidden decimals, output decimals, hidden units shown): the most decimals with every
    hidden unit; if none fits, the choice that shows the most units (then a "…" column).
    `fixed_width` is the inputs' and the target's widths less one (5 for the article's nets)."""
    best = None
    for dh, do in DECIMALS:
        def need(n: int) -> int:
            cells = (1 + n * (dh + 3) + (2 if n < n_hidden else 0)) if n_hidden else 1
            return fixed_width + cells + 1 + (do + 2) + 3 + 2 + (do + 3)
        if need(n_hidden) <= width:
            return dh, do, n_hidden
        n = max((k for k in range(1, n_hidden) if need(k) <= width), default=0)
        if n and (best is None or n > best[2]):
            best = dh, do, n
    if best is None or not n_hidden:
        return DECIMALS[-1] + (n_hidden,)  # nothing fits: the least, cropped at the edge
    return best


@dataclass
class _Layout:
    """One drawing's rows, values (None: not computed yet) and column widths and decimals."""

    rows: object                     # _rows.shown_rows: the examples shown
    out_name: str
    hid: str | None                  # the hidden layer shown ("l1"), None in a 2-layer net
    n_hidden: int
    shown: int                       # hidden units shown (fewer: a "…" column)
    out_v: np.ndarray | None
    err_v: np.ndarray | None
    hid_v: np.ndarray | None
    dropped: np.ndarray | None       # dropout's mask of the hidden units (True: kept)
    formats: list
    y_formats: list
    x_label: str
    xw: int
    yw: int
    dh: int                          # hidden decimals
    do: int                          # output decimals

    @property
    def hw(self) -> int:
        return self.dh + 2           # "0.12" is decimals + 2

    @property
    def ow(self) -> int:
        return self.do + 2

    @property
    def ew(self) -> int:
        return self.do + 3           # "-0.12": one more

    @property
    def more(self) -> bool:
        return self.shown < self.n_hidden


class ExamplesPanel(NetPanel):
    """X | hidden | output vs y | error, one line per training example."""

    max_lines: int | None = None  # set by the screen: heading + rows (+ "… N more") must fit

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        lay = self._layout(net, width)
        text = Text(no_wrap=True, overflow="crop")
        self._heading(text, lay, marks)
        rows = lay.rows
        n, cut = row_budget(len(rows), self.max_lines)
        xs = [format_row(r, lay.formats) for r in rows.X[:n]]
        ys = None if rows.y is None else [format_row(r, lay.y_formats) for r in rows.y[:n]]
        for i in range(n):
            text.append("\n")
            text.append(xs[i].ljust(lay.xw), MARK if "l0" in marks else "")
            if lay.hid is not None:
                self._hidden_cells(text, lay, i)
            y = None if rows.y is None else float(rows.y[i, 0])
            text.append(" " if lay.hid is not None else "  ")
            mark = " "
            if lay.out_v is None:
                text.append("·".rjust(lay.ow), "dim")
            else:
                o = float(lay.out_v[i, 0])
                text.append(unit(o, lay.ow, lay.do), "bold" if y is None else closeness_style(y - o))
                if y is not None:   # the output's mark, in the first column of the gap before y
                    mark = closeness_mark(y - o)
                    text.append(mark, closeness_style(y - o))
            text.append(("  " if mark == " " else " ") + (ys[i].rjust(lay.yw) if ys is not None
                                                           else "·".rjust(lay.yw)), "bold")
            text.append("  ")
            if lay.err_v is None:
                text.append("·".rjust(lay.ew), "dim")
            else:
                e = float(lay.err_v[i, 0])
                text.append(fixed(e, lay.ew, lay.do), closeness_style(e))
        if cut:
            text.append("\n")
            text.append(more_line(len(rows) - n), "dim")
        return text

    def _layout(self, net: Net, width: int) -> "_Layout":
        """What the panel shows of `net` in `width` columns: the rows, the values, the column widths."""
        rows = shown_rows(net)
        out_name = net.out_name
        j = hidden_layer(net)
        hid = None if j is None else f"l{j}"
        n_hidden = 0 if j is None else net.spec.sizes[j]
        formats, y_formats = self._formats(net)
        x_label = _("batch") if rows.batch else "X"
        xw = max(sum(w for _, w in formats) + len(formats) - 1, cell_len(x_label))
        yw = sum(w for _, w in y_formats) + len(y_formats) - 1
        # Most decimals that fit: hidden cells (dh) first give way to the output's (do).
        # (The article's 3-layer net: 5 + (1 + 4 * (dh + 3)) + 1 + (do + 2) + 3 + 2 + (do + 3).)
        dh, do, shown = fit_columns(xw + yw - 1, n_hidden, width)
        return _Layout(rows=rows, out_name=out_name, hid=hid, n_hidden=n_hidden, shown=shown,
                       out_v=rows.value(out_name), err_v=rows.value(out_name + "_error"),
                       hid_v=None if hid is None else rows.value(hid), dropped=self._dropped(net, rows, j),
                       formats=formats, y_formats=y_formats, x_label=x_label, xw=xw, yw=yw, dh=dh, do=do)

    @staticmethod
    def _heading(text: Text, lay: "_Layout", marks: frozenset[str]) -> None:
        def head(label: str, name: str, w: int, sep: str = "  ") -> None:
            text.append(sep)
            text.append(rjust(label, w), MARK if name in marks else HEAD)
        text.append(ljust(lay.x_label, lay.xw), MARK if "l0" in marks else HEAD)
        if lay.hid is not None:
            room = lay.shown * (lay.hw + 1) - 1 + (2 if lay.more else 0)
            label = _("{name} (hidden)").format(name=lay.hid)
            head(ljust(label if cell_len(label) <= room else lay.hid, room), lay.hid, 0)
        head(lay.out_name, lay.out_name, lay.ow, " " if lay.hid is not None else "  ")
        head("y", "", lay.yw)
        head(_("error"), lay.out_name + "_error", lay.ew)

    @staticmethod
    def _hidden_cells(text: Text, lay: "_Layout", i: int) -> None:
        """Row i's hidden values (struck through where dropout dropped the unit), then "…" if cut."""
        text.append(" ")
        for u in range(lay.shown):
            text.append(" ")
            if lay.hid_v is None:
                text.append("·".rjust(lay.hw), "dim")
            else:
                a = float(lay.hid_v[i, u])
                kept = lay.dropped is None or lay.dropped[i, u]
                text.append(unit(a, lay.hw, lay.dh), activation_style(a) if kept else "dim strike")
        if lay.more:
            text.append(" …", "dim")

    def _formats(self, net: Net):
        """The column formats of X and y (kept: the data of a net never changes)."""
        kept = getattr(self, "_kept_formats", None)
        if kept is None or kept[0] is not net.X or kept[1] is not net.y:
            kept = self._kept_formats = (net.X, net.y, column_formats(net.X), column_formats(net.y))
        return kept[2], kept[3]

    @staticmethod
    def _dropped(net: Net, rows, j: int | None):
        """Dropout's mask of the hidden layer shown (True: kept), when it belongs to the values shown."""
        if j is None or net.spec.dropout is None:
            return None
        mask = rows.value(f"d{j}")
        # Line mode between `l1 = ...` and `d1 = ...`: the mask is the previous update's.
        if mask is None or (ran_this_update(net, f"l{j}") and not ran_this_update(net, f"d{j}")):
            return None
        return mask != 0

    @staticmethod
    def title_for(net: Net) -> str:
        return examples_title(net)
