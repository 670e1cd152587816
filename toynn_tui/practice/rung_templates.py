"""The practice files of the network rungs (exercises 4-13), generated from each rung's spec.

Exercises 1-3 have hand-written templates in templates/; a rung's are made from
the same generated lines the engine runs, so `toynn start`, `toynn drill` and the
guided level work for every rung with nothing written per rung:
- guided: nonlin given, the draws and the loop's skeleton, each line to write
  left as a `raise NotImplementedError("l1 = ...")` blank naming what it assigns;
- blank: the contract, the data and train's signature only.
"""
from __future__ import annotations

from toynn_tui import engine, ladder


def signature(ex: ladder.Exercise) -> str:
    spec = ex.spec()
    kw = [f"{k}={tuple(v) if isinstance(v, list) else v!r}" for k, v in ex.defaults.items()]
    return f"train(X, y, {', '.join(kw + [f'iterations={spec.iterations}', 'seed=1'])})"


def _head(ex: ladder.Exercise) -> str:
    spec = engine.get_spec(ex.net)
    return ('"""{{CONTRACT}}"""\nimport numpy as np\n\n' + engine.data.source(spec.data) + "\n")


def _returns(spec: engine.Spec) -> str:
    return ", ".join(spec.param_names)


def _blank(line: engine.Line) -> str:
    op = "+=" if " += " in line.text and not line.text.startswith("if ") else "="
    words = f"{line.target} {op} ..." + (f"  ({line.note})" if line.note else "")
    return f'raise NotImplementedError("{words}")'


def render(ex: ladder.Exercise, level: str) -> str:
    spec = ex.spec()
    head = _head(ex)
    if level == "blank":
        return (head + "\n\ndef nonlin(x, deriv=False):\n    raise NotImplementedError(\"not written yet\")\n\n\n"
                f"def {signature(ex)}:\n    raise NotImplementedError(\"not written yet\")\n")
    body = ["    np.random.seed(seed)"]
    shapes = spec.param_shapes()
    for name in spec.param_names:
        if name.startswith("syn"):
            body.append(f'    raise NotImplementedError("{name} = weights of shape {shapes[name]} '
                        f'(from the sizes you are given), uniform in [-1, 1)")')
        else:
            body.append(f'    raise NotImplementedError("{name} = its starting value, shape {shapes[name]}")')
    if spec.momentum is not None:
        body.append('    raise NotImplementedError("v0, v1, ... = one velocity per weight matrix, zeros")')
    if spec.batch_size is not None:
        body.append('    raise NotImplementedError("batches = how many batches make one epoch (round up)")')
    body.append("    for i in range(iterations):")
    body += [f"        {_blank(line)}" for line in engine.loop(spec)]
    body.append(f"    return {_returns(spec)}")
    return (head + "\n# Each `raise NotImplementedError(...)` line is a blank: replace the whole line\n"
            "# with the code its text describes (\"l1 = ...\" means a line assigning l1).\n\n\n"
            "def nonlin(x, deriv=False):\n    if deriv:\n        return x * (1 - x)\n"
            "    return 1 / (1 + np.exp(-x))\n\n\n"
            f"def {signature(ex)}:\n" + "\n".join(body) + "\n")


def written(ex: ladder.Exercise, lines: tuple[engine.Line, ...] | None = None) -> str:
    """A whole learner's file for the rung with `lines` as its loop (default: the spec's own): what a
    learner who followed the contract line by line writes. The tests make their wrong files from it,
    one mistake (`mistakes.edits`) at a time. Only the default sizes: a file for other sizes is another file."""
    spec = ex.spec()
    body = ["    np.random.seed(seed)"]
    sizes = "(X.shape[1], hidden, y.shape[1])" if "hidden" in ex.defaults else "tuple(sizes)"
    body.append(f"    shape = {sizes}")
    body += [f"    syn{j} = 2 * np.random.random((shape[{j}], shape[{j + 1}])) - 1" for j in range(spec.depth)]
    if spec.bias:
        body += [f"    b{j} = np.zeros(shape[{j + 1}])" for j in range(spec.depth)]
    if spec.batchnorm:
        body += [f"    gamma{j}, beta{j} = np.ones(shape[{j}]), np.zeros(shape[{j}])" for j in spec.hidden]
    if spec.momentum is not None:
        body += [f"    v{j} = np.zeros_like(syn{j})" for j in range(spec.depth)]
    if spec.batch_size is not None:
        body.append("    batches = -(-len(X) // batch_size)")
    body.append("    eps = 1e-5")
    body.append("    for i in range(iterations):")
    body += [f"        {line.text}" for line in (lines if lines is not None else engine.loop(spec))]
    body.append(f"    return {_returns(spec)}")
    return (_head(ex).replace("{{CONTRACT}}", f"{ex.title}, written from the contract's lines.")
            + "\n\ndef nonlin(x, deriv=False):\n    if deriv:\n        return x * (1 - x)\n"
            "    return 1 / (1 + np.exp(-x))\n\n\n"
            f"def {signature(ex)}:\n" + "\n".join(body) + "\n")
