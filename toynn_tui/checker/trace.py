"""What the value trace found: one wrong line of the learner's file (`Finding`), as the report shows it.

The trace itself is one mechanism for every net (`rungtrace`, `rungmatch`,
`rungname`: the learner's arrays matched against the engine's value of every
line of the spec's loop; `rungstart` for the draws before it). This module
keeps what every check and report shares: the finding.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from toynn_tui.checker.mistakes.catalogue import Mistake
from toynn_tui.i18n import _



@dataclass
class Finding:
    line: int | None           # 1-based line of the learner's file (None: no line does it)
    text: str                  # that line's code
    node: str                  # the quantity it should compute ("l2_delta"), or "loop" / "return"
    mistake: Mistake | None
    expected: np.ndarray | None = None
    yours: np.ndarray | None = None
    count: int = 1             # the line's run it was seen on
    # the local that went wrong and after which line: where the reference value is put to go on
    local: str | None = None
    local_line: int | None = None
    should: str = ""           # no known mistake fits: what the line should compute, in the contract's words

    @property
    def title(self) -> str:
        if self.mistake:
            return self.mistake.title
        return self.should or _("{name} is not the article's").format(name=self.node)

    def where(self, file_name: str) -> str:
        """`exercise3.py:26: l2_delta = l2_error — slope missing from the delta`, as the report shows it."""
        at = f"{file_name}:{self.line}: {self.text}" if self.line else _("{file}: (no line) {code}").format(
            file=file_name, code=self.text)
        return f"{at} — {self.title}"

    def to_json(self) -> dict:
        return {"line": self.line, "code": self.text, "quantity": self.node,
                "diagnosis": self.mistake.id if self.mistake else None, "title": self.title}
