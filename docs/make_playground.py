"""Re-make docs/playground.svg: the playground on the spiral, 8 hidden units, at 140x45.

    python3 docs/make_playground.py [OUT.svg] [WIDTHxHEIGHT]

Seed 1, paused; 1500 iterations stepped at once (no timing involved), so the
picture is the same on every run.
"""
import asyncio
import sys
from pathlib import Path

from toynn_tui.app import ToynnApp

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("playground.svg")
SIZE = tuple(int(n) for n in sys.argv[2].split("x")) if len(sys.argv) > 2 else (140, 45)


async def main() -> None:
    app = ToynnApp(seed=1, paused=True, knobs={"dataset": "spiral", "hidden": 8, "hidden_layers": 2,
                                               "alpha": 0.03})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen._run(1499)
        await pilot.press("s")
        await pilot.pause()
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent.resolve()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
