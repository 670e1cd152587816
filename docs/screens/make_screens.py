"""Re-make the SVG screenshots of the app's main screens in one environment.

    python docs/screens/make_screens.py zh_CN            # -> docs/screens/zh_CN/*.svg
    python docs/screens/make_screens.py no_color         # -> docs/screens/no_color/*.svg (NO_COLOR=1)
    python docs/screens/make_screens.py zh_CN --size 120x36 --out /tmp/shots
    python docs/screens/make_screens.py zh_CN --rows rows.json   # the screens as text (the tests read it)

An environment is a name in ENVIRONMENTS: the variables set before the app is imported
(the footer's key names are built at import, in the language of the process). Each
screen is a scenario: the training screen after some training, help over it, the
exercises screen on a fresh workspace (one exercise started, graded by the real
checker), the playground (the XOR points and the boundary), and its knobs dialog.

zh_CN speaks through the installed catalogue (`pip install .` compiles it), or a
translator's preview given as TOYNN_LOCALE_DIR.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# name -> the environment the app runs in (set before toynn_tui is imported)
ENVIRONMENTS = {
    "zh_CN": {"TOYNN_LANG": "zh_CN"},
    "en": {"TOYNN_LANG": "en"},
    # no colour at all: what the panels say with colour is still there as glyphs, signs and words
    # (the examples' ✓/✗, the weights' signs, the boundary's ○/● and texture, dotted negative edges)
    "no_color": {"TOYNN_LANG": "en", "NO_COLOR": "1"},
}
SCREENS = ("training", "help", "exercises", "playground", "knobs")


def make_workspace(folder: Path) -> Path:
    """A learner's workspace: every stub, and exercise1 started (a wrong slope, so a check fails)."""
    from toynn_tui import ladder

    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    for ex in ladder.load():
        (folder / "exercises" / ex.stub.name).write_bytes(ex.stub.read_bytes())
    first = ladder.load()[0]
    (folder / "exercises" / first.stub.name).write_text(
        "import numpy as np\n\n\ndef nonlin(x, deriv=False):\n"
        "    if deriv:\n        return x * (1 + x)\n    return 1 / (1 + np.exp(-x))\n")
    return folder


async def _until(pilot, done, limit: float = 60.0) -> None:
    """Let the app run until done() (bounded: a screenshot of a half-drawn screen is still one)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not done() and loop.time() < end:
        await pilot.pause(0.05)


async def _scenario(name: str, pilot, app) -> None:
    """Bring the app to screen `name`."""
    if name in ("training", "help"):
        await pilot.press("plus")                  # past the warm-up: 1000 iterations a frame now
        await _until(pilot, lambda: app.screen.net.iteration >= 3000)
        await pilot.press("space")                 # paused where it got to
        for _ in range(3):
            await pilot.press("l")                 # line mode: the code panel's marks
        if name == "help":
            await pilot.press("question_mark")
    elif name == "exercises":
        await pilot.press("e")
        await _until(pilot, lambda: getattr(app.screen, "checks_run", 0) >= 1)
    elif name == "knobs":
        await pilot.press("k")                     # the knobs dialog over the playground's panels
    await pilot.pause()


def _app(name: str, workspace: Path):
    from toynn_tui.app import ToynnApp

    if name in ("playground", "knobs"):
        return ToynnApp(seed=1, paused=True, knobs={"dataset": "xor"}, workspace=workspace)
    if name == "exercises":
        return ToynnApp(paused=True, workspace=workspace)
    return ToynnApp(seed=1, speed=1000, workspace=workspace)


def screen_text(app) -> list[str]:
    """The screen as lines of text, composited as the SVG is (dialogs over the screen below)."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).split("\n")[:height]


def titles(app) -> list[str]:
    """The border titles (and subtitles) of the screen on top whose border row is in sight
    (a dialog's own: it covers the rest; a panel scrolled past the bottom shows none)."""
    found = []
    visible = app.screen._compositor.visible_widgets
    for widget, (region, clip) in visible.items():
        if widget.border_title and clip.y <= region.y < clip.bottom:
            found.append(str(widget.border_title))
        if widget.border_subtitle and clip.y <= region.bottom - 1 < clip.bottom:
            found.append(str(widget.border_subtitle))
    return found


async def capture(size: tuple[int, int], out: Path | None, screens=SCREENS) -> dict:
    """Run each screen's scenario at `size`; save its SVG into `out` (None: none); return what
    each showed: its lines of text and its panels' titles."""
    seen = {}
    # A screenshot shows the workspace's path: one that reads the same at every run.
    fixed = Path(tempfile.gettempdir()) / "toynn-screens" if out is not None else None
    if fixed is not None:
        shutil.rmtree(fixed, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        workspace = make_workspace((fixed or Path(tmp)) / "workspace")
        for name in screens:
            app = _app(name, workspace)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                await _scenario(name, pilot, app)
                seen[name] = {"rows": screen_text(app), "titles": titles(app)}
                if out is not None:
                    app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return seen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("environment", choices=sorted(ENVIRONMENTS))
    parser.add_argument("--size", default="100x30", help="COLSxROWS [default: 100x30]")
    parser.add_argument("--out", type=Path, default=None, help="folder [default: docs/screens/ENVIRONMENT]")
    parser.add_argument("--rows", type=Path, default=None, help="write the screens as text (JSON) here, no SVG")
    parser.add_argument("--screens", default=",".join(SCREENS))
    args = parser.parse_args(argv)
    os.environ.update(ENVIRONMENTS[args.environment])
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    out = None if args.rows else (args.out or HERE / args.environment)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    seen = asyncio.run(capture((cols, rows), out, tuple(args.screens.split(","))))
    if args.rows:
        args.rows.write_text(json.dumps(seen, ensure_ascii=False, indent=1))
    else:
        print(f"wrote {', '.join(f'{n}.svg' for n in seen)} in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
