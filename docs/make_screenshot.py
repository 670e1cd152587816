"""Re-make docs/screenshot.svg: the training screen at 100x30, seed 1, paused in line mode.

    python3 docs/make_screenshot.py

Plays at 100 iterations a frame until about iteration 4 000 (so the error curve
has a history), pauses, then five `l` presses, so the code panel shows the
line about to run and the arrays the last line changed.
"""
import asyncio
from pathlib import Path

from toynn_tui.app import ToynnApp

OUT = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    app = ToynnApp(seed=1, speed=100)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        while app.screen.net.iteration < 4000:
            await pilot.pause(0.05)
        await pilot.press("space")      # pause where it got to
        for _ in range(5):
            await pilot.press("l")
        await pilot.pause()
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
