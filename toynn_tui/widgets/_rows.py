"""What the per-example panels (examples, deltas) show, for any net of the engine.

The article's nets (`engine.is_article`) always show the same four rows of X.
Other nets may train on 30 rows (the circle data), on float inputs, and with mini-batches, where
`l0` holds only this update's batch: these panels then show the batch's rows,
and (in line-by-line mode) only values computed from the same batch.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from toynn_tui.engine import Net
from toynn_tui.i18n import N_, _

NUMBERS = {1: N_("one"), 2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five"), 6: N_("six"),
           7: N_("seven"), 8: N_("eight")}
# "… N more rows" / "lines", whole sentences (a language may put the number elsewhere)
MORE = {"rows": N_("… {n} more rows"), "lines": N_("… {n} more lines")}


def hidden_layer(net: Net) -> int | None:
    """The last hidden layer's index (the one next to the output), or None in a 2-layer net."""
    return net.spec.depth - 1 if net.spec.depth > 1 else None


def unit_labels(net: Net, layer: int) -> list[str]:
    """Headings of a layer's units: x1.. (inputs), h1.. (hidden), the output's name (one output)."""
    n = net.spec.sizes[layer]
    if layer == 0:
        return [f"x{i + 1}" for i in range(n)]
    if layer == net.spec.depth:
        return [net.out_name] if n == 1 else [f"o{i + 1}" for i in range(n)]
    return [f"h{i + 1}" for i in range(n)]


def _line_of(net: Net, name: str) -> int | None:
    return next((i for i, line in enumerate(net.loop) if name in line.writes), None)


def ran_this_update(net: Net, name: str) -> bool:
    """Has the line writing `name` run in the update in progress (line mode)?"""
    i = _line_of(net, name)
    return i is not None and i < net.line


def integral(a: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(a)) and np.all(a == np.round(a)))


def column_formats(a: np.ndarray) -> list[tuple[bool, int]]:
    """Per column: (whole numbers?, width) so that every row of `a` lines up."""
    a = np.asarray(a, dtype=float)
    out = []
    for c in range(a.shape[1]):
        col = a[:, c]
        if integral(col):
            out.append((True, max(len(str(int(v))) for v in col)))
        else:
            out.append((False, max(len(f"{v:.2f}") for v in col)))
    return out


def format_row(row, formats: list[tuple[bool, int]]) -> str:
    """A row of inputs: whole numbers as such (the article's 0 0 1), others with 2 decimals."""
    return " ".join((str(int(v)) if whole else f"{v:.2f}").rjust(w) for v, (whole, w) in zip(row, formats))


@dataclass
class Rows:
    """The rows the per-example panels show right now."""

    X: np.ndarray               # their inputs
    y: np.ndarray | None        # their targets (None: not known at this instant of line mode)
    batch: bool                 # a mini-batch of X (l0 = X[rows]), not X itself
    total: int                  # rows in X
    net: Net

    def __len__(self) -> int:
        return len(self.X)

    def value(self, name: str) -> np.ndarray | None:
        """Loop variable `name`, or None when it was not computed yet or (mid-update, line mode)
        belongs to the previous batch: then its rows are other examples than the ones shown."""
        v = getattr(self.net.view, name, None)
        if v is None:
            return None
        if self.batch and ran_this_update(self.net, "l0") and not ran_this_update(self.net, name):
            return None
        if np.ndim(v) < 2 or len(v) != len(self.X):
            return None
        return v


def shown_rows(net: Net) -> Rows:
    """The inputs the net saw in its latest forward pass: X, or (mini-batches) this update's batch."""
    s = net.view
    total = len(net.X)
    if net.spec.batch_size is None or s.l0 is None:
        return Rows(net.X, net.y, False, total, net)
    rows = s.rows
    # Between the `rows = ...` line and `l0 = X[rows]` (line mode), rows is the next batch already.
    known = rows is not None and not (ran_this_update(net, "rows") and not ran_this_update(net, "l0"))
    return Rows(s.l0, net.y[rows] if known else None, True, total, net)


def row_budget(n: int, lines: int | None, head: int = 1) -> tuple[int, bool]:
    """How many of n rows fit in `lines` (None: all) after `head` heading lines, and whether a
    "… N more" line is needed for the rest."""
    if lines is None or head + n <= lines:
        return n, False
    return max(lines - head - 1, 0), True


def more_line(n: int, noun: str = "rows") -> str:
    return _(MORE[noun]).format(n=n)


def examples_title(net: Net) -> str:
    """The examples panel's title: how many examples, or which batch of them."""
    rows = shown_rows(net)
    count = _(NUMBERS[rows.total]) if rows.total in NUMBERS else str(rows.total)
    if rows.batch:
        return _("batch: {n} of the {count} examples").format(n=len(rows), count=count)
    if net.out is not None:
        return _("the {count} examples").format(count=count)
    return _("the {count} examples (no forward pass yet)").format(count=count)
