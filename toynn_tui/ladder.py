"""The exercise ladder, read from `ladder.toml` (the one metadata file).

Everything that lists, inits, checks or drills exercises goes through `load()`
and `get()`, so adding an exercise means adding a table to the TOML, a stub and a solution
(and, for anything but a network rung, a grading file), and no other code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from toynn_tui.i18n import _
from toynn_tui.paths import ladder_dir

NETWORK_GRADING = "test_network.py"
LADDER_FILE = Path(__file__).resolve().parent / "ladder.toml"


class UnknownExercise(KeyError):
    """Asked for an exercise the ladder does not have."""

    def __str__(self) -> str:
        names = ", ".join(ex.name for ex in load())
        return _("unknown exercise {name} (the ladder has: {names})").format(name=repr(self.args[0]), names=names)


@dataclass(frozen=True)
class Exercise:
    name: str
    title_en: str      # the ladder's English; `title`, `contract` and `hints` are it in the current language
    file: str          # file name inside a workspace's exercises/ folder
    grading: str       # pytest file inside toynn_tui/checker/grading/
    contract_en: str
    # the checks' names are ids (the grading tests report them, gradebooks and JUnit name them):
    # English always; where one is shown, it goes through i18n._()
    checks: tuple[str, ...]
    hints_en: tuple[str, ...]
    order: int         # 1-based position on the ladder
    # network exercises (exercise 2 on): the engine's spec, train()'s keyword defaults, the sets of
    # other values the checks try (`others`; `other` is the first); their grading file is the one
    # spec-driven test_network.py
    net: str = ""
    defaults: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)
    others: tuple[dict, ...] = ()
    # grading in points: the exercise is out of `points`, each check carries its `weights` entry
    # (in the order of `checks`; equal when the table has none), so a gradebook gives partial credit
    points: float = 10.0
    weights: tuple[float, ...] = ()

    def weight(self, check: str, position: int) -> float:
        """A check's weight, by its name (or its position when the name is not one of `checks`)."""
        weights = self.weights or (1.0,) * len(self.checks)
        i = self.checks.index(check) if check in self.checks else position
        return weights[i] if 0 <= i < len(weights) else 1.0

    @property
    def title(self) -> str:
        return _(self.title_en)

    @property
    def contract(self) -> str:
        return _(self.contract_en).strip()

    @property
    def hints(self) -> tuple[str, ...]:
        return tuple(_(h) for h in self.hints_en)

    @property
    def network(self) -> bool:
        """A network exercise (the article's two nets, every rung): graded by the one spec-driven file."""
        return self.grading == NETWORK_GRADING

    @property
    def rung(self) -> bool:
        """A network rung of the future-work ladder: a network past the article's own two, whose
        practice files are generated from its spec (the article's nets have written templates)."""
        from toynn_tui.engine import is_article
        return self.network and not is_article(self.spec())

    def spec(self):
        """The engine's net this exercise trains (its defaults applied), or None (exercise 1)."""
        if not self.net:
            return None
        from toynn_tui import engine   # not at import: the ladder is read by code that needs no numpy
        return engine.get_spec(self.net).configure(self.defaults)

    @property
    def stub(self) -> Path:
        return ladder_dir("exercises") / self.file

    @property
    def solution(self) -> Path:
        return ladder_dir("solutions") / self.file


def _others(t: dict) -> tuple[dict, ...]:
    """The entry's `others = [{...}, ...]`, or its older single `other = {...}`."""
    others = t.get("others", [t["other"]] if "other" in t else [])
    return tuple(dict(o) for o in others)


def _weights(t: dict) -> tuple[float, ...]:
    """The entry's `weights`, one per check (a mismatch is the ladder's mistake: say so at load)."""
    weights = tuple(float(w) for w in t.get("weights", ()))
    if weights and len(weights) != len(t.get("checks", ())):
        raise ValueError(f"ladder.toml: {t['name']} has {len(weights)} weights for {len(t.get('checks', ()))} checks")
    return weights


@lru_cache(maxsize=1)
def _load() -> tuple[Exercise, ...]:
    data = tomllib.loads(LADDER_FILE.read_text(encoding="utf-8"))
    return tuple(
        Exercise(name=t["name"], title_en=t["title"], file=t["file"], grading=t["grading"],
                 contract_en=t["contract"], checks=tuple(t.get("checks", ())),
                 hints_en=tuple(t.get("hints", ())), order=i, net=t.get("net", ""),
                 defaults=dict(t.get("defaults", {})), other=dict(next(iter(_others(t)), {})),
                 others=_others(t), points=float(t.get("points", 10)),
                 weights=_weights(t))
        for i, t in enumerate(data["exercise"], start=1))


def load() -> list[Exercise]:
    """Every exercise, in ladder order."""
    return list(_load())


def get(name: str) -> Exercise:
    """One exercise by name; raises UnknownExercise (with the valid names) otherwise."""
    for ex in _load():
        if ex.name == name:
            return ex
    raise UnknownExercise(name)
