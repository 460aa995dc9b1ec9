"""JSON output: SPEC's shapes, dates as YYYY-MM-DD, Chinese kept literal.

Laid out one list element per line: readable, diffable, and fast, since
each element goes through the C encoder (json's indent= path is pure
Python and costs more than the whole report on a big ledger).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from checklist.domain.states import ItemView


def _default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_default, separators=(", ", ": "))
_encode: Callable[[Any], str] = _ENCODER.encode


def _reused() -> None:
    """Encode with one C encoder made once, not one per call as JSONEncoder.encode makes (most of
    the cost of a million-item ledger's 250,000 overdue entries), when this Python's json has it
    and it encodes a probe exactly as the public encoder does; else keep the public path."""
    global _encode
    try:
        from json import encoder

        c_make_encoder = getattr(encoder, "c_make_encoder", None)
        if c_make_encoder is None:
            return
        once = c_make_encoder(None, _default, encoder.encode_basestring, None, ": ", ", ", False, False, True)
        probe = [{"键": "值\n\"", "n": 1, "x": 2.5, "b": True, "d": date(2026, 1, 2), "none": None}, [], {}]

        def fast(value: Any) -> str:
            return "".join(once(value, 0))

        if fast(probe) == _ENCODER.encode(probe):
            _encode = fast
    except Exception:  # noqa: BLE001 - an internal that changed shape: the public encoder stays
        return


_reused()


def _block(value: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, list) and value:
        return "[\n" + inner + (",\n" + inner).join(map(_encode, value)) + "\n" + indent + "]"
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
