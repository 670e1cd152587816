"""Babel's extractor for ladder.toml: every exercise's title, contract, checks and hints are messages.

Named in babel.cfg; `pybabel extract` and the catalogue test call it. The
exercises' names, files and specs are ids and are not extracted. The ladder's
check names stay English where they are ids (gradebooks, JUnit); only where
they are shown are they translated (`ladder.Exercise` shows them through `_()`).
"""
from __future__ import annotations

import tomllib

TEXT_FIELDS = ("title", "contract")
LIST_FIELDS = ("checks", "hints")


def extract_ladder(fileobj, keywords, comment_tags, options):
    """Babel extractor protocol: yields (line number, funcname, message, comments) for each text."""
    raw = fileobj.read()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    lines = text.splitlines()
    for exercise in tomllib.loads(text)["exercise"]:
        name = exercise["name"]
        for key in TEXT_FIELDS:
            if key in exercise:
                yield _line(lines, name, key), None, exercise[key], [f"{name} {key}"]
        for key in LIST_FIELDS:
            for i, item in enumerate(exercise.get(key, ())):
                yield _line(lines, name, key), None, item, [f"{name} {key}[{i}]"]


def _line(lines: list[str], name: str, key: str) -> int:
    """The line of `key = ` within exercise `name`'s table (1-based; 1 when not found)."""
    inside = False
    for no, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("name = "):
            inside = stripped == f'name = "{name}"'
        elif inside and stripped.startswith(f"{key} ="):
            return no
    return 1
