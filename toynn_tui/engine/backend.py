"""Where a net's arrays live: NumPy (the default, and what a learner writes) or any Array API namespace.

A `Backend` names an array namespace `xp` and a device, and moves arrays between it and the host.
NumPy runs the loop's lines as the article writes them; every other backend runs their portable
text (`Line.portable`: `@`, `xp.mean(...)`, no `np.`). The random numbers are drawn on the host
by NumPy's RandomState as always, then moved with `xp.asarray`, so every backend follows the
article's random stream. The namespaces are imported only when chosen: a plain install needs none.

array-api-strict runs on its fake device "device1", not its default one: an array left on the host
by mistake then meets a device array and the strict library refuses to mix them, which is how the
tests catch it.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import numpy as np

from toynn_tui.i18n import _

NAMES = ("numpy", "array-api-strict", "cupy", "torch")


class BackendMissing(RuntimeError):
    """The chosen backend cannot run here (not installed, or no device): the message says why."""


@dataclass(frozen=True)
class Backend:
    name: str
    xp: Any                 # the array namespace (array-api-compat's for cupy and torch)
    device: Any             # where the net's arrays are made
    host_device: Any        # the namespace's name for the host, to bring arrays back
    nonlin: Callable        # the article's sigmoid, written in this namespace

    @property
    def is_numpy(self) -> bool:
        return self.name == "numpy"

    def to(self, a) -> Any:
        """A host array (or number) as an array of this backend, on its device."""
        if self.is_numpy:
            return np.asarray(a)
        return self.xp.asarray(np.asarray(a), device=self.device)

    def host(self, a) -> np.ndarray | None:
        """An array of this backend as a NumPy array (None stays None)."""
        if a is None or self.is_numpy or isinstance(a, np.ndarray):
            return None if a is None else np.asarray(a)
        from array_api_compat import to_device
        return np.asarray(to_device(a, self.host_device))


def _sigmoid_in(xp) -> Callable:
    def nonlin(x, deriv=False):
        if deriv:
            return x * (1 - x)
        return 1 / (1 + xp.exp(-x))
    return nonlin


def _import(module: str, name: str):
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        how = "pip install 'toynn[backends]'" if module.startswith("array_api") else f"pip install {module}"
        raise BackendMissing(_("the {name} backend needs the {module} package, which is not installed "
                               "({how}); or use --backend numpy").format(name=name, module=module, how=how)) from exc


@lru_cache(maxsize=None)
def get(name: str = "numpy") -> Backend:
    """The backend called `name` (one of NAMES); BackendMissing when it cannot run here."""
    if name not in NAMES:
        raise BackendMissing(_("no backend called {name!r}: choose one of {names}").format(
            name=name, names=", ".join(NAMES)))
    if name == "numpy":
        from toynn_tui.engine.net import nonlin
        return Backend(name, np, "cpu", "cpu", nonlin)
    if name == "array-api-strict":
        strict = _import("array_api_strict", name)
        return Backend(name, strict, strict.Device("device1"), strict.Device("CPU_DEVICE"), _sigmoid_in(strict))
    compat = _import("array_api_compat", name)
    if name == "cupy":
        cupy = _import("cupy", name)
        try:
            device = cupy.cuda.Device(0)
            device.compute_capability   # raises without a GPU or a driver
        except Exception as exc:   # noqa: BLE001 - cupy raises its own CUDA error types
            raise BackendMissing(_("the cupy backend needs a CUDA GPU: {reason}").format(reason=exc)) from exc
        xp = compat.array_namespace(cupy.zeros(1))
        return Backend(name, xp, device, "cpu", _sigmoid_in(xp))
    torch = _import("torch", name)
    xp = compat.array_namespace(torch.zeros(1))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    return Backend(name, xp, device, "cpu", _sigmoid_in(xp))
