"""What a zh_CN learner reads of the mistake catalogue and the ladder: Chinese words, English ids.

The catalogue is compiled here (Babel) from the zh_CN translations in the checkout, the main
toynn.po and the helpers' parts not yet merged into it, and previewed through TOYNN_LOCALE_DIR,
so these tests do not depend on an install having compiled it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import zh as zh_catalogue
from toynn_tui import i18n


NONLIN_DERIV_IGNORED = ("import numpy as np\n\n\ndef nonlin(x, deriv=False):\n"
                        "    if deriv:\n        return 1 / (1 + np.exp(-x))\n    return 1 / (1 + np.exp(-x))\n")


@pytest.fixture(scope="module")
def locale_dir() -> Path:
    """The installed catalogues' folder (tests/zh.py)."""
    return zh_catalogue.locale_dir()


@pytest.fixture
def zh(monkeypatch, locale_dir):
    monkeypatch.setenv(i18n.LOCALE_DIR_VAR, str(locale_dir))
    monkeypatch.setenv(i18n.ENV_VAR, "zh_CN")
    return monkeypatch


def test_a_mistake_is_told_in_chinese_and_keeps_its_english_id(zh):
    from toynn_tui.checker import mistakes
    from toynn_tui.practice.gradebook import diagnosis_title
    m = mistakes.get("slope-missing")
    assert m.id == "slope-missing"
    assert m.title == "delta 中缺少斜率" and diagnosis_title("slope-missing") == "delta 中缺少斜率"
    assert m.explanation.startswith("你的 delta 就是误差本身") and "nonlin(layer, deriv=True)" in m.hint
    zh.setenv(i18n.ENV_VAR, "en")   # the table was built once; the language is read where it is shown
    assert m.title == "slope missing from the delta"


def test_a_measured_detail_and_the_names_of_what_changed_are_chinese_too(zh):
    from toynn_tui.checker import mistakes
    from toynn_tui.checker.mistakes.catalogue import changed_in_place
    from toynn_tui.checker.mistakes.step import _describe_scale
    scaled = mistakes.with_detail(mistakes.get("scaled-update"), _describe_scale(0.25, 4))
    assert scaled.id == "scaled-update"
    assert scaled.explanation.endswith("实测：每次更新是预期的 1/4（对 4 个样本取了平均）。")
    changed = changed_in_place({"train": ["X", "y"]})
    assert changed.id == "mutates-inputs" and changed.title == "原地修改了 X 和 y"
    assert changed.explanation == "你的 train 原地修改了传给它的 X 和 y：调用者自己的数组也随之改变。"


def test_a_ladder_contract_keeps_its_lines_and_code_in_chinese(zh):
    from toynn_tui import ladder
    ex = {e.name: e for e in ladder.load()}["exercise3"]
    assert ex.title == "三层网络（反向传播）"
    assert len(ex.contract.splitlines()) == len(ex.contract_en.strip().splitlines())
    assert "l2_delta" in ex.contract and "`iterations`" in ex.contract and "不要原地修改 X 或 y" in ex.contract
    assert ex.checks[0] == "starting parameters: shapes, range, seeded order"   # an id: English


def test_toynn_check_names_the_mistake_in_chinese_and_the_json_keeps_the_ids(tmp_path, locale_dir):
    file = tmp_path / "exercise1.py"
    file.write_text(NONLIN_DERIV_IGNORED)
    env = {**os.environ, i18n.ENV_VAR: "zh_CN", i18n.LOCALE_DIR_VAR: str(locale_dir)}

    def check(*extra):
        return subprocess.run([sys.executable, "-m", "toynn_tui", "check", "exercise1", "--file", str(file), *extra],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    text = check().stdout
    assert "✗ 斜率，由 sigmoid 的输出计算" in text            # the check's name, as a description
    assert "deriv=True 仍然返回 sigmoid" in text              # the mistake's title
    assert "检查对 deriv 的判断是否在 sigmoid 之前执行" in text  # and its hint
    report = json.loads(check("--json").stdout)
    failed = [i for i, t in enumerate(report["tests"]) if t["status"] == "fail"]
    assert [report["tests"][i]["name"] for i in failed] == ["the slope, computed from a sigmoid output"]
    assert [report["toynn"]["tests"][i]["diagnosis"] for i in failed] == ["deriv-ignored"]
