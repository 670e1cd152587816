"""A Net: one spec's loop lines, compiled and run on numpy arrays.

`Net.step_line()` runs the next line (the app's line-by-line mode); `Net.run(n)`
runs n whole updates through a function compiled from the very same line texts,
with plain local variables, so it is as fast as a hand-written loop (bench/).
The private random state stands in for np.random inside the lines: the loop's
draws (shuffles, dropout masks) are the ones a learner's `np.random.seed(seed)`
gives, and the caller's global random state is never touched.

On a backend other than NumPy (engine/backend.py) the net's arrays live on that backend's device and
the lines' portable text runs; everything read from the net (`weights`, `values()`, `view`, `error`)
comes back as NumPy arrays on the host, so the app and the checker never see the difference.
"""
from __future__ import annotations

import contextlib
import math
import types
import warnings
from functools import lru_cache

import numpy as np

from toynn_tui.engine import backend as backends
from toynn_tui.engine import data
from toynn_tui.engine.lines import HOST_NAMES, Line, loop, names
from toynn_tui.engine.spec import Spec


def nonlin(x, deriv=False):
    """Sigmoid of x; with deriv=True, x is a sigmoid *output* and its slope x*(1-x) is returned."""
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def _numpy_with(rng: np.random.RandomState) -> types.ModuleType:
    """numpy, except that np.random is `rng` (a module copy: attribute lookups stay as fast)."""
    mod = types.ModuleType("numpy")
    mod.__dict__.update(np.__dict__)
    mod.random = rng
    return mod


def init_params(spec: Spec, seed: int) -> tuple[dict[str, np.ndarray], np.random.RandomState]:
    """The starting parameters after `np.random.seed(seed)`: each syn drawn as
    2*np.random.random(shape) - 1 in layer order; biases and batch norm's shift at 0,
    its scale at 1. Returns them with the random state as it is after the draws."""
    rng = np.random.RandomState(seed)
    shapes = spec.param_shapes()
    params = {}
    for name, shape in shapes.items():
        if name.startswith("syn"):
            params[name] = 2 * rng.random_sample(shape) - 1
        elif name.startswith("gamma"):
            params[name] = np.ones(shape)
        else:
            params[name] = np.zeros(shape)
    return params, rng


