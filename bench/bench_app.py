"""Benchmark of toynn-tui (prints figures; not a test). Run: python3 bench/bench_app.py [seconds]

Measured side by side in one run, alternating, so a busy machine hurts both:
  1. iterations/s: the app headless at full speed (--speed max, 3-layer net) vs
     the engine's own loop (`Net.run` in chunks, nothing drawn). Goal >= 0.7x.
  2. screen updates/s while training at full speed: how often the weights
     panel is actually re-rendered into strips for the screen (calls to its
     `_render_strips`), and how often its content is replaced (one per
     frame). Goal >= 20.
  3. time from launch to the first frame (a fresh interpreter, headless) vs a
     fresh interpreter that only runs `import textual.app`.
"""
from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toynn_tui.app import ToynnApp  # noqa: E402
from toynn_tui.engine import Net  # noqa: E402
from toynn_tui.widgets.weights import WeightsPanel  # noqa: E402

BIG = 10**9  # iterations: never "finished" during a bench


def engine_rate(seconds: float) -> float:
    net = Net(3, iterations=BIG)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        net.run(500)
    return net.iteration / (time.perf_counter() - t0)


def app_rate(seconds: float) -> tuple[float, float, float]:
    """(iterations/s, weights renders/s, weights content updates/s) of the app at --speed max."""
    renders = 0
    original = WeightsPanel._render_strips

    def counting_render(self, text, width):
        nonlocal renders
        renders += 1
        return original(self, text, width)

    async def go():
        nonlocal renders
        app = ToynnApp(speed=None, paused=True, iterations=BIG)
        WeightsPanel._render_strips = counting_render
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                screen = app.screen
                panel = screen.query_one(WeightsPanel)
                await pilot.press("space")
                await asyncio.sleep(0.3)  # warm up, then measure a window of pure play
                renders, draws0, it0 = 0, panel.draws, screen.net.iteration
                t0 = time.perf_counter()
                await asyncio.sleep(seconds)
                dt = time.perf_counter() - t0
                result = ((screen.net.iteration - it0) / dt, renders / dt, (panel.draws - draws0) / dt)
                await pilot.press("space")
                return result
        finally:
            WeightsPanel._render_strips = original

    return asyncio.run(go())


FIRST_FRAME = """
import os, time
from toynn_tui.app import ToynnApp
import toynn_tui.app as m
class Once(ToynnApp):
    CSS_PATH = m.__file__.replace("app.py", "app.tcss")  # absolute: this class has no source file
    def on_mount(self):
        self.call_after_refresh(self._first)
    def _first(self):
        os.write(1, f"{time.time()}\\n".encode())  # fd 1: the app captures print()
        self.exit()
Once(paused=True).run(headless=True, size=(80, 24))
"""


def launch_times(runs: int = 5) -> tuple[float, float]:
    """Median seconds: launch -> app's first frame, and launch -> `import textual.app` done."""
    first, imp = [], []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME], cwd=ROOT, capture_output=True, text=True)
        stamp = [ln for ln in out.stdout.split() if ln.replace(".", "").isdigit()]
        first.append(float(stamp[-1]) - t0)
        t0 = time.time()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        imp.append(time.time() - t0)
    return statistics.median(first), statistics.median(imp)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    eng, app, renders, draws = [], [], [], []
    for _ in range(2):  # alternate, so both see the same machine load
        eng.append(engine_rate(seconds))
        a, r, d = app_rate(seconds)
        app.append(a)
        renders.append(r)
        draws.append(d)
    e, a = statistics.mean(eng), statistics.mean(app)
    print(f"engine loop     : {e:10,.0f} iterations/s   (3-layer net, Net.run in chunks of 500)")
    print(f"app, speed max  : {a:10,.0f} iterations/s   ratio app/engine = {a / e:.2f}x  (goal >= 0.7x)")
    print(f"screen updates  : {statistics.mean(renders):10.1f} weights-panel renders/s  "
          f"({statistics.mean(draws):.1f} content updates/s; goal >= 20)")
    ff, imp = launch_times()
    print(f"launch -> first frame (headless, 80x24): {ff * 1000:6.0f} ms")
    print(f"python -c 'import textual.app'         : {imp * 1000:6.0f} ms   ratio = {ff / imp:.2f}x")


if __name__ == "__main__":
    main()
