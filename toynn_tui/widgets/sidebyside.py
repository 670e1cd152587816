"""One net at one iteration as text, for the compare screen: every parameter and every output.

`side_text` draws the reference's or the learner's parameters with every number
printed; on the learner's side a number that differs from the reference's is
drawn red on a dark background and marked ✗ (in the room of the space before it),
so the first wrong weight stands out, with colour or without.
"""
from __future__ import annotations

import numpy as np
from rich.text import Text

from toynn_tui.widgets._fmt import HEAD, fixed, weight_style
from toynn_tui.i18n import _
from toynn_tui.widgets.learner import plain

WRONG = "bold white on rgb(140,30,40)"
CELL, DECIMALS = 8, 4


def _matrix(out: Text, name: str, a: np.ndarray, wrong: np.ndarray | None) -> None:
    out.append(f"{name} {'×'.join(map(str, a.shape))}\n", HEAD)
    rows = a.reshape(1, -1) if a.ndim == 1 else a.reshape(a.shape[0], -1)
    mask = None if wrong is None else wrong.reshape(rows.shape)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            wrong_here = mask is not None and mask[i, j]
            out.append("✗" if wrong_here else " ", WRONG if wrong_here else "")
            cell = fixed(float(v), CELL - 1, DECIMALS)
            out.append(cell, WRONG if wrong_here else weight_style(float(v)))
        out.append("\n")


def side_text(side, names: tuple[str, ...], wrong: dict[str, np.ndarray | None] | None = None,
              out_name: str = "output") -> Text:
    """`side` (sidebyside.Side) as text; `wrong`: per parameter, where it differs from the reference."""
    out = Text(no_wrap=True, overflow="crop")
    if side.weights is None:
        out.append(_("no numbers: {problem}").format(problem=plain(side.problem)), "bold red")   # what the learner's train raised
        return out
    for name, a in zip(names, side.weights):
        _matrix(out, name, np.asarray(a), (wrong or {}).get(name))
    if side.out is None:
        out.append(plain(side.problem), "bold red")
        return out
    out.append(_("{name} for each example").format(name=out_name) + "\n", HEAD)
    out.append(" " + " ".join(f"{float(v):.4f}" for v in side.out.ravel()[:12]))
    if side.out.size > 12:
        out.append(" " + _("… {n} more").format(n=side.out.size - 12), "dim")
    out.append("\n" + _("error") + " ", HEAD)
    out.append(f"{side.error:.6f}")
    return out
