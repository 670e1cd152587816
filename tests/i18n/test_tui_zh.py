"""The app in Chinese: double-width characters laid out whole and in line, at 80×24 and larger.

Each main screen (training, help, exercises, the playground and its knobs) is rendered
under zh_CN by docs/screens/make_screens.py (the same scenarios as the screenshots), in a
child process: the footer's key names are built when the app's modules are imported,
in the language the process starts with, and this process speaks English
(tests/conftest.py). The catalogue is compiled here, from toynn.po and the i18n parts.
The checks read the composited screen as text: what a learner would see.
"""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs/screens/make_screens.py"
SIZES = [(80, 24), (120, 36)]


def _script():
    spec = importlib.util.spec_from_file_location("make_screens", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def locale_dir(tmp_path_factory):
    return _script().compile_catalogue(tmp_path_factory.mktemp("locale"))


@pytest.fixture(scope="module", params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def shown(request, locale_dir, tmp_path_factory):
    """(size, {screen: {"rows": lines of the screen, "titles": its panels' titles}})."""
    cols, rows = request.param
    out = tmp_path_factory.mktemp("rows") / "rows.json"
    env = {**os.environ, "TOYNN_LANG": "zh_CN", "TOYNN_LOCALE_DIR": str(locale_dir)}
    subprocess.run([sys.executable, str(SCRIPT), "zh_CN", "--size", f"{cols}x{rows}", "--rows", str(out)],
                   env=env, check=True, timeout=600, cwd=ROOT)
    return request.param, json.loads(out.read_text())


def cell_columns(row: str, chars: str) -> list[int]:
    """The cell columns (not character indexes) where any of `chars` is drawn in `row`."""
    found, col = [], 0
    for ch in row:
        if ch in chars:
            found.append(col)
        col += cell_len(ch)
    return found


def test_every_line_fits_the_width(shown):
    (cols, rows), screens = shown
    for name, seen in screens.items():
        assert len(seen["rows"]) == rows, name
        for i, line in enumerate(seen["rows"]):
            assert cell_len(line) <= cols, f"{name} row {i} is {cell_len(line)} cells: {line!r}"


def test_the_screens_speak_chinese(shown):
    _, screens = shown
    assert "已暂停" in screens["training"]["rows"][0]            # the status line
    for name in ("training", "playground"):
        footer = screens[name]["rows"][-1]
        assert "播放" in footer and "帮助" in footer, footer          # the footer's key names
    assert "你看到的是什么" in "\n".join(screens["help"]["rows"])
    assert "通过" in screens["exercises"]["rows"][0]               # the progress line


def test_every_panel_title_is_on_screen_whole(shown):
    """A title cut by the border (or a double-width character halved) is not found whole."""
    _, screens = shown
    for name, seen in screens.items():
        text = "\n".join(seen["rows"])
        assert seen["titles"], name
        for title in seen["titles"]:
            assert title in text, f"{name}: title {title!r} not shown whole"


def test_the_knob_labels_are_whole_and_their_values_in_line(shown):
    _, screens = shown
    rows = screens["knobs"]["rows"]
    labels = ["数据集", "噪声", "隐藏层数", "隐藏层宽度", "偏置单元", "批大小", "delta 裁剪", "动量", "批归一化"]
    starts, values = set(), set()
    for label in labels:
        row = next((r for r in rows if f" {label} " in r), None)
        assert row is not None, f"knob {label!r} not shown whole"
        at = row.index(label)
        starts.add(cell_len(row[:at]))
        # the value: the first thing after the label's padding and the "◀ " before it
        rest = row[at + len(label):]
        value = len(rest) - len(rest.lstrip(" ◀"))
        values.add(cell_len(row[:at + len(label) + value]))
    assert len(starts) == 1, starts     # every label in one column
    assert len(values) == 1, values     # and every value: labels padded by cells, not characters


def _box_rows(rows: list[str]) -> tuple[int, int]:
    top = next(i for i, r in enumerate(rows) if "╭" in r)
    bottom = next(i for i, r in enumerate(rows) if "╰" in r and i > top)
    return top, bottom


@pytest.mark.parametrize("name", ["help", "knobs"])
def test_a_dialog_box_has_its_right_border_in_one_column(shown, name):
    _, screens = shown
    rows = screens[name]["rows"]
    top, bottom = _box_rows(rows)
    right = cell_columns(rows[top], "╮")
    assert right and cell_columns(rows[bottom], "╯") == right, (rows[top], rows[bottom])
    left = cell_columns(rows[top], "╭")
    for row in rows[top + 1:bottom]:
        sides = [c for c in cell_columns(row, "│") if c in (left[0], right[0])]
        assert sides == [left[0], right[0]], f"{name}: border out of line in {row!r}"


@pytest.mark.parametrize("name, divider", [("training", "▏"), ("playground", "▏"), ("exercises", "▕")])
def test_the_columns_divider_is_straight(shown, name, divider):
    """The line between the screen's two columns is at one cell column in every row that has it."""
    _, screens = shown
    rows = screens[name]["rows"][1:-1]       # between the top line and the footer
    columns = {cell_columns(row, divider)[0] for row in rows if divider in row}
    assert len(columns) == 1, f"{name}: divider at cell columns {sorted(columns)}"
    assert sum(divider in row for row in rows) >= len(rows) // 2
