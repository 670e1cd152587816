"""Padding by terminal cells, not characters: a Chinese character takes two cells (the app and the commands).

`str.ljust(14)` counts characters, so a translated label of seven Chinese
characters (14 cells) would be padded to 21 cells and push its column out of
line. These pad to the width the terminal draws (rich.cells.cell_len); text
wider than `width` is left whole, as str.ljust leaves it.
"""
from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def ljust(text: str, width: int) -> str:
    """`text` padded on the right to `width` cells."""
    return text + " " * max(width - cell_len(text), 0)


def rjust(text: str, width: int) -> str:
    """`text` padded on the left to `width` cells."""
    return " " * max(width - cell_len(text), 0) + text


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells (a double-width character is never halved)."""
    return set_cell_size(text, width)


__all__ = ["cell_len", "fit", "ljust", "rjust"]
