"""Practice: fresh attempts at a level, re-grade on save, timed drills, and grading a class.

Everything here grades through the `toynn check --json` command run in a child
process (see `runner`), never by importing a learner's file: the learner's code
stays out of this process, and many submissions can be graded in parallel.

Modules:
- `workspace`: where a learner's files, attempts and history live.
- `history`:   the drill log, append-only JSONL that survives kill -9.
- `attempts`:  `toynn start` — archive the current file, write a fresh one at a level.
- `runner`:    gathers the names of `verdict` (a check's Verdict, read from the
               checker's JSON), `spawn` (`run_check`: one `toynn check --json` child) and
               `worker_client` (`Worker`: one long-lived checker for `toynn grade`).
- `watch`:     the poll-for-changes loop shared by `watch`, `drill` and the screen.
- `drill`:     a timed attempt and its record.
- `review`:    how a drill rates as an FSRS review (Again/Hard/Good/Easy): the thresholds.
- `schedule`:  when each exercise is due again: the reviews replayed through fsrs's Scheduler.
- `today`:     `toynn today` and the "next due" of `toynn list` and the exercises screen, in words.
- `recall`:    the mistakes a drill recalls up front ("last time: ...").
- `classroom`: grade a folder of submissions (found by `discovery`); `gradebook` writes
               CSV/JSON/JUnit and the summary; `journal` lets an interrupted run resume.
- `shards`:    which students `--shard I/N` grades (a hash of the name), `--shard auto`
               from a runner's variables, and the run record a gradebook keeps.
- `merge`:     `toynn grade merge`: the class's Book from its shards' JSON gradebooks.
"""
