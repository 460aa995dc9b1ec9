"""Departments by code, full name or alias: the roster of checklist.toml read
and checked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from checklist.problems import did_you_mean

CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
ENTRY_KEYS = ("name", "aliases")

Flag = Callable[..., None]  # bad(path, message key, at=value or None, **params)


def normalize(text: str) -> str:
    """A name as compared: NFKC (full-width to half-width), case-folded, with no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def read_roster(table: dict[str, Any], bad: Flag) -> tuple[dict[str, str], dict[str, list[str]]]:
    """[departments] as (code -> name, code -> aliases); each bad entry flagged and left out."""
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for code, value in table.items():
        path = ("departments", code)
        if not CODE.fullmatch(code):
            bad(path, "bad_code", value=code)
            continue
        if isinstance(value, str):
            entry: dict[str, Any] = {"name": value}
        elif isinstance(value, dict):
            entry = value
        else:
            bad(path, "config_dept_entry", code=code)
            continue
        for key in entry:
            if key not in ENTRY_KEYS:
                hint = did_you_mean(key, ENTRY_KEYS)
                bad((*path, key), "unknown_field_hint" if hint else "unknown_field", field=f"departments.{code}.{key}",
                     hint=f"departments.{code}.{hint}" if hint else "")
        name, more = entry.get("name"), entry.get("aliases", [])
        if "name" not in entry:
            bad(path, "config_dept_no_name", code=code)
        elif not (isinstance(name, str) and name.strip()):
            bad((*path, "name") if isinstance(value, dict) else path, "config_dept_name", code=code)
        elif not (isinstance(more, list) and all(isinstance(a, str) and a.strip() for a in more)):
            bad((*path, "aliases"), "config_expect_text_list", field=f"departments.{code}.aliases")
        else:
            names[code] = name
            aliases[code] = list(more)
    _unique(names, aliases, bad)
    return names, aliases


def _unique(names: dict[str, str], aliases: dict[str, list[str]], bad: Flag) -> None:
    """Each code, name and alias names one department: a clash is flagged where it is written
    a second time (the later one is dropped, so a lookup never has two answers)."""
    owner: dict[str, str] = {normalize(code): code for code in names}
    for code in list(names):
        key = normalize(names[code])
        if owner.get(key, code) != code:
            bad(("departments", code), "config_dept_name_taken", code=code, name=names[code], other=owner[key])
            del names[code], aliases[code]
            continue
        owner[key] = code
    for code in names:
        kept = []
        for alias in aliases[code]:
            key = normalize(alias)
            if owner.get(key, code) != code:
                bad(("departments", code, "aliases"), "config_dept_alias_taken", at=alias, code=code, alias=alias,
                     other=owner[key])
                continue
            owner[key] = code
            kept.append(alias)
        aliases[code] = kept
