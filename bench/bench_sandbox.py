"""The sandbox's cost per check: `toynn check exercise3` on the reference answer, with and without bubblewrap.

    python3 bench/bench_sandbox.py [repeats]

Three ways, interleaved (ABCABC...) so a noisy machine slows all alike, best of
`repeats` each, every one a fresh process as a learner runs it:
- `toynn check` with the sandbox (TOYNN_SANDBOX=bubblewrap: it must start),
- `toynn check` with rlimits only (TOYNN_SANDBOX=none),
- one bare `bwrap ... python -c pass` against `python -c pass` (the wall's own start-up).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from bench_check import timed   # this folder is on sys.path when a bench runs as a script

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "exercise3.py"
CHECK = [sys.executable, "-m", "toynn_tui", "check", "exercise3", "--file", str(SOLUTION)]


def bare_commands() -> tuple[list[str], list[str]]:
    """python -c pass, plain and inside the very sandbox a check uses (same mounts)."""
    from toynn_tui.checker import launch
    py = os.path.realpath(sys.executable)
    wall = launch.Bubblewrap(launch.bwrap_path()).launch(SOLUTION.parent, SOLUTION, SOLUTION.parent, 1).argv
    wall = wall[: wall.index("--") + 1]
    return [py, "-I", "-S", "-c", "pass"], wall + [py, "-I", "-S", "-c", "pass"]


def main(repeats: int = 5) -> None:
    from toynn_tui.checker import launch
    iso = launch.status()
    if not iso.ok:
        raise SystemExit(f"no sandbox on this machine: {iso.why}")
    sandboxed = dict(os.environ, TOYNN_SANDBOX="bubblewrap")
    plain = dict(os.environ, TOYNN_SANDBOX="none")
    bare, walled = bare_commands()
    best = dict.fromkeys(("check, bubblewrap", "check, rlimits only", "python -c pass", "bwrap + python -c pass"),
                         float("inf"))
    for _ in range(repeats):
        best["check, bubblewrap"] = min(best["check, bubblewrap"], timed(CHECK, ROOT, sandboxed))
        best["check, rlimits only"] = min(best["check, rlimits only"], timed(CHECK, ROOT, plain))
        best["python -c pass"] = min(best["python -c pass"], timed(bare, ROOT))
        best["bwrap + python -c pass"] = min(best["bwrap + python -c pass"], timed(walled, ROOT))
    for name, t in best.items():
        print(f"{name:<24} {t * 1000:8.1f} ms   (best of {repeats})")
    print(f"check with / without the sandbox = {best['check, bubblewrap'] / best['check, rlimits only']:.3f}x"
          f"   (+{(best['check, bubblewrap'] - best['check, rlimits only']) * 1000:.0f} ms a check)")
    print(f"the wall's own start-up: +{(best['bwrap + python -c pass'] - best['python -c pass']) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
