"""How alike a class's submissions are: a signal beside the verdict, offline, by copydetect.

copydetect fingerprints code by winnowing, as MOSS does, but on this machine: nothing
is uploaded. Submissions are read as text and tokenised (names become V, F, O, so
renamed variables do not hide a copy); they are never imported or run here.

Every 11-line solution looks like every other one, and all of them like the
exercise's stub and the article's code. So the stub and the reference answer are
copydetect's boilerplate: their fingerprints are removed from every file before
two files are compared, and what is left is what the learner wrote. The threshold
was chosen on honest independent solutions against disguised copies
(bench/bench_similarity.py prints the separation). A score is the share of one
file's remaining fingerprinted text found in the other, the mean of the two
sides (the larger side alone made a short answer close to the article's look like a copy).

It never changes a grade: it adds a "most_like" column, the pairs above the
threshold to the summary, and on request an HTML page showing each flagged pair side by side.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from toynn_tui.i18n import _
from toynn_tui.paths import ladder_dir
from toynn_tui.text import printable

# Chosen on bench/similarity (bench_similarity.py): k-grams of 20 filtered characters, winnowed in
# windows of 6; the mean of both sides. Honest pairs reached 0.62 at most, disguised copies 0.75 at
# least; the threshold sits between (the larger side alone let a short answer near the article's
# look copied: an honest pair at 0.91).
K = 20
WINDOW = 6
THRESHOLD = 0.68
MIN_TOKENS = 40          # what is left after the boilerplate: less than this is too little to judge
MAX_BYTES = 200_000      # a huge file is compared on its start only, as a text, never run


class Missing(RuntimeError):
    """copydetect is not installed (it is the `similarity` extra)."""


@dataclass
class Pair:
    a: str
    b: str
    score: float
    slices: tuple = ((), ())   # copydetect's copied slices in a's and b's text, for the report


@dataclass
class Report:
    threshold: float = THRESHOLD
    most_like: dict = field(default_factory=dict)   # student -> (classmate, score)
    flagged: list = field(default_factory=list)     # Pair above the threshold, most alike first
    texts: dict = field(default_factory=dict)       # student -> the text compared (for the HTML)
    too_short: list = field(default_factory=list)   # nearly all boilerplate: not compared

    def cell(self, student: str) -> str:
        """The gradebook's "most_like" cell: "bob, 0.93", or empty."""
        other = self.most_like.get(student)
        return f"{other[0]}, {other[1]:.2f}" if other else ""


def _copydetect():
    try:
        import copydetect
        import copydetect.utils
    except ImportError as exc:
        raise Missing(_("the similarity report needs copydetect: pip install 'toynn[similarity]'")) from exc
    # copydetect hashes k-grams with Python's hash(), salted anew in every process: winnowing then
    # keeps other fingerprints each run and a score moved by up to 0.2 (0.49..0.69 for one honest
    # pair set). A keyless hash makes the report the same on every run and every machine.
    copydetect.utils.hashed_kgrams = _stable_kgrams
    return copydetect


def _stable_kgrams(string: str, k: int):
    import numpy as np
    from zlib import crc32
    data = [string[i:i + k].encode("utf-8", "surrogatepass") for i in range(len(string) - k + 1)]
    return np.array([crc32(d) for d in data], dtype=np.int64)


def available() -> None:
    """Raises Missing unless copydetect can be imported."""
    _copydetect()


def _read(path: Path) -> str:
    with open(path, "rb") as f:
        return f.read(MAX_BYTES).decode("utf-8", errors="replace")


def _submission_text(path: Path) -> str:
    """A submission's text: its file, or a folder's .py files one after another."""
    path = Path(path)
    if path.is_dir():
        return "\n".join(_read(p) for p in sorted(path.rglob("*.py")) if p.is_file() and not p.is_symlink())
    return _read(path)


def boilerplate(exercise: str, k: int = K, window: int = WINDOW):
    """The fingerprints of the exercise's stub and its reference answer (what every file may share)."""
    cd = _copydetect()
    import numpy as np
    hashes = set()
    for kind in ("exercises", "solutions"):
        path = ladder_dir(kind) / f"{exercise}.py"
        if path.is_file():
            hashes |= cd.CodeFingerprint(path.name, k, window, fp=io.StringIO(path.read_text())).hashes
    return np.array(sorted(hashes), dtype=np.int64)


def fingerprints(texts: dict, exercise: str, k: int = K, window: int = WINDOW) -> dict:
    """student -> copydetect's CodeFingerprint of the text, the boilerplate removed."""
    cd = _copydetect()
    bp = boilerplate(exercise, k, window)
    return {s: cd.CodeFingerprint(f"{s}.py", k, window, boilerplate=bp, fp=io.StringIO(t), language="python")
            for s, t in texts.items()}


def score(fa, fb) -> tuple[float, tuple]:
    """How alike two fingerprinted files are (0..1) and the copied slices of each."""
    if not fa.hashes & fb.hashes:   # most honest pairs share nothing once the boilerplate is gone
        return 0.0, ((), ())
    from copydetect import compare_files
    _, (sa, sb), slices = compare_files(fa, fb)
    return float((sa + sb) / 2), slices


def compare(subs: list, exercise: str, threshold: float = THRESHOLD) -> Report:
    """Every pair of the submissions (discovery's Submission: student, path) compared."""
    texts = {s.student: _submission_text(s.path) for s in subs if s.path is not None}
    return compare_texts(texts, exercise, threshold)


def compare_texts(texts: dict, exercise: str, threshold: float = THRESHOLD) -> Report:
    report = Report(threshold=threshold, texts=texts)
    prints = fingerprints(texts, exercise)
    judged = []
    for s in sorted(prints, key=str.lower):
        if prints[s].token_coverage < MIN_TOKENS:
            report.too_short.append(s)   # a stub handed back as it was matches everyone's boilerplate
        else:
            judged.append(s)
    for i, a in enumerate(judged):
        for b in judged[i + 1:]:
            value, slices = score(prints[a], prints[b])
            for me, other in ((a, b), (b, a)):
                if value > report.most_like.get(me, ("", -1.0))[1]:
                    report.most_like[me] = (other, value)
            if value >= threshold:
                report.flagged.append(Pair(a, b, value, slices))
    report.most_like = {s: v for s, v in report.most_like.items() if v[1] > 0}
    report.flagged.sort(key=lambda p: (-p.score, p.a.lower(), p.b.lower()))
    return report


def summary_lines(report: Report) -> list[str]:
    """The class summary's lines about similarity (after the verdicts')."""
    if not report.flagged:
        return [_("Similarity: no pair above {threshold:.2f} (boilerplate removed)").format(threshold=report.threshold)]
    lines = [_("Similar pairs above {threshold:.2f} ({n}), a signal to read, not a verdict:").format(
        threshold=report.threshold, n=len(report.flagged))]
    lines += [f"  {p.a} ~ {p.b}: {p.score:.2f}" for p in report.flagged]
    return [printable(line) for line in lines]
