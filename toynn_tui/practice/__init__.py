"""Practice: fresh attempts at a level, re-grade on save, timed drills, and grading a class.

Everything here grades through the `toynn check --json` command run in a child
process (see `runner`), never by importing a learner's file: the learner's code
stays out of this process, and many submissions can be graded in parallel.

Modules:
- `workspace`: where a learner's files, attempts and history live.
- `history`:   the drill log, append-only JSONL that survives kill -9.
- `attempts`:  `toynn start` — archive the current file, write a fresh one at a level.
- `runner`:    run one `toynn check --json` child and read its verdict.
- `watch`:     the poll-for-changes loop shared by `watch`, `drill` and the screen.
- `drill`:     a timed attempt and its record.
- `classroom`: grade a folder of submissions; `gradebook` writes CSV/JSON/JUnit and the summary.
"""
