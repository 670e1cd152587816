"""The app's long soak: thousands of random keys and resizes on both kinds of net, outside the tests.

    python3 bench/soak_app.py [presses per net] [seeds]

The test suite runs the same soak (tests/app/test_soak.py) for a few hundred
presses as a smoke test; this runs it long, on several seeds, and prints how
many presses a second the app took. It raises (and exits non-zero) on the first
crash, like the test. Not a timing benchmark: nothing is compared.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "app"))

from test_soak import soak   # noqa: E402  (the suite's own soak, run longer)


def main(presses: int = 2100, seeds: int = 3) -> None:
    for spec in (None, "everything"):
        for seed in range(seeds):
            t0 = time.perf_counter()
            soak(spec, presses, 20240713 + seed)
            took = time.perf_counter() - t0
            print(f"{spec or 'article':<10} seed {seed}: {presses} presses in {took:5.1f} s "
                  f"({presses / took:5.0f}/s), no crash")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