@contextlib.contextmanager
def _quiet():
    """Overflow (a large alpha) shows as inf/NaN on screen, not as warnings on the terminal.

    Not np.errstate: any non-default error state sends every ufunc call through numpy's slow path
    (numpy 2.x: about twice the cost per call; see bench/bench_engine.py). Warnings are filtered
    instead, and numpy only raises one when something did overflow."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


@lru_cache(maxsize=256)
def _compiled_line(text: str):
    return compile(text, "<toynn line>", "exec")


@lru_cache(maxsize=64)
def _compiled_loop(texts: tuple[str, ...], written: tuple[str, ...], read: tuple[str, ...], sigmoid=nonlin):
    """A function running n whole updates from the state dict S, compiled from the line texts."""
    load = "".join(f"    {n} = S.get({n!r})\n" for n in read)
    body = "".join(f"        {t}\n" for t in texts)
    store = ", ".join(f"{n!r}: {n}" for n in written)
    src = (f"def whole_loop(S, start, n):\n{load}"
           f"    for i in range(start, start + n):\n{body}"
           f"    S.update({{{store}}})\n")
    namespace = {"nonlin": sigmoid}
    exec(compile(src, "<toynn loop>", "exec"), namespace)  # our own generated text, never a learner's
    return namespace["whole_loop"]


class Net:
    """One spec's net, advanced an update (or a single line) at a time.

    `iteration` counts finished updates; `line` is the index of the loop line that
    runs next (0 between updates). `s` holds every loop variable as an attribute.
    """

    def __init__(self, layers: int | None = None, seed: int = 1, iterations: int | None = None,
                 X: np.ndarray | None = None, y: np.ndarray | None = None, alpha: float | None = None,
                 weights: list[np.ndarray] | None = None, spec: Spec | None = None,
                 lines: tuple[Line, ...] | None = None, backend: str | backends.Backend = "numpy"):
        from toynn_tui.engine.spec import article
        if spec is None:
            spec = article(3 if layers is None else layers)
        if alpha is not None and not (spec.alpha is None and alpha == 1):   # alpha 1 on the article: its own update
            spec = spec.with_(alpha=float(alpha))
        self.spec = spec
        self.backend = backend if isinstance(backend, backends.Backend) else backends.get(backend)
        self.loop = lines if lines is not None else loop(spec)
        self.names = names(self.loop)
        dx, dy = data.load(spec.data)
        self.X = np.asarray(X if X is not None else dx)
        self.y = np.asarray(y if y is not None else dy)
        self.total = spec.iterations if iterations is None else int(iterations)
        self._given = None if weights is None else [np.array(w, dtype=float) for w in weights]
        self._texts = self._runnable()
        modules = ("np",) if self.backend.is_numpy else ("xp", "rng", "dev")
        self._read = tuple(dict.fromkeys(
            ("X", "y") + modules + tuple(spec.param_names) + self._hyper_names() + self.names))
        self._whole = _compiled_loop(self._texts, self.names + self._velocity_names(), self._read,
                                     self.backend.nonlin)
        self.reset(seed)

    def _runnable(self) -> tuple[str, ...]:
        """The texts this backend runs: the article's on NumPy, the portable ones elsewhere."""
        if self.backend.is_numpy:
            return tuple(line.text for line in self.loop)
        if not all(line.portable for line in self.loop):   # an edited line (a checker's mistake)
            raise ValueError(f"these lines run on NumPy only, not on {self.backend.name}")
        return tuple(line.portable for line in self.loop)

    def _hyper_names(self) -> tuple[str, ...]:
        return ("alpha", "clip", "lam", "p", "momentum", "eps", "batch_size", "batches") + self._velocity_names()

    def _velocity_names(self) -> tuple[str, ...]:
        return tuple(f"v{j}" for j in range(self.spec.depth)) if self.spec.momentum is not None else ()

    def reset(self, seed: int | None = None) -> None:
        """Back to update 0 with the starting parameters of `seed` (default: the current seed)."""
        if seed is not None:
            self.seed = int(seed)
        spec = self.spec
        params, rng = init_params(spec, self.seed)
        if self._given is not None:   # given parameters (the checker: a learner's own start)
            params = dict(zip(spec.param_names, (w.copy() for w in self._given)))
        b = self.backend
        if b.is_numpy:
            s = types.SimpleNamespace(X=self.X, y=self.y, np=_numpy_with(rng))
        else:   # the draws stay on the host (`rng`); the arrays go to the device
            # (as floats: the standard promotes no int array with a float one, and the article's X is 0s and 1s)
            s = types.SimpleNamespace(X=b.to(self.X.astype(float)), y=b.to(self.y.astype(float)), xp=b.xp,
                                      rng=rng, dev=b.device)
            params = {k: b.to(v) for k, v in params.items()}
        for n in self.names:
            setattr(s, n, None)
        vars(s).update(params)
        vars(s).update(alpha=spec.alpha, clip=spec.clip, lam=spec.lam, p=spec.dropout,
                       momentum=spec.momentum, eps=spec.eps, batch_size=spec.batch_size,
                       batches=math.ceil(len(self.X) / spec.batch_size) if spec.batch_size else None)
        for j, v in enumerate(self._velocity_names()):
            setattr(s, v, b.xp.zeros_like(params[f"syn{j}"]))
        self.s = s
        self.iteration = 0
        self.line = 0

    def copy(self, lines: tuple[Line, ...] | None = None) -> "Net":
        """This net at the same point, with arrays and a random state of its own, running `lines`
        (default: the same lines). The checker replays a mistake (an edit of the lines) from the
        very state the reference reached, so what it compares is that one line's doing."""
        twin = Net(spec=self.spec, X=self.X, y=self.y, lines=lines if lines is not None else self.loop,
                   weights=self.weights, iterations=self.total, seed=self.seed, backend=self.backend)
        twin.restore(self.snapshot())
        twin.line = self.line
        if self.backend.is_numpy:   # an edited line may write into X or y: the twin's are its own
            twin.s.X, twin.s.y = self.s.X.copy(), self.s.y.copy()
        return twin

    @property
    def rng(self) -> np.random.RandomState:
        """The net's private random state (the lines' np.random), on the host on every backend."""
        return self.s.np.random if self.backend.is_numpy else self.s.rng

    def snapshot(self) -> dict:
        """Everything the net's next update depends on, as host values (picklable, and a copy)."""
        skip = ("np", "X", "y", "xp", "rng", "dev")
        values = {k: (self.backend.host(v).copy() if _is_array(v) else v)
                  for k, v in vars(self.s).items() if k not in skip}
        return {"values": values, "rng": self.rng.get_state(), "iteration": self.iteration}

    def restore(self, st: dict) -> None:
        """Back to a `snapshot()` (its arrays are copied in, to this net's device)."""
        b = self.backend
        vars(self.s).update({k: (v.copy() if b.is_numpy or k in HOST_NAMES else b.to(v))
                             if isinstance(v, np.ndarray) else v for k, v in st["values"].items()})
        self.rng.set_state(st["rng"])
        self.iteration, self.line = st["iteration"], 0

    # -- advancing ---------------------------------------------------------
    def step_line(self) -> Line:
        """Run the next line of the loop and return it; the last line completes an update."""
        line = self.loop[self.line]
        ns = vars(self.s)
        ns["i"] = self.iteration
        with _quiet():
            exec(_compiled_line(self._texts[self.line]), {"nonlin": self.backend.nonlin}, ns)
        self.line += 1
        if self.line == len(self.loop):
            self.line = 0
            self.iteration += 1
        return line

    def step(self) -> None:
        """Finish the current update (all of it when between updates)."""
        self.run(1)

    def run(self, n: int) -> None:
        """Run n updates (a partly run update counts as the first)."""
        with _quiet():
            if n > 0 and self.line:  # finish the update in progress first
                while self.line:
                    self.step_line()
                n -= 1
            if n > 0:
                self._whole(vars(self.s), self.iteration, n)
                self.iteration += n

    # -- reading -----------------------------------------------------------
    @property
    def layers(self) -> int:
        return self.spec.layers

    @property
    def weights(self) -> list[np.ndarray]:
        """Everything train() returns, in the spec's order (weights, biases, batch norm)."""
        return [self.backend.host(getattr(self.s, n)) for n in self.spec.param_names]   # NumPy's: the live arrays

    @property
    def view(self):
        """The loop's variables by attribute, as NumPy arrays (on NumPy, the live namespace itself)."""
        return self.s if self.backend.is_numpy else _HostView(self)

    @property
    def weight_names(self) -> tuple[str, ...]:
        return self.spec.param_names

    @property
    def out_name(self) -> str:
        """The output layer's name: l1 in the 2-layer net, l2 in the 3-layer one."""
        return f"l{self.spec.depth}"

    @property
    def out(self) -> np.ndarray | None:
        """The output of the latest forward pass (None before the first)."""
        return self.backend.host(getattr(self.s, self.out_name))

    @property
    def error(self) -> float | None:
        """Mean absolute output error of the latest forward pass, the article's "Error:"."""
        err = self.backend.host(getattr(self.s, self.out_name + "_error"))
        return None if err is None else float(np.mean(np.abs(err)))

    @property
    def finite(self) -> bool:
        """False once a parameter has overflowed to inf or NaN (a large alpha)."""
        return all(np.isfinite(w).all() for w in self.weights)

    @property
    def done(self) -> bool:
        return self.iteration >= self.total

    def values(self) -> dict[str, np.ndarray | None]:
        """Copies of every loop variable by name, in loop order (None where not computed yet)."""
        out = {}
        for name in self.names:
            v = self.backend.host(getattr(self.s, name))
            out[name] = None if v is None else np.array(v, dtype=float)
        return out


def _is_array(v) -> bool:
    return hasattr(v, "shape") and hasattr(v, "dtype")


class _HostView:
    """A net's loop variables read as host NumPy arrays (what the widgets draw)."""

    def __init__(self, net: Net) -> None:
        self._net = net

    def __getattr__(self, name: str):
        v = getattr(self._net.s, name)
        return self._net.backend.host(v) if _is_array(v) else v
