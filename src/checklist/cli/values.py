"""Option values typed as text, checked the same way by every command: choices, counts.

No Typer here: `list --type` and `report --serial` run on the fast path (cli/fast.py).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def choice_option(field: Any, value: str, key: str) -> str:
    """A choice option as typed (its value, or its English or Chinese words) as the file writes
    it, else the usage error `key` naming the choices."""
    from checklist.domain.fields import choice_value
    from checklist.errors import UsageError

    found = choice_value(field, value)
    if found is None:
        raise UsageError(key, value=value, choices="、".join(f"{v} ({zh})" for v, _, zh in field.choices))
    return found


def type_option(value: str) -> str:
    """--type: immediate, deadline or ongoing, or their Chinese words (立行立改, 限期整改, 长期坚持)."""
    from checklist.domain.fields import BY_NAME

    return choice_option(BY_NAME["type"], value, "bad_type_option")


def whole_number(value: str, key: str) -> int:
    """A count or number typed as text (full-width digits too): 1 or more, else the usage error `key`."""
    import unicodedata

    from checklist.errors import UsageError

    digits = unicodedata.normalize("NFKC", value).strip()
    if not digits.isascii() or not digits.isdigit() or int(digits) < 1:
        raise UsageError(key, value=value)
    return int(digits)


def percent(value: str) -> int:
    """--percent typed as text: a whole number from 0 to 100 (full-width digits and a final % too)."""
    import unicodedata

    from checklist.errors import UsageError

    digits = unicodedata.normalize("NFKC", value).strip().removesuffix("%").strip()
    if not digits.isascii() or not digits.isdigit() or int(digits) > 100:
        raise UsageError("bad_percent", field="--percent", value=value)
    return int(digits)
