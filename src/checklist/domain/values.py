"""Plain values shared by the core: an item as data, dates for JSON, text as typed."""

from __future__ import annotations

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
    """Text as typed, tidied: one line has its runs of spaces folded, several lines are only stripped."""
    if value is None:
        return ""
    return " ".join(value.split()) if "\n" not in value else value.strip()


def clean_name(value: str | None) -> str:
    """A person's name as typed, only trimmed: padding inside it ("孙　伟") is kept, as the
    clerk wrote it (names are compared by domain.names.person_key)."""
    return (value or "").strip()
