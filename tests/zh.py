"""The zh_CN catalogue, for the tests that read toynn in Chinese.

The install the README's test command makes (`pip install -e '.[test]'`) compiles
toynn.po into toynn.mo beside it (hatch_build.py): the tests speak Chinese through
that very file, as a learner's install does, and read the .po for what each sentence
should become.
"""
from __future__ import annotations

from pathlib import Path

from toynn_tui import i18n

PO = i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def locale_dir() -> Path:
    """The installed catalogues' folder (for TOYNN_LOCALE_DIR); fails when the install did not compile them."""
    mo = i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert mo.is_file() and mo.stat().st_mtime >= PO.stat().st_mtime, \
        "the zh_CN catalogue is not compiled, or older than toynn.po: reinstall (pip install -e '.[test]')"
    return i18n.LOCALE_DIR


def catalogue():
    """toynn.po as Babel reads it (msgid -> Message; `catalogue().get(id, context=...)`)."""
    from babel.messages.pofile import read_po
    with open(PO, "rb") as f:
        return read_po(f, locale="zh_CN")
