"""Where the ladder's stubs and reference answers live, installed or in a checkout.

A wheel carries them as `toynn_tui/_ladder/{exercises,solutions}` (pyproject's
force-include); in a source checkout or an editable install they are the repo's
top-level `exercises/` and `solutions/` folders.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def ladder_dir(kind: str) -> Path:
    """The folder of `kind` ("exercises" or "solutions")."""
    packaged = PACKAGE / "_ladder" / kind
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / kind
