"""The checker: grade a learner's exercise file and say what is wrong with it.

Modules:
- `launch`: the sandbox seam (bubblewrap, or rlimits only where none can start);
- `sandbox` + `child` + `channel`: run the learner's file in it and read back plain numbers;
- `files`: bounded, non-blocking reads of files a learner controls; `integrity`: flags for the teacher;
- `grading/`: the pytest files that judge each exercise (pytest is the judge): exercise 1's nonlin,
  and one spec-driven file for every net (the article's two and the ladder's rungs);
- `rungs`, `rungchecks`, `article`, `harness`: the trusted comparisons those tests make, against
  `toynn_tui.engine`, read from the net's spec (`article`: the printed numbers, where the spec has them);
- `mistakes`: the library of known mistakes the diagnosis names (`edits`, `layer_edits`: as edits of a
  spec's lines; `runs`, `step`: wrong draws, runs and updates of any spec);
- `linevalues`, `rungmatch`, `rungname`, `rungtrace`, `rungstart`, `rungexplain`: a wrong run traced by
  value, line by line, for any spec;
- `session`: runs pytest on the grading files; `job`: the file graded and the run's state, which
  session's pytest plugin owns and hands the grading fixture; `report`: the human text and Exercism v3 JSON.
"""
from __future__ import annotations

from pathlib import Path

from toynn_tui.checker.report import Report, TestResult, render

__all__ = ["Report", "TestResult", "check_file", "render"]


def check_file(exercise: str, path: Path, timeout: float | None = None) -> Report:
    """Grade the file at `path` as `exercise` (a ladder name) and return the Report.

    pytest runs inside the calling process, so one process grades one file at a
    time: to grade many in parallel, run `toynn check EXERCISE --file P --json`
    in a child process per file (that is what `toynn grade` does).
    """
    from toynn_tui.checker.session import grade
    return grade(exercise, Path(path), timeout)
