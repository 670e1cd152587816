"""Which language toynn speaks: --lang, TOYNN_LANG, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG."""
from __future__ import annotations

import pytest

from toynn_tui import i18n

LOCALE_VARS = ("TOYNN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def env(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize("settings, expected", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),     # LC_ALL wins, and toynn has no French
    ({"LANGUAGE": "fr:zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN"),   # LANGUAGE is a list of choices
    ({"LANG": "zh_CN.UTF-8", "TOYNN_LANG": "en"}, "en"),          # TOYNN_LANG wins over the locale
    ({"TOYNN_LANG": "zh-Hans"}, "zh_CN"),
    ({"LANG": "C.UTF-8"}, "en"),
])
def test_the_language_follows_the_environment(env, settings, expected):
    for var, value in settings.items():
        env.setenv(var, value)
    assert i18n.current() == expected


def test_use_sets_it_for_the_children_and_refuses_unknown_names(env):
    assert i18n.use("zh_CN.UTF-8") == "zh_CN"
    import os
    assert os.environ["TOYNN_LANG"] == "zh_CN"
    with pytest.raises(ValueError, match="en, zh_CN"):   # said in the language just chosen
        i18n.use("klingon")
    i18n.use("en")
    with pytest.raises(ValueError, match=r"unknown language 'klingon' \(toynn speaks: en, zh_CN\)"):
        i18n.use("klingon")


@pytest.mark.parametrize("argv, expected", [
    (["check", "exercise3", "--lang", "zh_CN"], "zh_CN"),
    (["--lang=en", "list"], "en"),
    (["check", "--", "--lang", "zh_CN"], None),
    (["list"], None),
])
def test_lang_is_found_on_the_command_line_before_click(argv, expected):
    assert i18n.from_argv(argv) == expected
