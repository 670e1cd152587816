"""Benchmark of toynn-tui (prints figures; not a test). Run: python3 bench/bench_app.py [seconds] [rounds] [NET] [WxH]

Measured side by side in one run, alternating, so a busy machine hurts both, for two nets:
the article's 3-layer net (the default screen) and the playground's spiral with 8 hidden
units (`--dataset spiral --hidden 8`: the decision boundary and the network diagram too).
  1. iterations/s: the app headless at full speed (--speed max) vs the engine's own
     loop (`Net.run` in chunks, nothing drawn) on the same net and data. Goal >= 0.85x.
  2. screen updates/s while training at full speed: frames the screen redrew
     (`TrainingScreen._redraw` calls), and how often the weights panel (article) or
     the boundary panel (spiral) was re-rendered. Goal >= 30.
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
from toynn_tui.engine import Net, article, data  # noqa: E402
from toynn_tui.screens.training import TrainingScreen  # noqa: E402
from toynn_tui.widgets.boundary import BoundaryPanel  # noqa: E402
from toynn_tui.widgets.weights import WeightsPanel  # noqa: E402

BIG = 10**9  # iterations: never "finished" during a bench
NETS = {
    "article": {},
    "spiral-8": {"dataset": "spiral", "hidden": 8},
}


def engine_net(knobs: dict) -> Net:
    if not knobs:
        return Net(3, iterations=BIG)
    split = data.make(knobs["dataset"])
    spec = article(3).with_(name="playground", sizes=(split.X.shape[1], knobs["hidden"], 1))
    return Net(spec=spec, X=split.X, y=split.y, iterations=BIG)


def engine_rate(knobs: dict, seconds: float) -> float:
    net = engine_net(knobs)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        net.run(500)
    return net.iteration / (time.perf_counter() - t0)


def app_rate(knobs: dict, seconds: float, size=(80, 24)) -> tuple[float, float, float]:
    """(iterations/s, frames redrawn/s, panel renders/s) of the app at --speed max."""
    counts = {"frames": 0, "renders": 0}
    panel_cls = BoundaryPanel if knobs else WeightsPanel
    method = "_build" if knobs else "_render_strips"
    originals = (TrainingScreen._redraw, getattr(panel_cls, method))

    def counting_redraw(self, *a, **k):
        counts["frames"] += 1
        return originals[0](self, *a, **k)

    def counting_render(self, *a, **k):
        counts["renders"] += 1
        return originals[1](self, *a, **k)

    async def go():
        app = ToynnApp(speed=None, paused=True, iterations=BIG, knobs=knobs)
        TrainingScreen._redraw, _ = counting_redraw, setattr(panel_cls, method, counting_render)
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                screen = app.screen
                await pilot.press("space")
                await asyncio.sleep(0.3)  # warm up, then measure a window of pure play
                counts.update(frames=0, renders=0)
                it0 = screen.net.iteration
                t0 = time.perf_counter()
                await asyncio.sleep(seconds)
                dt = time.perf_counter() - t0
                result = ((screen.net.iteration - it0) / dt, counts["frames"] / dt, counts["renders"] / dt)
                await pilot.press("space")
                return result
        finally:
            TrainingScreen._redraw = originals[0]
            setattr(panel_cls, method, originals[1])

    return asyncio.run(go())


FIRST_FRAME = """
import os, sys, time
from toynn_tui.app import ToynnApp
import toynn_tui.app as m
class Once(ToynnApp):
    CSS_PATH = m.__file__.replace("app.py", "app.tcss")  # absolute: this class has no source file
    def on_mount(self):
        self.call_after_refresh(self._first)
    def _first(self):
        os.write(1, f"{time.time()}\\n".encode())  # fd 1: the app captures print()
        self.exit()
knobs = {"dataset": "spiral", "hidden": 8} if sys.argv[1:] == ["spiral"] else {}
Once(paused=True, knobs=knobs).run(headless=True, size=(80, 24))
"""


def launch_times(runs: int = 5, which: str = "") -> tuple[float, float]:
    """Median seconds: launch -> app's first frame, and launch -> `import textual.app` done."""
    first, imp = [], []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME, which], cwd=ROOT, capture_output=True, text=True)
        stamp = [ln for ln in out.stdout.split() if ln.replace(".", "").isdigit()]
        first.append(float(stamp[-1]) - t0)
        t0 = time.time()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        imp.append(time.time() - t0)
    return statistics.median(first), statistics.median(imp)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    only = sys.argv[3:]   # e.g. `spiral-8 140x45`: one net and/or one size only
    for name, knobs in NETS.items():
        if any(o in NETS for o in only) and name not in only:
            continue
        for size in ((80, 24), (140, 45)):
            if any("x" in o for o in only) and f"{size[0]}x{size[1]}" not in only:
                continue
            ratios, frames, renders, eng = [], [], [], []
            for _ in range(rounds):  # alternate, so both see the same machine load; a ratio per round
                e = engine_rate(knobs, seconds)
                a, f, r = app_rate(knobs, seconds, size)
                eng.append(e)
                ratios.append(a / e)
                frames.append(f)
                renders.append(r)
            panel = "boundary" if knobs else "weights"
            print(f"{name:9s} {size[0]}x{size[1]}: engine {statistics.median(eng):8,.0f} it/s  "
                  f"app max / engine: median {statistics.median(ratios):.2f}x, lowest {min(ratios):.2f}x "
                  f"(goal >= 0.85)  screen updates {statistics.median(frames):5.1f}/s, lowest {min(frames):5.1f} "
                  f"(goal >= 30; {panel} renders {statistics.median(renders):5.1f}/s)")
    for which in ("", "spiral") if not only else ():
        ff, imp = launch_times(which=which)
        print(f"launch -> first frame (headless, 80x24, {which or 'article'}): {ff * 1000:6.0f} ms   "
              f"(python -c 'import textual.app': {imp * 1000:4.0f} ms, ratio {ff / imp:.2f}x)")


if __name__ == "__main__":
    main()
