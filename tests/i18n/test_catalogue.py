"""Each catalogue matches the code: no message missing or stale, all translated, same placeholders, the glossary kept.

The messages are extracted afresh from the source with Babel and babel.cfg (as
`pybabel extract` does), so a sentence added to the code without a translation,
or a translation left for a sentence the code no longer has, fails here.
"""
from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

babel = pytest.importorskip("babel", reason="Babel is in the test extra: pip install -e '.[test]'")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from toynn_tui import i18n  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LOCALES = [lang for lang in i18n.LANGUAGES if lang != "en"]
ARTICLE_NAMES = ("l0", "l1", "l2", "syn0", "syn1", "nonlin")


def _extracted() -> dict[str, tuple[str, int]]:
    """msgid -> (file, line) of every message in the source."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for file, line, message, _comments, _ctx in extract_from_dir(str(ROOT), method_map, options_map):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, (file, line))
    return found


EXTRACTED = _extracted()


def _catalog(lang: str):
    with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as f:
        return read_po(f, locale=lang)


def _entries(lang: str):
    return [m for m in _catalog(lang) if m.id]   # Babel leaves the obsolete (#~) entries out


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _strings(message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def test_the_source_has_messages_to_translate():
    assert len(EXTRACTED) > 50, "the extraction found almost nothing: is babel.cfg right?"
    assert "The sigmoid and its slope" in EXTRACTED   # the ladder's text is extracted too


@pytest.mark.parametrize("lang", LOCALES)
def test_no_message_is_missing_or_stale(lang):
    have = {_key(m) for m in _entries(lang)}
    missing = sorted(set(EXTRACTED) - have)
    stale = sorted(have - set(EXTRACTED)) + sorted(_catalog(lang).obsolete)   # #~ entries: stale too
    assert not missing, f"{len(missing)} messages of the code are not in {lang}'s catalogue " \
                        f"(pybabel update, then translate): " + "; ".join(
                            f"{EXTRACTED[m][0]}:{EXTRACTED[m][1]} {m!r}" for m in missing[:10])
    assert not stale, f"{len(stale)} messages of {lang}'s catalogue are no longer in the code: {stale[:10]}"


@pytest.mark.parametrize("lang", LOCALES)
def test_every_message_is_translated(lang):
    untranslated = [_key(m) for m in _entries(lang) if not all(_strings(m)) or m.fuzzy]
    assert not untranslated, f"{len(untranslated)} of {lang}'s messages are untranslated or fuzzy: {untranslated[:10]}"


def _fields(text: str) -> list[str]:
    """The {placeholders} of a format string, sorted (a translation may reorder them)."""
    try:
        return sorted(f"{name}{'!' + conv if conv else ''}" for _lit, name, _spec, conv in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:
        return ["<unbalanced braces>"]


@pytest.mark.parametrize("lang", LOCALES)
def test_translations_keep_placeholders_and_the_articles_names(lang):
    bad = []
    for m in _entries(lang):
        english = m.id if isinstance(m.id, str) else m.id[1]
        for text in _strings(m):
            if text and _fields(text) != _fields(english):
                bad.append(f"{_key(m)!r}: placeholders {_fields(english)} became {_fields(text)}")
            for name in ARTICLE_NAMES:
                pattern = rf"(?<![A-Za-z0-9_]){name}(?![A-Za-z0-9])"
                if text and len(re.findall(pattern, english)) != len(re.findall(pattern, text)):
                    bad.append(f"{_key(m)!r}: the article's name {name} is not kept as it is")
    errors = [f"{m.id!r}: {err}" for m, errs in _catalog(lang).check() for err in errs]
    assert not bad + errors, "\n".join((bad + errors)[:15])


def _glossary() -> list[dict]:
    return tomllib.loads((i18n.LOCALE_DIR / "glossary.toml").read_text(encoding="utf-8"))["term"]


@pytest.mark.parametrize("lang", LOCALES)
def test_the_glossary_is_kept(lang):
    terms = [t for t in _glossary() if t.get("checked", True) and lang in t]
    assert terms, "the glossary checks no term"
    broken = []
    for m in _entries(lang):
        english = m.id if isinstance(m.id, str) else m.id[0]
        for term in terms:
            words = "|".join(re.escape(w) for w in sorted(term["en"], key=len, reverse=True))
            if re.search(rf"(?<![\w-])(?:{words})(?![\w-])", english, re.IGNORECASE):
                if not all(term[lang] in text for text in _strings(m) if text):
                    broken.append(f"{term['en'][0]} -> {term[lang]}: {english[:70]!r}")
    assert not broken, f"{len(broken)} translations do not use the glossary's term:\n" + "\n".join(broken[:15])


@pytest.mark.parametrize("lang", LOCALES)
def test_the_compiled_catalogue_is_installed_and_speaks(lang, monkeypatch):
    # the install (editable or a wheel) compiles the .po (hatch_build.py); a bare checkout has none
    assert i18n.has_catalogue(lang), f"no compiled {lang} catalogue: reinstall (pip install -e '.[test]')"
    entry = next(m for m in _entries(lang) if isinstance(m.id, str) and m.string)
    monkeypatch.setenv(i18n.ENV_VAR, lang)
    assert i18n._(entry.id) == entry.string
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert i18n._(entry.id) == entry.id
