"""Values as YAML text in a file's style: scalars quoted only when needed,
entries as one-line flow mappings, multi-line text as literal blocks, and a
new item's lines in a given key order.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from checklist.yamldoc.document import Style
from checklist.yamldoc.parse import resolve_plain

# Characters that cannot start a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = frozenset(",[]{}")
# YAML 1.1 readers (PyYAML, older tools) would not read these as text.
_YAML11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?[0-9][0-9_:.eExXoObB+-]*)$"
)


def needs_quotes(text: str, flow: bool = False) -> bool:
    """Whether a string must be quoted to read back as the same string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return True
    if any(ord(c) < 32 or c in "\x7f\x85\u2028\u2029\ufeff" for c in text):
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return True
    if flow and (any(c in _FLOW_CHARS for c in text) or ":" in text):
        return True
    if resolve_plain(text) != text or not isinstance(resolve_plain(text), str):
        return True
    return bool(_YAML11.match(text))


def scalar(value: Any, flow: bool = False) -> str:
    """A single-line YAML scalar: dates bare, strings quoted only when needed."""
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if not needs_quotes(text, flow):
        return text
    if "'" not in text and not any(ord(c) < 32 or c in "\x7f\x85\u2028\u2029\ufeff" for c in text):
        return "'" + text + "'"
    # JSON strings are YAML double-quoted scalars; keep CJK literal.
    return json.dumps(text, ensure_ascii=False)


def flow_mapping(entry: dict[str, Any]) -> str:
    """A one-line flow mapping: ``{date: 2026-11-15, note: 已召开专题会议}``."""
    parts = [f"{k}: {scalar(v, flow=True)}" for k, v in entry.items() if v is not None]
    return "{" + ", ".join(parts) + "}"


def flow_sequence(values: list[Any]) -> str:
    """A one-line flow sequence: ``[市发展和改革委员会, 市财政局]``."""
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def _block_scalar(text: str, indent: int, nl: str) -> list[str]:
    """A multi-line string as a literal block scalar: header suffix and content lines."""
    chomp = "+" if text.endswith("\n\n") else ("" if text.endswith("\n") else "-")
    indicator = str(indent) if text[:1] == " " else ""
    body = text[:-1] if text.endswith("\n") else text
    if chomp == "+":
        body = text[:-1]
    pad = " " * indent
    lines = [("|" + indicator + chomp) + nl]
    lines += [(pad + part if part else "") + nl for part in body.split("\n")]
    return lines


def _block_ok(text: str) -> bool:
    """Whether a multi-line string can be written as a literal block scalar."""
    if "\n" not in text or "\r" in text:
        return False
    return not any((ord(c) < 32 and c != "\n") or c in "\x7f\x85\u2028\u2029\ufeff" for c in text)


def render_field(name: str, value: Any, style: Style, key_col: int) -> list[str]:
    """The lines of one item field, `name: value`, its key at key_col."""
    pad = " " * key_col
    nl = style.newline
    if isinstance(value, list):
        if not any(isinstance(entry, dict) for entry in value):
            return [f"{pad}{name}: {flow_sequence(value)}{nl}"]  # a list of text: [a, b]
        dash = " " * (key_col + style.seq_offset)
        out = [f"{pad}{name}:{nl}"]
        for entry in value:
            text = flow_mapping(entry) if isinstance(entry, dict) else scalar(entry)
            out.append(f"{dash}- {text}{nl}")
        return out
    if isinstance(value, str) and _block_ok(value):
        block = _block_scalar(value, key_col + style.key_offset, nl)
        return [f"{pad}{name}: {block[0]}", *block[1:]]
    return [f"{pad}{name}: {scalar(value)}{nl}"]


def render_item(item: dict[str, Any], style: Style, dash_col: int, order: tuple[str, ...]) -> list[str]:
    """A new item's lines in the file's style, keys in `order` (others after them)."""
    keys = [k for k in order if item.get(k) is not None] + [k for k in item if k not in order and item[k] is not None]
    key_col = dash_col + style.key_offset
    out: list[str] = []
    for index, name in enumerate(keys):
        lines = render_field(name, item[name], style, key_col)
        if index == 0:
            lines[0] = " " * dash_col + "-" + " " * (style.key_offset - 1) + lines[0][key_col:]
        out += lines
    return out
