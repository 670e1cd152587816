"""The weights panel: syn0 and syn1 as heatmaps, with every weight printed.

Blue cells are positive weights, red ones negative; the deeper the colour, the
bigger the weight. syn0 connects the inputs (rows x1 x2 x3) to the next layer
(columns); syn1 connects the hidden units (rows h1..h4) to the output l2.
"""
from __future__ import annotations

from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.widgets._fmt import HEAD, MARK, fixed, weight_style
from toynn_tui.widgets._panel import NetPanel


class WeightsPanel(NetPanel):
    """syn0 (and syn1 in the 3-layer net) as coloured numbers."""

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        syn0 = net.s.syn0
        syn1 = net.s.syn1 if net.layers == 3 else None
        k = syn0.shape[1]
        # Widest cells that fit: label(2) + syn0 cells (+ separator and syn1 column).
        for cw in (7, 6, 5, 4):
            need = 2 + k * (cw + 1) + (0 if syn1 is None else 1 + 2 + cw + 1)
            if need <= width:
                break
        decimals = cw - 3
        out = Text(no_wrap=True, overflow="crop")
        left_w = 2 + k * (cw + 1)
        out.append("syn0".ljust(4), MARK if "syn0" in marks else HEAD)
        out.append(f" {syn0.shape[0]}×{syn0.shape[1]}".ljust(left_w - 4), "dim")
        if syn1 is not None:
            out.append("│", "dim")
            out.append("syn1", MARK if "syn1" in marks else HEAD)
            out.append(f" {syn1.shape[0]}×{syn1.shape[1]}", "dim")
        out.append("\n")
        # Column headings: the units each weight feeds.
        cols = [f"h{j + 1}" for j in range(k)] if k > 1 else [net.out_name]
        out.append("  " + "".join(c.rjust(cw + 1) for c in cols), HEAD)
        if syn1 is not None:
            out.append("│", "dim")
            out.append("  " + "l2".rjust(cw + 1), HEAD)
        for i in range(max(syn0.shape[0], 0 if syn1 is None else syn1.shape[0])):
            out.append("\n")
            if i < syn0.shape[0]:
                out.append(f"x{i + 1}", HEAD)
                for j in range(k):
                    out.append(" ")
                    w = float(syn0[i, j])
                    out.append(fixed(w, cw, decimals), weight_style(w))
            else:
                out.append(" " * left_w)
            if syn1 is not None:
                out.append("│", "dim")
                out.append(f"h{i + 1}", HEAD)
                w = float(syn1[i, 0])
                out.append(" ")
                out.append(fixed(w, cw, decimals), weight_style(w))
        return out
