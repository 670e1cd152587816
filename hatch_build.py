"""Build hook: compiles each message catalogue (toynn_tui/locale/*/LC_MESSAGES/*.po) into its .mo.

Runs for every wheel hatch builds, editable installs included, so `pip install .`
(or `pip install -e .`) is all a learner needs for toynn to speak their language.
The .mo files are build products: written next to their .po, kept out of git
(.gitignore) and put into the wheel as artifacts.
"""
from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(Path(self.root, "toynn_tui", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)   # fuzzy entries are left out, as msgfmt does
        build_data["artifacts"].append("toynn_tui/locale/*/LC_MESSAGES/*.mo")
