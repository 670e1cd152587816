"""The examples panel: the four training rows as the net sees them right now.

Each row: its inputs X, the hidden values l1 (3-layer net), the output next to
the target y, and the error y - output. Output and error turn green as the
output gets close to y and red when it is far off.
"""
from __future__ import annotations

from rich.text import Text

from toynn_tui.engine import Net
from toynn_tui.widgets._fmt import HEAD, MARK, activation_style, closeness_style, fixed
from toynn_tui.widgets._panel import NetPanel


def unit(v: float, width: int, decimals: int) -> str:
    """A sigmoid output (0..1): no sign needed."""
    s = f"{v:.{decimals}f}" if v == v else "nan"
    return s.rjust(width)[:width]


class ExamplesPanel(NetPanel):
    """X | l1 | output vs y | error, one line per training example."""

    def build(self, net: Net, marks: frozenset[str], width: int) -> Text:
        s = net.s
        out_name = net.out_name
        err_name = out_name + "_error"
        has_hidden = net.layers == 3  # only the 3-layer net has hidden units
        out_v, err_v = getattr(s, out_name), getattr(s, err_name)
        # Most decimals that fit: hidden cells (dh) first give way to the output's (do).
        for dh, do in ((4, 5), (3, 4), (2, 4), (2, 3), (1, 3), (1, 2)):
            need = 5 + (1 + 4 * (dh + 3) if has_hidden else 1) + 1 + (do + 2) + 3 + 2 + (do + 3)
            if need <= width:
                break
        hw, ow, ew = dh + 2, do + 2, do + 3  # "0.12" is decimals + 2; "-0.12" one more
        def head(label: str, name: str, w: int, sep: str = "  ") -> None:
            text.append(sep)
            text.append(label.rjust(w) if w > len(label) else label, MARK if name in marks else HEAD)
        text = Text(no_wrap=True, overflow="crop")
        text.append("X".ljust(5), MARK if "l0" in marks else HEAD)
        if has_hidden:
            head("l1 (hidden)".ljust(4 * (hw + 1) - 1), "l1", 0)
        head(out_name, out_name, ow, " " if has_hidden else "  ")
        head("y", "", 1)
        head("error", err_name, ew)
        for i in range(net.X.shape[0]):
            text.append("\n")
            text.append(" ".join(str(int(v)) for v in net.X[i]), MARK if "l0" in marks else "")
            if has_hidden:
                text.append(" ")
                for j in range(4):
                    text.append(" ")
                    if s.l1 is None:
                        text.append("·".rjust(hw), "dim")
                    else:
                        a = float(s.l1[i, j])
                        text.append(unit(a, hw, dh), activation_style(a))
            y = float(net.y[i, 0])
            text.append(" " if has_hidden else "  ")
            if out_v is None:
                text.append("·".rjust(ow), "dim")
            else:
                text.append(unit(float(out_v[i, 0]), ow, do), closeness_style(y - float(out_v[i, 0])))
            text.append("  " + str(int(y)), "bold")
            text.append("  ")
            if err_v is None:
                text.append("·".rjust(ew), "dim")
            else:
                e = float(err_v[i, 0])
                text.append(fixed(e, ew, do), closeness_style(e))
        return text
