"""The article's printed reports, reproduced digit for digit.

The article ran on Python 2: `print l1` used numpy's old array format and
`str(float)` kept 12 significant digits. Both are recreated here so the
output can be compared with the article at a glance. The ladder's other nets
get a report in the same spirit: the error every tenth of the run, then the
output for every example.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from toynn_tui.engine import Net, is_article, predict
from toynn_tui.i18n import _, ngettext

ERROR_EVERY = 10000  # the 3-layer script prints its error every 10 000 iterations


def py2_float(x: float) -> str:
    """A float as Python 2's str() printed it (12 significant digits)."""
    return "%.12g" % x


def py2_array(a: np.ndarray) -> str:
    """An array as Python 2-era numpy printed it, e.g. `[[ 0.00966449]`."""
    with np.printoptions(legacy="1.13"):
        return str(np.asarray(a))


def report_lines(net: Net) -> Iterator[str]:
    """Train `net` to its total and yield what the article's script prints for it (`Spec.printed`;
    any other net of the ladder: `spec_report_lines`)."""
    if not is_article(net.spec):
        yield from spec_report_lines(net)
        return
    if net.spec.printed == "errors":
        for j in range(net.total):
            net.step()
            if j % ERROR_EVERY == 0:
                yield "Error:" + py2_float(net.error)
        return
    net.run(net.total)
    yield "Output After Training:"
    yield py2_array(net.out) if net.out is not None else _("(no iterations run, no output yet)")


def checkpoints(total: int) -> list[int]:
    """The iterations that end each tenth of a run of `total` (fewer for a run under 10)."""
    return sorted({round(total * k / 10) for k in range(1, 11)} - {0})


def spec_report_lines(net: Net) -> Iterator[str]:
    """Train `net` to its total; yield its summary, the mean |error| of the loop's latest
    forward pass (the article's "Error:", this batch's with mini-batches) at every tenth of
    the run, and the output after training for all of X (no dropout; batch norm over all X)."""
    spec = net.spec
    yield ngettext("{name}: {summary}, {n} iteration, seed {seed}", "{name}: {summary}, {n} iterations, seed {seed}",
                   net.total).format(name=spec.name, summary=spec.describe(), n=f"{net.total:,}", seed=net.seed)
    for end in checkpoints(net.total):
        net.run(end - net.iteration)
        # toynn's own line for a ladder net (the article's "Error:" lines are the article's and stay as printed)
        yield ngettext("Error after {n} iteration: {error}", "Error after {n} iterations: {error}",
                       net.iteration).format(n=f"{net.iteration:,}", error=py2_float(net.error))
    yield "Output After Training:"   # as the article prints it, in every language
    if net.out is None:
        yield _("(no iterations run, no output yet)")
        return
    yield py2_array(predict(net.X, net.weights, spec))
