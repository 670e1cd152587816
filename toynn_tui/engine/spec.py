"""Net specs: one description of a network variant, from which its loop lines are generated.

A `Spec` says everything that changes the arithmetic of training: the layer
sizes, and each of the article's "future work" options (alpha, bias units,
mini-batches, delta trimming, L2, dropout, momentum, batch norm), plus the data
it trains on and its default number of iterations. `SPECS` names the ones the
app and the exercise ladder use; the article's two nets are two of them.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from toynn_tui.i18n import N_, _

# train()'s keywords -> the Spec fields they set
KEYWORDS = {"alpha": "alpha", "batch_size": "batch_size", "clip": "clip", "lam": "lam", "p": "dropout",
            "momentum": "momentum", "iterations": "iterations"}


@dataclass(frozen=True)
class Spec:
    name: str
    sizes: tuple[int, ...] = (3, 4, 1)      # inputs, hidden layer(s), outputs
    alpha: float | None = None              # learning rate; None: the article's update (no alpha in the text)
    bias: bool = False                      # bias vectors b0, b1, ... (start at zero)
    batch_size: int | None = None           # mini-batches, reshuffled every epoch; None: the full batch
    clip: float | None = None               # delta trimming: every delta clipped to [-clip, clip]
    lam: float | None = None                # L2 regularization of the weights (not the biases)
    dropout: float | None = None            # drop rate p of every hidden unit (inverted dropout)
    momentum: float | None = None           # velocity per weight matrix
    batchnorm: bool = False                 # batch norm of every hidden layer's pre-activation
    eps: float = 1e-5                       # batch norm's epsilon
    data: str = "xor"                       # engine.data name
    iterations: int = 60000                 # default number of weight updates
    part1: bool = False                     # the article's Part 1 phrasing of its 2-layer loop
    # what the article's script prints for this net: "output" (the last forward pass's output, after
    # training) or "errors" (the error every 10 000 iterations); "" for a net the article does not print
    printed: str = ""
    title: str = ""             # English (marked N_ in the table below): shown through i18n._()

    def with_(self, **changes) -> "Spec":
        """A copy with some options changed (the app's knobs, a check's other settings)."""
        return dataclasses.replace(self, **changes)

    def configure(self, kwargs: dict, n_in: int | None = None, n_out: int | None = None) -> "Spec":
        """The spec a train(X, y, **kwargs) call stands for: `hidden` (one hidden layer of that width,
        between X's n_in columns and y's n_out) or `sizes` set the layer sizes, the other keywords the
        options of the same names (p: the dropout rate; iterations: the default count)."""
        changes = {KEYWORDS[k]: v for k, v in kwargs.items() if k in KEYWORDS}
        if "sizes" in kwargs:
            changes["sizes"] = tuple(int(n) for n in kwargs["sizes"])
        elif "hidden" in kwargs:
            changes["sizes"] = (n_in or self.sizes[0], int(kwargs["hidden"]), n_out or self.sizes[-1])
        return self.with_(**changes)

    @property
    def depth(self) -> int:
        """How many weight matrices (the article's "layers" counts one more: the input)."""
        return len(self.sizes) - 1

    @property
    def layers(self) -> int:
        return len(self.sizes)

    @property
    def hidden(self) -> range:
        """Indices of the hidden layers (1 .. depth-1)."""
        return range(1, self.depth)

    @property
    def param_names(self) -> tuple[str, ...]:
        """What train() returns, in order: weights in layer order, then biases, then batch norm's
        scale and shift per hidden layer."""
        names = [f"syn{j}" for j in range(self.depth)]
        if self.bias:
            names += [f"b{j}" for j in range(self.depth)]
        if self.batchnorm:
            for j in self.hidden:
                names += [f"gamma{j}", f"beta{j}"]
        return tuple(names)

    def param_shapes(self, rows: int | None = None) -> dict[str, tuple[int, ...]]:
        shapes = {f"syn{j}": (self.sizes[j], self.sizes[j + 1]) for j in range(self.depth)}
        if self.bias:
            shapes.update({f"b{j}": (self.sizes[j + 1],) for j in range(self.depth)})
        if self.batchnorm:
            for j in self.hidden:
                shapes[f"gamma{j}"] = shapes[f"beta{j}"] = (self.sizes[j],)
        return {n: shapes[n] for n in self.param_names}

    def options(self) -> dict:
        """The options that are on, as train()'s keyword arguments name them."""
        out = {}
        for key in ("alpha", "batch_size", "clip", "lam", "dropout", "momentum"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    def describe(self) -> str:
        """One line for a status bar: sizes and the options that are on."""
        parts = ["-".join(map(str, self.sizes))]
        parts += [f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in self.options().items()]
        parts += [name for name, on in (("bias", self.bias), ("batchnorm", self.batchnorm)) if on]
        return " ".join(parts)


ARTICLE2 = Spec("article2", sizes=(3, 1), data="part1", iterations=10000, part1=True, printed="output",
                title=N_("the article's 2-layer net (Part 1)"))
ARTICLE3 = Spec("article3", sizes=(3, 4, 1), data="xor", iterations=60000, printed="errors",
                title=N_("the article's 3-layer net (Part 2)"))

# The ladder's nets (exercises 4-13): each the article's 3-layer net plus what its rung adds.
SPECS: dict[str, Spec] = {s.name: s for s in (
    ARTICLE2,
    ARTICLE3,
    Spec("alpha", alpha=0.5, iterations=10000, title=N_("a learning rate alpha")),
    Spec("sizes", sizes=(3, 5, 3, 1), alpha=0.5, iterations=10000, title=N_("any layer sizes")),
    Spec("bias", sizes=(2, 4, 1), alpha=0.5, bias=True, data="xor2", iterations=10000, title=N_("bias units")),
    Spec("minibatch", alpha=0.5, batch_size=8, data="circle", iterations=4000, title=N_("mini-batches")),
    Spec("clip", alpha=1.0, clip=0.05, iterations=10000, title=N_("delta trimming")),
    Spec("l2", alpha=0.5, bias=True, lam=0.001, sizes=(2, 4, 1), data="xor2", iterations=10000,
         title=N_("L2 regularization")),
    Spec("dropout", alpha=0.5, dropout=0.2, data="circle", sizes=(3, 8, 1), iterations=4000, title=N_("dropout")),
    Spec("momentum", alpha=0.2, momentum=0.9, iterations=5000, title=N_("momentum")),
    Spec("batchnorm", alpha=0.1, batchnorm=True, data="circle", sizes=(3, 6, 1), iterations=3000,
         title=N_("batch normalization")),
    Spec("everything", sizes=(2, 8, 1), alpha=0.3, bias=True, batch_size=8, clip=0.5, lam=0.0005,
         dropout=0.1, momentum=0.5, batchnorm=True, data="circle2", iterations=3000,
         title=N_("every option together")),
)}


def get(name: str) -> Spec:
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(_("unknown net {name} (known: {names})").format(name=repr(name), names=", ".join(SPECS))) from None


ARTICLE = (ARTICLE2.name, ARTICLE3.name)


def is_article(spec: Spec | str) -> bool:
    """Is `spec` (a Spec or its name) one of the article's own two nets? By name: the playground's
    knobs on them keep it. The app draws these as it always did, the report prints what the article
    printed, and the ladder's rungs are the nets that are not."""
    return (spec if isinstance(spec, str) else spec.name) in ARTICLE


def article(layers: int) -> Spec:
    """The article's 2- or 3-layer net."""
    if layers not in (2, 3):
        raise ValueError(_("layers must be 2 or 3, not {layers}").format(layers=repr(layers)))
    return ARTICLE2 if layers == 2 else ARTICLE3
