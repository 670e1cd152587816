"""Your network beside the reference: the learner's train() for iterations 0, 1, 2, ... next to the engine's.

The learner's code runs only in the checker's sandboxed child (`sandbox.run_plan`),
one call `train(X, y, iterations=k, seed=SEED, ...)` per k (the contract's seed); what comes back is plain
arrays. Everything else is trusted code here: the reference's parameters after each
update (the engine's Net, stepped), both nets' outputs (`engine.predict` on the
returned weights), their errors, and the first iteration where the two part.
The line to blame comes from the checker's own verdict (`toynn check --json`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from toynn_tui import engine, ladder
from toynn_tui.i18n import _
from toynn_tui.checker import compare

UPTO = 12   # iterations shown: the first mistake of a loop shows at iteration 1, a stateful one soon after
SEED = 1    # the contract's own call's seed: both sides start from its weights


@dataclass
class Side:
    """One net at one iteration: its parameters (by name), its output for every example, its error."""

    weights: list[np.ndarray] | None
    out: np.ndarray | None = None
    error: float | None = None
    problem: str = ""          # why there are no numbers (the learner's call raised, ...)


@dataclass
class Trajectory:
    exercise: str
    file: Path
    names: tuple[str, ...]
    reference: list[Side] = field(default_factory=list)
    yours: list[Side] = field(default_factory=list)
    problem: str = ""          # the file could not be run at all (does not load, not readable)
    lines: list[str] = field(default_factory=list)   # the checker's named lines, "line 26: ... (mistake)"
    seed: int = SEED           # both nets start from this seed's weights

    @property
    def first_diverging(self) -> int | None:
        """The first iteration whose parameters are not the reference's (within the checker's tolerance)."""
        for k, (ref, mine) in enumerate(zip(self.reference, self.yours)):
            if mine.weights is None or not compare.same(ref.weights, mine.weights):
                return k
        return None

    def differs(self, k: int, name: str) -> np.ndarray | None:
        """Where parameter `name` of yours differs from the reference's at iteration k (a boolean mask)."""
        i = self.names.index(name)
        ref, mine = self.reference[k].weights, self.yours[k].weights
        if mine is None or mine[i].shape != ref[i].shape:
            return None
        return ~np.isclose(mine[i], ref[i], rtol=compare.RTOL, atol=compare.ATOL)


def _side(spec: engine.Spec, X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]) -> Side:
    shapes = list(spec.param_shapes().values())
    if [w.shape for w in weights] != shapes:
        return Side(weights, problem=_("shapes {got} (expected {expected})").format(
            got=", ".join(str(w.shape) for w in weights), expected=", ".join(map(str, shapes))))
    with np.errstate(all="ignore"):
        out = engine.predict(X, weights, spec)
    return Side(weights, out, float(np.mean(np.abs(y - out))))


def trajectory(exercise: str, file: Path, upto: int = UPTO, timeout: float | None = None,
               seed: int = SEED) -> Trajectory:
    """The learner's `file` as `exercise`, iterations 0..upto, beside the reference, both from `seed`."""
    from toynn_tui.checker.sandbox import Call, run_plan
    ex = ladder.get(exercise)
    spec = ex.spec()
    if spec is None:
        raise ValueError(_("{exercise} has no network to compare (it is the sigmoid alone)").format(exercise=exercise))
    X, y = engine.data.load(spec.data)
    traj = Trajectory(exercise, Path(file), spec.param_names, seed=seed)
    net = engine.Net(spec=spec, seed=traj.seed, X=X, y=y)
    for k in range(upto + 1):
        if k:
            net.step()
        traj.reference.append(_side(spec, X, y, [np.array(w) for w in net.weights]))
    returns = len(spec.param_names)
    calls = [Call("train", ("X", "y"), {**ex.defaults, "iterations": k, "seed": traj.seed}, returns)
             for k in range(upto + 1)]
    if Path(file).suffix.lower() == ".ipynb":   # its code cells, as the checker grades them
        from toynn_tui.checker import notebook
        from toynn_tui.checker.files import Unreadable
        try:
            with notebook.graded_copy(Path(file), ex.name) as (graded, extracted):
                run = run_plan(graded, Path(ex.file).stem, {"X": X, "y": y}, calls, timeout)
        except (Unreadable, notebook.NotNotebook) as exc:
            traj.problem = _("your notebook could not be graded: {why}").format(why=exc)
            return traj
    else:
        graded = extracted = None
        run = run_plan(Path(file), Path(ex.file).stem, {"X": X, "y": y}, calls, timeout)
    _collect(traj, run, spec, X, y)
    if extracted is not None:   # its lines named by cell
        traj.problem = notebook.by_cell(traj.problem, extracted, graded.name)
    return traj


def _collect(traj: Trajectory, run, spec: engine.Spec, X: np.ndarray, y: np.ndarray) -> None:
    """The learner's side of `traj` from the child's `run`."""
    if run.imported.status != "ok":
        err = run.imported.error or {}
        why = f"{err.get('type')}: {err.get('message')}" if err else run.ended
        traj.problem = _("your file did not load: {why}").format(why=why)
    for c in run.calls:
        if c.status == "ok":
            traj.yours.append(_side(spec, X, y, [np.asarray(a, dtype=float) for a in c.arrays]))
        else:
            err = c.error or {}
            why = f"{err.get('type')}: {err.get('message')}" if err else (c.message or c.status)
            traj.yours.append(Side(None, problem=why))
