"""Values as YAML text in a file's style: scalars quoted only when needed,
entries as one-line flow mappings, multi-line text as literal blocks, and a
new item's lines in a given key order.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from typing import Any

from checklist.yamldoc.document import Style
from checklist.yamldoc.parse import resolve_plain

# Characters that cannot start a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters no plain scalar may hold: controls (YAML allows none raw but tab and line
# breaks), NEL, the line and paragraph separators, BOM and the non-characters.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# What ends a plain scalar or starts a comment: ": ", " #", a final ":" (and a tab).
_BREAKS_PLAIN = re.compile(r": | #|:$|\t")
_BREAKS_FLOW = re.compile(r"[,\[\]{}:?]")  # libyaml ends a flow plain scalar at "?" too
# YAML 1.1 readers (PyYAML, older tools) would not read these as text.
_YAML11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?[0-9][0-9_:.eExXoObB+-]*)$"
)


def needs_quotes(text: str, flow: bool = False) -> bool:
    """Whether a string must be quoted to read back as the same string."""
    if not text or text[0] in _INDICATORS or text[0].isspace() or text[-1].isspace():
        return True
    if _UNSAFE.search(text) or _BREAKS_PLAIN.search(text):
        return True
    if flow and _BREAKS_FLOW.search(text):
        return True
    if not text[0].isascii():
        return False  # every YAML 1.1 or 1.2 non-string (null, bool, number, date) starts with ASCII
    resolved = resolve_plain(text)
    if not isinstance(resolved, str) or resolved != text:
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
    return _text(str(value), flow)


@functools.lru_cache(maxsize=4096)  # a ledger repeats its names, units, statuses and notes
def _text(text: str, flow: bool) -> str:
    if not needs_quotes(text, flow):
        return text
    if "'" not in text and not _UNSAFE.search(text):
        return "'" + text + "'"
    # JSON strings are YAML double-quoted scalars; keep CJK literal, escape what YAML
    # does not allow raw (JSON leaves DEL, NEL, the line and paragraph separators and BOM).
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


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
    first = next(line for line in text.split("\n") if line)
    indicator = str(indent) if first[:1] == " " else ""  # else the reader takes its spaces as indentation
    body = text[:-1] if text.endswith("\n") else text
    if chomp == "+":
        body = text[:-1]
    pad = " " * indent
    lines = [("|" + indicator + chomp) + nl]
    lines += [(pad + part if part else "") + nl for part in body.split("\n")]
    return lines


def _block_ok(text: str) -> bool:
    """Whether a multi-line string can be written as a literal block scalar."""
    if "\n" not in text or "\r" in text or not text.strip("\n"):
        return False  # (nothing but line breaks reads back empty from a block)
    if any(line.isspace() for line in text.split("\n")):
        return False  # a line of spaces alone is read as an empty line
    return not _UNSAFE.search(text.replace("\n", " "))


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
