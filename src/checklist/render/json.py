"""JSON output: SPEC's shapes, dates as YYYY-MM-DD, Chinese kept literal.

Laid out one list element per line: readable, diffable, and fast, since
each element goes through the C encoder (json's indent= path is pure
Python and costs more than the whole report on a big ledger).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from checklist.domain.states import ItemView


def _default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


_encode = json.JSONEncoder(ensure_ascii=False, default=_default, separators=(", ", ": ")).encode


def _block(value: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _encode(v) for v in value) + "\n" + indent + "]"
    if isinstance(value, dict) and value and any(isinstance(v, list | dict) for v in value.values()):
        return "{\n" + ",\n".join(f"{inner}{_encode(k)}: {_block(v, inner)}" for k, v in value.items()) + "\n" + indent + "}"
    return _encode(value)


def dumps(value: Any) -> str:
    """Report data as JSON text with a final newline: nested lists one element a line."""
    return _block(value, "") + "\n"


def report(data: dict[str, Any]) -> str:
    """`report --format json`."""
    return dumps(data)


def items(views: list[ItemView]) -> str:
    """`list --format json`: an array of items."""
    return dumps([v.to_json() for v in views])


def item(view: ItemView) -> str:
    """`show --format json`: one item."""
    return dumps(view.to_json())
