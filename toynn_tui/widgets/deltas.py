"""The deltas panel: how hard each weight is about to be pushed, per example.

l2_delta is the output's error scaled by the sigmoid's slope; l1_delta is the
same for each hidden unit, after the output's delta was sent back through
syn1. They are tiny late in training, so they are shown as e.g. `+1.2e-4`.
In line-by-line mode, right after `l1_error = ...` runs, its value takes
l1_delta's place until l1_delta is computed from it on the next line.
"""
from __future__ import annotations

from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.widgets._fmt import HEAD, MARK, sci
from toynn_tui.widgets._panel import NetPanel


class DeltasPanel(NetPanel):
    """l2_delta and l1_delta (3-layer) or l1_delta (2-layer), one line per example."""

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        s = net.s
        n_hidden = 4 if net.layers == 3 else 1
        hidden = "l1_error" if net.layers == 3 and "l1_error" in marks else "l1_delta"
        cols = [("l2_delta", 1), (hidden, n_hidden)] if net.layers == 3 else [(hidden, 1)]
        if net.layers == 3 and hidden == "l1_delta" and width >= 2 + 2 * 4 * 8 + 7 + 4:
            cols.insert(1, ("l1_error", 4))  # room for both: show the step in between too
        cells = sum(n for _, n in cols)
        # Cell width: one more mantissa digit per extra char, while the row still fits.
        cw = max(7, min(9, (width - 2 * (len(cols) - 1) + len(cols)) // cells - 1))
        text = Text(no_wrap=True, overflow="crop")
        for n, (name, ncol) in enumerate(cols):
            w = ncol * (cw + 1) - 1
            if n:
                text.append("  ")
            label = name + (" (h1..h4)" if ncol == 4 and w >= len(name) + 9 else "")
            text.append(label.ljust(w), MARK if name in marks else HEAD)
        for i in range(net.X.shape[0]):
            text.append("\n")
            for n, (name, ncol) in enumerate(cols):
                if n:
                    text.append("  ")
                v = getattr(s, name)
                if v is None:
                    text.append("·".rjust(ncol * (cw + 1) - 1), "dim")
                else:
                    text.append(" ".join(sci(float(x), cw) for x in v[i]), "bold" if name in marks else "")
        return text
