"""The language toynn speaks: gettext catalogues (managed with Babel) and the one choice of language.

    from toynn_tui.i18n import _, N_, ngettext, pgettext
    _("{done} of {total} checks pass").format(done=3, total=6)

Every learner-facing sentence goes through `_()`; the catalogues live in
`toynn_tui/locale/<lang>/LC_MESSAGES/toynn.po` and are compiled into `.mo` files
when the wheel (or an editable install) is built (`hatch_build.py`), so
`pip install` stays all the set-up. docs/translating.md says how to extract,
update and compile them.

Which language: `--lang` (which sets TOYNN_LANG for this process and every
child it starts: the checker composes its report in the learner's language),
then TOYNN_LANG, then gettext's own LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
Anything not translated is English. The language is read at each call, so a
sentence built while running follows it; text built when a module is imported
(click's help, the footer's bindings) follows the language the process started
with, which the entry points (`toynn_tui/entry.py`) fix before importing the rest.

What is never translated: ids (mistake ids, check names in gradebooks, column
names, JSON keys), the article's names (l0, l1, syn0, nonlin, X, y), code,
option names and keys.
"""
from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "toynn"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV_VAR = "TOYNN_LANG"
# A translator's preview: compiled catalogues from another folder (<dir>/<lang>/LC_MESSAGES/toynn.mo)
LOCALE_DIR_VAR = "TOYNN_LOCALE_DIR"
# The languages toynn has a catalogue for; English is the source and needs none.
LANGUAGES = ("en", "zh_CN")
# What a locale name may be spelled as, lower-cased, without its encoding: which catalogue it means.
_ALIASES = {"zh": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN", "zh_hans": "zh_CN", "zh-hans": "zh_CN",
            "zh_sg": "zh_CN", "zh-hans-cn": "zh_CN", "c": "en", "posix": "en"}


def normalize(name: str | None) -> str | None:
    """A locale name (`zh_CN.UTF-8`, `zh-Hans`, `en_GB`, `C`) as one of LANGUAGES; None when toynn has none."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0].strip()
    if not base:
        return None
    low = base.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low == "en" or low.startswith(("en_", "en-")):
        return "en"
    return None


def current() -> str:
    """The language in use now: TOYNN_LANG, else the first of LANGUAGE/LC_ALL/LC_MESSAGES/LANG toynn knows."""
    chosen = normalize(os.environ.get(ENV_VAR))
    if chosen:
        return chosen
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if not value:
            continue
        # LANGUAGE is a priority list ("zh_CN:en"); the others name one locale, and the first set one wins
        for part in value.split(":"):
            found = normalize(part)
            if found:
                return found
        if var != "LANGUAGE":
            return "en"   # LC_ALL=fr_FR: a language toynn has no catalogue for, so English
    return "en"


def use(lang: str | None) -> str:
    """Speak `lang` from now on, in this process and the processes it starts; returns what was chosen.

    An unknown name raises ValueError, with the languages there are.
    """
    chosen = normalize(lang)
    if chosen is None:
        raise ValueError(_("unknown language {name} (toynn speaks: {languages})").format(
            name=repr(lang), languages=", ".join(LANGUAGES)))
    os.environ[ENV_VAR] = chosen
    return chosen


def locale_dir() -> Path:
    """Where the compiled catalogues are: the package's own, or TOYNN_LOCALE_DIR's (a translator's preview)."""
    return Path(os.environ.get(LOCALE_DIR_VAR) or LOCALE_DIR)


@lru_cache(maxsize=None)
def translations(lang: str, folder: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The compiled catalogue for `lang`; English (no catalogue) or a missing .mo gives the source text."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(folder), languages=[lang], fallback=True)


def has_catalogue(lang: str) -> bool:
    """Whether `lang`'s compiled catalogue is installed (an install builds it; a bare checkout has none)."""
    return lang == "en" or (locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def _(message: str) -> str:
    """`message` in the current language (the English itself when there is no translation)."""
    if not message:   # gettext's "" is the catalogue's header, never a translation of nothing
        return message
    return translations(current(), locale_dir()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return translations(current(), locale_dir()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, in the sense `context` names: one English word with two
    meanings (the net's "error", a check's "error") gets two entries in the catalogue."""
    if not message:
        return message
    return translations(current(), locale_dir()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it: for a table read by `_()` at use."""
    return message


def from_argv(argv: list[str]) -> str | None:
    """The value of `--lang X` / `--lang=X` in a command line, before click has parsed it (None: not given)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None
