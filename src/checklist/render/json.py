"""JSON output: SPEC's shapes, dates as YYYY-MM-DD, Chinese kept literal."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from checklist.report import ItemView


def _default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def dumps(value: Any) -> str:
    """Any report data as indented JSON text with a final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=_default) + "\n"


def report(data: dict[str, Any]) -> str:
    """`report --format json`."""
    return dumps(data)


def items(views: list[ItemView]) -> str:
    """`list --format json`: an array of items."""
    return dumps([v.to_json() for v in views])


def item(view: ItemView) -> str:
    """`show --format json`: one item."""
    return dumps(view.to_json())
