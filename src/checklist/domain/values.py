"""Plain values shared by the core: an item as data, dates for JSON, text as typed."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

Item = dict[str, Any]


def jsonable(value: Any) -> Any:
    """Data with dates as YYYY-MM-DD, ready for JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def clean_text(value: str | None) -> str:
    """Text as typed, tidied: one line has its runs of spaces folded, several lines are only stripped;
    text of only whitespace and invisible characters is empty."""
    if value is None or not visible(value):
        return ""
    return " ".join(value.split()) if "\n" not in value else value.strip()


def clean_name(value: str | None) -> str:
    """A person's name as typed, only trimmed: padding inside it ("孙　伟") is kept, as the
    clerk wrote it (names are compared by domain.names.person_key)."""
    return (value or "").strip()


# Characters that show nothing although Python and YAML do not count them as whitespace:
# controls, format characters (the soft hyphen, zero-width space and joiners, direction
# marks and isolates, word joiner, the BOM), and letters and symbols drawn blank (the
# Hangul fillers, the blank Braille cell). One character class, read alike by Python's
# re and by the regex engine pydantic uses, so the fast check and the model agree.
_HIDDEN = ("\\x00-\\x1f\\x7f-\\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
           "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb")
VISIBLE_PATTERN = "[^\\s" + _HIDDEN + "]"
_VISIBLE = re.compile(VISIBLE_PATTERN)


def is_invisible(ch: str) -> bool:
    """Whether a character shows nothing on screen (whitespace included)."""
    return _VISIBLE.match(ch) is None


def visible(text: str) -> bool:
    """Whether text shows anything: a value of only whitespace and invisible characters is empty."""
    return _VISIBLE.search(text) is not None


def hidden_chars(text: str) -> list[str]:
    """The invisible characters inside text, other than plain spaces, named: ['U+200B ZERO WIDTH SPACE']."""
    names: list[str] = []
    for ch in text:
        if ch != " " and is_invisible(ch):
            name = f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()
            if name not in names:
                names.append(name)
    return names


def escaped(text: str) -> str:
    """text with its invisible characters (other than plain spaces) written as \\uXXXX."""
    return "".join(f"\\u{ord(ch):04x}" if ch != " " and is_invisible(ch) else ch for ch in text)


def unknown_id(typed: str, key: str, **params: Any) -> Exception:
    """The refusal of an ID found nowhere: when it holds an invisible character (pasted from a
    chat or a web page), say which, since "did you mean CZJ-001?" would look the same on screen."""
    from checklist.errors import ChecklistError

    hidden = hidden_chars(typed)
    if hidden:
        return ChecklistError("hostile_id_invisible", id=escaped(typed), chars=", ".join(hidden))
    return ChecklistError(key, **params)
