"""The loop's lines, generated from a Spec: what the code panel shows is what runs.

`loop(spec)` returns the lines of ONE weight update, in the order they run, as
`Line`s: the text (real Python, with the article's names), the names it writes,
and the blank of the guided exercise template. The engine compiles these texts
(one line at a time for the app's line mode, the whole loop for speed), and the
checker's step mistakes are edits of this table (`edit`).

Conventions, shared by every rung's contract:
- a delta is the error times the slope (y - output, so the updates are `+=`);
- every delta is computed before any weight moves (the blame uses the weights
  that made the prediction), then the updates run from the top layer down;
- random draws come from np.random in the order the lines make them: after the
  weights' draws, per update: the epoch's shuffle (mini-batches), then the
  dropout masks of the hidden layers in layer order.
"""
from __future__ import annotations

from dataclasses import dataclass

from toynn_tui.engine.spec import Spec
from toynn_tui.i18n import _


@dataclass(frozen=True)
class Line:
    """One line of the training loop."""

    text: str
    writes: tuple[str, ...]
    blank: str = ""      # what the guided template leaves out ("": the whole right-hand side)
    note: str = ""       # a short why, shown beside the line in the app

    @property
    def target(self) -> str:
        return self.writes[0]


def _scaled(spec: Spec, grad: str) -> str:
    return f"alpha * {grad}" if spec.alpha is not None else grad


def _clip(spec: Spec, value: str) -> str:
    return f"np.clip({value}, -clip, clip)" if spec.clip is not None else value


def forward(spec: Spec) -> list[Line]:
    lines = []
    if spec.batch_size is not None:
        lines += [
            Line("if i % batches == 0: order = np.random.permutation(len(X))", ("order",),
                 note=_("a new shuffle at the start of every epoch")),
            Line("rows = order[(i % batches) * batch_size:(i % batches + 1) * batch_size]", ("rows",),
                 note=_("this update's batch (the last one of an epoch may be smaller)")),
            Line("l0 = X[rows]", ("l0",)),
        ]
    else:
        lines.append(Line("l0 = X", ("l0",)))
    for j in range(1, spec.depth + 1):
        below = f"l{j - 1}d" if (spec.dropout is not None and j - 1 in spec.hidden) else f"l{j - 1}"
        pre = f"np.dot({below}, syn{j - 1})" + (f" + b{j - 1}" if spec.bias else "")
        if spec.batchnorm and j in spec.hidden:
            lines += [
                Line(f"z{j} = {pre}", (f"z{j}",)),
                Line(f"std{j} = np.sqrt(z{j}.var(axis=0) + eps)", (f"std{j}",),
                     note=_("spread of each unit over the batch's examples")),
                Line(f"zhat{j} = (z{j} - z{j}.mean(axis=0)) / std{j}", (f"zhat{j}",)),
                Line(f"l{j} = nonlin(gamma{j} * zhat{j} + beta{j})", (f"l{j}",)),
            ]
        else:
            lines.append(Line(f"l{j} = nonlin({pre})", (f"l{j}",)))
        if spec.dropout is not None and j in spec.hidden:
            lines += [
                Line(f"d{j} = (np.random.random(l{j}.shape) >= p) / (1 - p)", (f"d{j}",),
                     note=_("keep each unit with chance 1-p, scaled so the expected sum stays")),
                Line(f"l{j}d = l{j} * d{j}", (f"l{j}d",)),
            ]
    return lines


def backward(spec: Spec) -> list[Line]:
    k = spec.depth
    target = "y[rows]" if spec.batch_size is not None else "y"
    lines = [Line(f"l{k}_error = {target} - l{k}", (f"l{k}_error",))]
    deriv = "True" if spec.part1 else "deriv=True"
    lines.append(Line(f"l{k}_delta = {_clip(spec, f'l{k}_error * nonlin(l{k}, {deriv})')}", (f"l{k}_delta",)))
    for j in range(k - 1, 0, -1):
        above = f"z{j + 1}_delta" if spec.batchnorm and j + 1 in spec.hidden else f"l{j + 1}_delta"
        err = f"{above}.dot(syn{j}.T)" + (f" * d{j}" if spec.dropout is not None else "")
        lines.append(Line(f"l{j}_error = {err}", (f"l{j}_error",)))
        lines.append(Line(f"l{j}_delta = {_clip(spec, f'l{j}_error * nonlin(l{j}, deriv=True)')}", (f"l{j}_delta",)))
        if spec.batchnorm:
            g = f"l{j}_delta * gamma{j}"
            lines.append(Line(f"z{j}_delta = ({g} - ({g}).mean(axis=0) - zhat{j} * ({g} * zhat{j}).mean(axis=0))"
                              f" / std{j}", (f"z{j}_delta",), note=_("back through the normalisation")))
    return lines


def updates(spec: Spec) -> list[Line]:
    lines = []
    for j in range(spec.depth, 0, -1):
        w = f"syn{j - 1}"
        below = f"l{j - 1}d" if (spec.dropout is not None and j - 1 in spec.hidden) else f"l{j - 1}"
        delta = f"z{j}_delta" if spec.batchnorm and j in spec.hidden else f"l{j}_delta"
        grad = f"np.dot({below}.T, {delta})" if spec.part1 else f"{below}.T.dot({delta})"
        if spec.lam is not None:
            grad = f"({grad} - lam * {w})" if spec.momentum is None else f"{grad} - lam * {w}"
        if spec.momentum is not None:
            lines.append(Line(f"v{j - 1} = momentum * v{j - 1} + {grad}", (f"v{j - 1}",),
                              note=_("the velocity remembers past steps")))
            lines.append(Line(f"{w} += {_scaled(spec, f'v{j - 1}')}", (w,)))
        else:
            lines.append(Line(f"{w} += {_scaled(spec, grad)}", (w,)))
        if spec.bias:
            lines.append(Line(f"b{j - 1} += {_scaled(spec, f'{delta}.sum(axis=0)')}", (f"b{j - 1}",),
                              note=_("a bias sees every example: its step is the sum of the deltas")))
        if spec.batchnorm and j in spec.hidden:
            lines.append(Line(f"gamma{j} += {_scaled(spec, f'(l{j}_delta * zhat{j}).sum(axis=0)')}", (f"gamma{j}",)))
            lines.append(Line(f"beta{j} += {_scaled(spec, f'l{j}_delta.sum(axis=0)')}", (f"beta{j}",)))
    return lines


def loop(spec: Spec) -> tuple[Line, ...]:
    """Every line of one weight update for `spec`, in the order they run."""
    return tuple(forward(spec) + backward(spec) + updates(spec))


def names(lines: tuple[Line, ...]) -> tuple[str, ...]:
    """Every name the loop writes, in the order it first writes them."""
    return tuple(dict.fromkeys(n for line in lines for n in line.writes))


def edit(lines: tuple[Line, ...], target: str, text: str | None) -> tuple[Line, ...]:
    """The table with the line writing `target` replaced by `text` (None: the line removed).
    A step mistake is one such edit, replayed by the engine's own Net."""
    if not any(line.target == target for line in lines):
        raise KeyError(_("no line writes {name}").format(name=repr(target)))
    out = []
    for line in lines:
        if line.target != target:
            out.append(line)
        elif text is not None:
            out.append(Line(text, line.writes, line.blank, line.note))
    return tuple(out)
