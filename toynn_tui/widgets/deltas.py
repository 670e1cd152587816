"""The deltas panel: how hard each weight is about to be pushed, per example.

l2_delta is the output's error scaled by the sigmoid's slope; l1_delta is the
same for each hidden unit, after the output's delta was sent back through
syn1. They are tiny late in training, so they are shown as e.g. `+1.2e-4`.
In line-by-line mode, right after `l1_error = ...` runs, its value takes
l1_delta's place until l1_delta is computed from it on the next line.
Other nets show their output's delta and their last hidden layer's, for the
same rows as the examples panel (this update's batch, with mini-batches).
"""
from __future__ import annotations

from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.widgets._fmt import HEAD, MARK, sci
from toynn_tui.widgets._panel import NetPanel
from toynn_tui.widgets._rows import hidden_layer, more_line, row_budget, shown_rows


class DeltasPanel(NetPanel):
    """The output's delta and the last hidden layer's (l2_delta, l1_delta in the 3-layer net), per example."""

    max_lines: int | None = None  # set by the screen: heading + rows (+ "… N more") must fit

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        rows = shown_rows(net)
        k, j = net.spec.depth, hidden_layer(net)
        out_delta = f"l{k}_delta"
        cols = [(out_delta, net.spec.sizes[k])]
        if j is not None:
            n_hidden = net.spec.sizes[j]
            hidden = f"l{j}_error" if f"l{j}_error" in marks else f"l{j}_delta"
            cols.append((hidden, n_hidden))
            if hidden == f"l{j}_delta" and width >= 2 + 2 * n_hidden * 8 + 7 + 4:
                cols.insert(1, (f"l{j}_error", n_hidden))  # room for both: show the step in between too
        cells = sum(n for _, n in cols)
        # Cell width: one more mantissa digit per extra char, while the row still fits.
        cw = max(7, min(9, (width - 2 * (len(cols) - 1) + len(cols)) // cells - 1))
        # Too many hidden units for the width: the first ones, then "…".
        fixed_w = cols[0][1] * (cw + 1) - 1
        shown = {name: n for name, n in cols}
        if j is not None and fixed_w + sum(2 + n * (cw + 1) - 1 for _, n in cols[1:]) > width:
            per = max((width - fixed_w - 4 * (len(cols) - 1)) // (len(cols) - 1) // (cw + 1), 1)
            shown.update({name: min(n, per) for name, n in cols[1:]})
        text = Text(no_wrap=True, overflow="crop")
        for n, (name, ncol) in enumerate(cols):
            w = shown[name] * (cw + 1) - 1 + (2 if shown[name] < ncol else 0)
            if n:
                text.append("  ")
            units = f" (h1..h{shown[name]})" if ncol > 1 else ""
            label = name + (units if w >= len(name) + len(units) else "")
            text.append(label.ljust(w), MARK if name in marks else HEAD)
        values = {name: rows.value(name) for name, _ in cols}
        count, cut = row_budget(len(rows), self.max_lines)
        for i in range(count):
            text.append("\n")
            for n, (name, ncol) in enumerate(cols):
                if n:
                    text.append("  ")
                v = values[name]
                if v is None:
                    text.append("·".rjust(shown[name] * (cw + 1) - 1), "dim")
                else:
                    text.append(" ".join(sci(float(x), cw) for x in v[i][:shown[name]]),
                                "bold" if name in marks else "")
                if shown[name] < ncol:
                    text.append(" …", "dim")
        if cut:
            text.append("\n")
            text.append(more_line(len(rows) - count), "dim")
        return text
