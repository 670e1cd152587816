"""The article's printed reports, reproduced digit for digit.

The article ran on Python 2: `print l1` used numpy's old array format and
`str(float)` kept 12 significant digits. Both are recreated here so the
output can be compared with the article at a glance.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from toynn_tui.engine import Net

ERROR_EVERY = 10000  # the 3-layer script prints its error every 10 000 iterations


def py2_float(x: float) -> str:
    """A float as Python 2's str() printed it (12 significant digits)."""
    return "%.12g" % x


def py2_array(a: np.ndarray) -> str:
    """An array as Python 2-era numpy printed it, e.g. `[[ 0.00966449]`."""
    with np.printoptions(legacy="1.13"):
        return str(np.asarray(a))


def report_lines(net: Net) -> Iterator[str]:
    """Train `net` to its total and yield what the article's script prints for it."""
    if net.layers == 3:
        for j in range(net.total):
            net.step()
            if j % ERROR_EVERY == 0:
                yield "Error:" + py2_float(net.error)
        return
    net.run(net.total)
    yield "Output After Training:"
    yield py2_array(net.out) if net.out is not None else "(no iterations run, no output yet)"
