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

Each line has two texts from the same generator: `text`, the article's NumPy (np.dot, x.mean(...),
np.random), which the code panel shows and NumPy runs; and `portable`, the same step in the Array
API standard (`@`, xp.mean(x, ...), the host's RandomState `rng` moved to the device `dev`), which
every other backend runs (engine/backend.py). A line edited by the checker has no portable text:
mistakes are replayed on NumPy only.
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
    portable: str = ""   # the same step in the Array API standard ("": NumPy only)

    @property
    def target(self) -> str:
        return self.writes[0]


class _Numpy:
    """The article's words."""

    def dot(self, a: str, b: str, method: bool = False) -> str:
        return f"{a}.dot({b})" if method else f"np.dot({a}, {b})"

    def reduce(self, how: str, x: str) -> str:   # over the batch's examples
        return f"{x}.{how}(axis=0)"

    def call(self, fn: str, args: str) -> str:
        return f"np.{fn}({args})"

    def shuffle(self) -> str:
        return "np.random.permutation(len(X))"

    def rows(self, cut: str) -> str:
        return cut

    def take(self, a: str) -> str:
        return f"{a}[rows]"

    def mask(self, shape_of: str) -> str:
        return f"(np.random.random({shape_of}.shape) >= p) / (1 - p)"


class _Portable(_Numpy):
    """The Array API standard's words: no np., draws on the host's `rng`, moved to the device `dev`."""

    def dot(self, a: str, b: str, method: bool = False) -> str:
        return f"{a} @ {b}"

    def reduce(self, how: str, x: str) -> str:
        return f"xp.{how}({_ungroup(x)}, axis=0)"

    def call(self, fn: str, args: str) -> str:
        return f"xp.{fn}({args})"

    def shuffle(self) -> str:
        return "rng.permutation(X.shape[0])"

    def rows(self, cut: str) -> str:
        return f"xp.asarray({cut}, device=dev)"

    def take(self, a: str) -> str:
        return f"xp.take({a}, rows, axis=0)"

    def mask(self, shape_of: str) -> str:
        return f"xp.asarray((rng.random_sample(tuple({shape_of}.shape)) >= p) / (1 - p), device=dev)"


NUMPY, PORTABLE = _Numpy(), _Portable()
HOST_NAMES = ("order",)   # written by the portable text on the host (drawn by rng, sliced, then moved)


def _scaled(spec: Spec, grad: str) -> str:
    if spec.alpha is None:
        return grad
    return f"alpha * ({grad})" if " @ " in grad and not grad.startswith("(") else f"alpha * {grad}"


def _clip(spec: Spec, value: str, d: _Numpy) -> str:
    return d.call("clip", f"{value}, -clip, clip") if spec.clip is not None else value


def _ungroup(x: str) -> str:
    """x without the parentheses around all of it (a function's argument needs none)."""
    depth = 0
    for k, ch in enumerate(x):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and k < len(x) - 1:
            return x
    return x[1:-1] if x.startswith("(") else x


def forward(spec: Spec, d: _Numpy = NUMPY) -> list[Line]:
    lines = []
    if spec.batch_size is not None:
        lines += [
            Line(f"if i % batches == 0: order = {d.shuffle()}", ("order",),
                 note=_("a new shuffle at the start of every epoch")),
            Line(f"rows = {d.rows('order[(i % batches) * batch_size:(i % batches + 1) * batch_size]')}", ("rows",),
                 note=_("this update's batch (the last one of an epoch may be smaller)")),
            Line(f"l0 = {d.take('X')}", ("l0",)),
        ]
    else:
        lines.append(Line("l0 = X", ("l0",)))
    for j in range(1, spec.depth + 1):
        below = f"l{j - 1}d" if (spec.dropout is not None and j - 1 in spec.hidden) else f"l{j - 1}"
        pre = d.dot(below, f"syn{j - 1}") + (f" + b{j - 1}" if spec.bias else "")
        if spec.batchnorm and j in spec.hidden:
            lines += [
                Line(f"z{j} = {pre}", (f"z{j}",)),
                Line(f"std{j} = {d.call('sqrt', d.reduce('var', f'z{j}') + ' + eps')}", (f"std{j}",),
                     note=_("spread of each unit over the batch's examples")),
                Line(f"zhat{j} = (z{j} - {d.reduce('mean', f'z{j}')}) / std{j}", (f"zhat{j}",)),
                Line(f"l{j} = nonlin(gamma{j} * zhat{j} + beta{j})", (f"l{j}",)),
            ]
        else:
            lines.append(Line(f"l{j} = nonlin({pre})", (f"l{j}",)))
        if spec.dropout is not None and j in spec.hidden:
            lines += [
                Line(f"d{j} = {d.mask(f'l{j}')}", (f"d{j}",),
                     note=_("keep each unit with chance 1-p, scaled so the expected sum stays")),
                Line(f"l{j}d = l{j} * d{j}", (f"l{j}d",)),
            ]
    return lines


def backward(spec: Spec, d: _Numpy = NUMPY) -> list[Line]:
    k = spec.depth
    target = d.take("y") if spec.batch_size is not None else "y"
    lines = [Line(f"l{k}_error = {target} - l{k}", (f"l{k}_error",))]
    deriv = "True" if spec.part1 else "deriv=True"
    lines.append(Line(f"l{k}_delta = {_clip(spec, f'l{k}_error * nonlin(l{k}, {deriv})', d)}", (f"l{k}_delta",)))
    for j in range(k - 1, 0, -1):
        above = f"z{j + 1}_delta" if spec.batchnorm and j + 1 in spec.hidden else f"l{j + 1}_delta"
        err = d.dot(above, f"syn{j}.T", method=True) + (f" * d{j}" if spec.dropout is not None else "")
        lines.append(Line(f"l{j}_error = {err}", (f"l{j}_error",)))
        lines.append(Line(f"l{j}_delta = {_clip(spec, f'l{j}_error * nonlin(l{j}, deriv=True)', d)}",
                          (f"l{j}_delta",)))
        if spec.batchnorm:
            g = f"l{j}_delta * gamma{j}"
            lines.append(Line(f"z{j}_delta = ({g} - {d.reduce('mean', f'({g})')} - zhat{j} * "
                              f"{d.reduce('mean', f'({g} * zhat{j})')}) / std{j}", (f"z{j}_delta",),
                              note=_("back through the normalisation")))
    return lines


def updates(spec: Spec, d: _Numpy = NUMPY) -> list[Line]:
    lines = []
    for j in range(spec.depth, 0, -1):
        w = f"syn{j - 1}"
        below = f"l{j - 1}d" if (spec.dropout is not None and j - 1 in spec.hidden) else f"l{j - 1}"
        delta = f"z{j}_delta" if spec.batchnorm and j in spec.hidden else f"l{j}_delta"
        grad = d.dot(f"{below}.T", delta, method=not spec.part1)
        if spec.lam is not None:
            grad = f"({grad} - lam * {w})" if spec.momentum is None else f"{grad} - lam * {w}"
        if spec.momentum is not None:
            lines.append(Line(f"v{j - 1} = momentum * v{j - 1} + {grad}", (f"v{j - 1}",),
                              note=_("the velocity remembers past steps")))
            lines.append(Line(f"{w} += {_scaled(spec, f'v{j - 1}')}", (w,)))
        else:
            lines.append(Line(f"{w} += {_scaled(spec, grad)}", (w,)))
        if spec.bias:
            lines.append(Line(f"b{j - 1} += {_scaled(spec, d.reduce('sum', delta))}", (f"b{j - 1}",),
                              note=_("a bias sees every example: its step is the sum of the deltas")))
        if spec.batchnorm and j in spec.hidden:
            lines.append(Line(f"gamma{j} += {_scaled(spec, d.reduce('sum', f'(l{j}_delta * zhat{j})'))}",
                              (f"gamma{j}",)))
            lines.append(Line(f"beta{j} += {_scaled(spec, d.reduce('sum', f'l{j}_delta'))}", (f"beta{j}",)))
    return lines


def _lines(spec: Spec, d: _Numpy) -> list[Line]:
    return forward(spec, d) + backward(spec, d) + updates(spec, d)


def loop(spec: Spec) -> tuple[Line, ...]:
    """Every line of one weight update for `spec`, in the order they run, each with its portable text."""
    shown, portable = _lines(spec, NUMPY), _lines(spec, PORTABLE)
    assert [a.writes for a in shown] == [b.writes for b in portable]   # one generator, two dialects
    return tuple(Line(a.text, a.writes, a.blank, a.note, b.text) for a, b in zip(shown, portable))


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
