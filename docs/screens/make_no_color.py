"""Re-make docs/screens/<folder>/: SVG screenshots of the main screens with NO_COLOR=1.

    python3 docs/screens/make_no_color.py [folder]      # folder: no_color (the default)

NO_COLOR is set before the app is made (Textual reads it then): every colour is gone,
and what the panels say with colour is still there as glyphs, signs and words (the
examples' ✓/✗, the weights' signs, the boundary's ○/● and texture, the diagram's solid
and dotted edges). The screens: training at 80x24 (paused, in line mode), the playground
at 100x30 (the gauss data set, bias units), help, and the exercises screen of a fresh
workspace (`toynn init`).
"""
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["NO_COLOR"] = "1"
os.environ.setdefault("TOYNN_LANG", "en")

from toynn_tui.app import ToynnApp  # noqa: E402  (after NO_COLOR: the App reads it when made)

HERE = Path(__file__).parent


async def shoot(app: ToynnApp, out: Path, size: tuple[int, int], keys: list[str], wait: float = 0.0) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(wait)
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))
    print(f"wrote {out}")


async def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    steps = ["s"] * 30
    await shoot(ToynnApp(paused=True), folder / "training_80x24.svg", (80, 24), steps + ["l"] * 4)
    await shoot(ToynnApp(paused=True, knobs={"dataset": "gauss", "hidden": 4, "bias": True}),
                folder / "playground_100x30.svg", (100, 30), ["s"] * 60)
    await shoot(ToynnApp(paused=True), folder / "help_80x24.svg", (80, 24), ["question_mark"])
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "course"
        subprocess.run([sys.executable, "-m", "toynn_tui.cli", "init", str(ws)], check=True,
                       stdout=subprocess.DEVNULL)
        await shoot(ToynnApp(paused=True, workspace=ws), folder / "exercises_100x30.svg", (100, 30), ["e"],
                    wait=1.0)


if __name__ == "__main__":
    asyncio.run(main(HERE / (sys.argv[1] if len(sys.argv) > 1 else "no_color")))
