"""Grade files through the trusted checker in child processes: the names the rest of toynn imports.

The work is split along its jobs (modules of `practice` unless named); this module gathers their public names so
`from toynn_tui.practice.runner import Verdict, run_check, stop` keeps working:
- `verdict`:       the Verdict model and reading the checker's JSON (`parse`);
- `toynn_tui.procs`: ending child processes (`kill` a group, `stop`: SIGINT, then SIGKILL),
                   shared with the checker's sandbox;
- `spawn`:         the checker's command and environment, and `run_check`
                   (one `toynn check --json` child per check: watch, drill, the screen);
- `worker_client`: `Worker`, one long-lived checker grading file after file (`toynn grade`).
"""
from __future__ import annotations

from toynn_tui.procs import STOP_GRACE, kill, stop
from toynn_tui.practice.spawn import (BACKSTOP_MARGIN, DEFAULT_BACKSTOP, check_command, child_env,
                                      run_check)
from toynn_tui.practice.verdict import STATUSES, Verdict, parse
from toynn_tui.practice.worker_client import STDERR_KEPT, Worker, worker_command

__all__ = ["BACKSTOP_MARGIN", "DEFAULT_BACKSTOP", "STATUSES", "STDERR_KEPT", "STOP_GRACE", "Verdict", "Worker",
           "check_command", "child_env", "kill", "parse", "run_check", "stop", "worker_command"]
