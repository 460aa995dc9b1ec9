"""Departments by code, full name or alias: the roster of checklist.toml read
and checked, and one way to find the department a user names (add, import,
list), with "did you mean" for a name that matches none."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from checklist.errors import ChecklistError, ProblemsError
from checklist.problems import did_you_mean

CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
ENTRY_KEYS = ("name", "aliases")
# How many departments an unknown name's message offers.
HINTS, KNOWN = 3, 10

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


@dataclass
class Roster:
    """Every department a ledger knows: the configured roster, then those only in list files."""

    names: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, source: Any) -> Roster:
        """The roster of a Config, or of a Ledger (its config's, then the departments in its files)."""
        config = getattr(source, "config", source)
        roster = cls(dict(config.departments), {c: list(config.aliases.get(c, ())) for c in config.departments})
        if hasattr(source, "config"):
            for code, name in source.departments():
                roster.names.setdefault(code, name)
        return roster

    def words(self, code: str) -> list[str]:
        """What names a department: its code, full name and aliases."""
        return [code, self.names[code], *self.aliases.get(code, ())]

    def find(self, given: str) -> tuple[str, str] | None:
        """(code, name) of the department named by code, full name or alias; None if none is."""
        wanted = normalize(given)
        if not wanted:
            return None
        # A code before a full name before an alias: an alias never hides another department.
        for words in (lambda c: [c], lambda c: [self.names[c]], lambda c: self.aliases.get(c, [])):
            for code in self.names:
                if any(normalize(w) == wanted for w in words(code)):
                    return code, self.names[code]
        return None

    def closest(self, given: str) -> list[str]:
        """The names closest to `given`, best first, each as the word that matched and its department."""
        wanted = normalize(given)
        scored = []
        for order, code in enumerate(self.names):
            best = max(((_likeness(wanted, normalize(w)), w) for w in self.words(code)), key=lambda s: s[0])
            if best[0] > 0:
                scored.append((-best[0], order, code, best[1]))
        scored.sort()
        return [_shown(word, code, self.names[code]) for _, _, code, word in scored[:HINTS]]

    def resolve(self, given: str) -> tuple[str, str]:
        """(code, name) of the department named; refused with the closest names when none is."""
        found = self.find(given)
        if found is not None:
            return found
        hints = self.closest(given)
        if hints:
            raise ChecklistError("dept_unknown_hint", dept=given, hint="、".join(hints))
        known = [f"{code} {name}" for code, name in self.names.items()]
        shown = "、".join(known[:KNOWN]) + ("……" if len(known) > KNOWN else "")
        raise ChecklistError("dept_unknown", dept=given, known=shown or "-")


def _likeness(wanted: str, word: str) -> float:
    """How close a typed name is to a department's word (0 when not close): difflib's ratio, or
    the characters typed all found in order in the word, as Chinese short names are made
    (发改委 from 发展和改革委员会)."""
    if not wanted or not word:
        return 0.0
    ratio = SequenceMatcher(None, wanted, word).ratio()
    if ratio >= 0.6:
        return ratio
    rest = iter(word)
    if len(wanted) >= 2 and all(ch in rest for ch in wanted):
        return max(ratio, 0.55)
    return 0.0


def _shown(word: str, code: str, name: str) -> str:
    return f"{name} ({code})" if word in (name, code) else f"{word} ({code} {name})"


def resolve(source: Any, given: str) -> tuple[str, str]:
    """(code, name) of the department `given` names in a Ledger or a Config (code, full name or
    alias, compared case-, width- and space-insensitively); refused with "did you mean"."""
    roster = Roster.of(source)
    if roster.find(given) is None and hasattr(source, "files"):
        # The department may well be in a file that cannot be read: show why, not "unknown".
        unreadable = [p for fd in source.files if all(d.get("broken") for d in fd.departments) for p in fd.problems]
        if unreadable:
            raise ProblemsError(unreadable)
    return roster.resolve(given)
