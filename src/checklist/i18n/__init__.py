"""Message catalogs: every user-facing string, in English and Chinese.

A small dict catalog rather than gettext: the two languages live side by side
in one place (so a missing translation is a failing test, not a silent
fallback), nothing needs compiling, and lookups cost a dict access.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing's own import costs start-up time a fast run does not spend
    from typing import Any

LANGS = ("en", "zh")
_lang: str | None = None
_catalog: dict[str, tuple[str, str]] | None = None
_merged_here = False

CATALOG_MODULES = ("core", "edit", "entries", "report", "git", "cli", "shell", "importer", "fields", "supervision",
                   "hostile", "collab", "deliverables")


def catalog() -> dict[str, tuple[str, str]]:
    """All messages, key -> (en, zh), merged from the catalog modules."""
    global _catalog, _merged_here
    if _catalog is None:
        import importlib

        merged: dict[str, tuple[str, str]] = {}
        for name in CATALOG_MODULES:
            try:
                mod = importlib.import_module(f"checklist.i18n.messages.{name}")
            except ModuleNotFoundError:
                continue
            for key, pair in mod.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"message key {key!r} defined twice")
                merged[key] = pair
        _catalog = merged
        _merged_here = True
    return _catalog


def use_catalog(merged: dict[str, tuple[str, str]]) -> None:
    """Take the catalog as merged by an earlier run (cli/derived.py keeps it, keyed by the code)
    instead of importing every catalog module; only before the first message is looked up."""
    global _catalog
    if _catalog is None:
        _catalog = merged


def merged_here() -> dict[str, tuple[str, str]] | None:
    """The catalog, when this process merged it from the modules (worth keeping for the next run)."""
    global _merged_here
    if not _merged_here:
        return None
    _merged_here = False
    return _catalog


def detect_lang() -> str:
    """The language from CHECKLIST_LANG, else zh when LC_ALL/LANG start with zh."""
    env = os.environ.get("CHECKLIST_LANG", "").strip().lower()
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_lang(lang: str | None) -> None:
    """Choose the interface language for this process (None: detect)."""
    global _lang
    _lang = lang if lang in LANGS else detect_lang()


def lang() -> str:
    """The interface language in force."""
    if _lang is None:
        set_lang(None)
    assert _lang is not None
    return _lang


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the current language, with params filled in."""
    pair = catalog().get(key)
    if pair is None:
        raise KeyError(f"no message {key!r} in the catalog")
    text = pair[1] if lang() == "zh" else pair[0]
    return text.format(**params) if params else text


def column(name: str) -> str:
    """A column's heading: a field's label (`field_<name>`), else the report's `rpt_col_<name>`."""
    key = f"field_{name}"
    return t(key if key in catalog() else f"rpt_col_{name}")
