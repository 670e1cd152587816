"""The app in Chinese: double-width characters laid out whole and in line, at 80×24 and larger.

Each main screen (training, help, exercises, the playground and its knobs) is rendered
under zh_CN by docs/screens/make_screens.py (the same scenarios as the screenshots), in a
child process: the footer's key names are built when the app's modules are imported,
in the language the process starts with, and this process speaks English
(tests/conftest.py). The catalogue is the installed one (tests/zh.py).
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

from tests import zh

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs/screens/make_screens.py"
SIZES = [(80, 24), (120, 36)]


def _script():
    spec = importlib.util.spec_from_file_location("make_screens", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def locale_dir():
    return zh.locale_dir()


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


# -- in this process, with the app's own test helpers ---------------------------------------
# Everything but the footer's key names is translated when it is drawn, so the panels can be
# read here in Chinese, widget by widget.

def _in_chinese(monkeypatch, locale_dir):
    monkeypatch.setenv("TOYNN_LANG", "zh_CN")
    monkeypatch.setenv("TOYNN_LOCALE_DIR", str(locale_dir))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_examples_headings_stand_over_their_columns(monkeypatch, locale_dir, size):
    """The right-aligned heading 误差 (two double-width characters) ends where its numbers end."""
    sys.path.insert(0, str(ROOT / "tests/app"))
    from pilot import run, status, text
    from toynn_tui.app import ToynnApp

    _in_chinese(monkeypatch, locale_dir)

    async def scenario(pilot, screen):
        for _ in range(3):
            await pilot.press("s")
        return status(screen), text(screen, "#examples"), text(screen, "#error-labels")

    line, examples, errors = run(ToynnApp(paused=True, warmup=False), scenario, size=size)
    assert "已暂停" in line and "种子 1" in line and cell_len(line) <= size[0]
    head, *rows = examples.split("\n")
    assert "误差" in head and "l1 (隐藏)" in head
    assert {cell_len(r.rstrip()) for r in rows} == {cell_len(head.rstrip())}, examples
    now, best = errors.split("\n")[:2]
    assert now.startswith("当前") and best.startswith("最低")
    # the two numbers start in one cell column
    assert cell_len(now[:len(now) - len(now[2:].lstrip())]) == cell_len(best[:len(best) - len(best[2:].lstrip())])


def test_a_check_message_in_chinese_wraps_by_cells_and_keeps_names_whole():
    """The checks panel wraps prose to its width: Chinese by cells, between characters,
    never through one of the article's names."""
    from toynn_tui.widgets.checks import _wrap

    body = "你的 nonlin 在 deriv=True 时返回的不是 x*(1-x)：这里的输入已经是 sigmoid 的输出，" \
           "斜率应当由它直接算出，而不是再求一次 sigmoid；l1_delta 和 syn0 的更新都依赖它。"
    lines = _wrap(body, 4, "    ", 40)
    assert len(lines) > 2
    assert 4 + cell_len(lines[0]) <= 40 and all(cell_len(ln) <= 40 for ln in lines[1:])
    assert all(ln.startswith("    ") for ln in lines[1:])
    words = " ".join(lines).split()
    for name in ("nonlin", "deriv=True", "x*(1-x)", "sigmoid", "l1_delta", "syn0"):
        assert any(name in w for w in words), name
    assert "".join(ln.strip() for ln in lines).replace(" ", "") == body.replace(" ", "")
