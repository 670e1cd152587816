"""The similarity report as one HTML page: each flagged pair side by side, the shared code marked.

Everything from a submission (its name and its text) is escaped: a file holding
`<script>` shows it as text. copydetect's `highlight_overlap` escapes the code as it
marks the copied slices. The page loads nothing from anywhere (no script, no
stylesheet link): it opens offline, like the rest of the report.
"""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from toynn_tui.i18n import _
from toynn_tui.practice.workspace import atomic_write_text

STYLE = """body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}
td{vertical-align:top;width:50%;border:1px solid #ccc;padding:.5em}pre{white-space:pre-wrap;margin:0}
mark{background:#fd8}h2{font-size:1.1em;margin-top:2em}"""


def _marked(text: str, slices) -> str:
    """The text escaped, with copydetect's copied slices in <mark>."""
    arr = np.asarray(slices)
    if arr.ndim != 2 or arr.shape[1] == 0:
        return html.escape(text)
    from copydetect.utils import highlight_overlap
    marked, _share = highlight_overlap(text, arr, "<mark>", "</mark>", escape_html=True)
    return marked


def page(report, exercise: str) -> str:
    esc = html.escape
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(_('Similarity: {exercise}').format(exercise=exercise))}</title>",
             f"<style>{STYLE}</style></head><body>",
             f"<h1>{esc(_('Similarity: {exercise}').format(exercise=exercise))}</h1>",
             "<p>" + esc(_("Pairs above {threshold:.2f}, the exercise's stub and reference answer removed as boilerplate. "
                           "A signal to read, not a verdict: no grade depends on it.").format(threshold=report.threshold)) + "</p>"]
    if not report.flagged:
        parts.append("<p>" + esc(_("No pair above the threshold.")) + "</p>")
    for p in report.flagged:
        parts.append(f"<h2>{esc(p.a)} ~ {esc(p.b)}: {p.score:.2f}</h2>")
        parts.append(f"<table><tr><th>{esc(p.a)}</th><th>{esc(p.b)}</th></tr><tr>")
        for who, sl in ((p.a, p.slices[0]), (p.b, p.slices[1])):
            parts.append(f"<td><pre>{_marked(report.texts.get(who, ''), sl)}</pre></td>")
        parts.append("</tr></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write(report, exercise: str, out: Path) -> None:
    atomic_write_text(Path(out), page(report, exercise))
