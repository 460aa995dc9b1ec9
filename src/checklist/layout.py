"""The text layout of a list file: its style, where each item's text lies,
how a new item or value is written in that style, and line-level edits of
one item's text.

Edits must not reformat a hand-kept file (SPEC, "Mutating commands"), so we
never dump a whole file: we find the lines of the item concerned, change or
append lines in the file's own style, and splice them back. Shared by the
editing commands and the git merge driver.

Lines are kept with their own line ending (``keepends``), so a file with
CRLF (or even mixed endings) keeps every untouched line byte for byte; new
lines take the file's dominant ending.

API:

- ``detect_style(text, parsed)`` -> ``Style`` (newline, BOM, sequence offset, key offset)
- ``split_lines(text)`` / ``join``: lines with their endings
- ``item_spans(lines, parsed, base)`` -> ``[Span]``, the items of the department at ``base``
- ``items_end(lines, parsed, base)``: where a new item of that department goes
- ``render_item(item, style, dash_col)``: a new item's lines
- ``scalar(value, flow=False)``, ``flow_mapping(entry)``: values as YAML text
- ``ItemText``: one item's lines with ``set_field``, ``remove_field``, ``append_entry``
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from checklist.parse import Parsed, Path, resolve_plain

BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# A key line inside an item: indentation, the key (maybe quoted), the colon.
_KEY = re.compile(r"""^( *)(?:"([^"\\]*)"|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*)) *:(?=[ \t]|\r|\n|$)""")
# Characters that cannot start a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = frozenset(",[]{}")
# YAML 1.1 readers (PyYAML, older tools) would not read these as text.
_YAML11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?[0-9][0-9_:.eExXoObB+-]*)$"
)


@dataclass(frozen=True)
class Style:
    """How a file is written: line ending, BOM, and indentation habits.

    ``seq_offset``: columns from a key to the dashes of its block sequence
    (2 for ``items:\\n  - id:``, 0 for ``items:\\n- id:``); ``key_offset``:
    columns from a dash to the keys of the mapping it holds (2 for ``- id:``).
    """

    newline: str = "\n"
    bom: bool = False
    seq_offset: int = 2
    key_offset: int = 2


@dataclass(frozen=True)
class Span:
    """One item's lines: ``start`` (its dash line) to ``end`` (exclusive), 0-based."""

    start: int
    end: int
    dash_col: int
    key_col: int


def split_lines(text: str) -> list[str]:
    """Text as lines, each with its own line ending (the last may have none)."""
    return _LINE.findall(text)


def join(lines: list[str]) -> str:
    """Lines back to text."""
    return "".join(lines)


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def detect_style(text: str, parsed: Parsed | None = None) -> Style:
    """The style of a file's text (BOM already stripped or not), from its first items."""
    bom = text.startswith(BOM)
    m = re.search(r"\r\n|\r|\n", text)
    newline = m.group(0) if m else "\n"
    seq_offset, key_offset = 2, 2
    if parsed is not None:
        for base in department_bases(parsed):
            found = _offsets(parsed, base)
            if found is not None:
                seq_offset, key_offset = found
                break
    return Style(newline, bom, seq_offset, key_offset)


def department_bases(parsed: Parsed) -> list[Path]:
    """The path of each department mapping in a parsed file: () or (0,), (1,), ..."""
    data = parsed.data
    if isinstance(data, dict):
        return [()]
    if isinstance(data, list):
        return [(i,) for i, v in enumerate(data) if isinstance(v, dict)]
    return []


def _offsets(parsed: Parsed, base: Path) -> tuple[int, int] | None:
    key = parsed.keypos.get(base + ("items",))
    seq = parsed.pos.get(base + ("items",))
    first = parsed.pos.get(base + ("items", 0))
    if key is None or seq is None or first is None or seq[0] == key[0]:
        return None  # no items, or a flow sequence on the key's line
    return max(0, seq[1] - key[1]), max(1, first[1] - seq[1])


def _is_dash(line: str) -> bool:
    rest = line.lstrip(" ")
    return rest[:1] == "-" and rest[1:2] in (" ", "", "\r", "\n")


def _extent(lines: list[str], start: int, limit: int, col: int, dashes: bool = False) -> int:
    """End (exclusive) of the block that starts at `start` and whose content is deeper than col.

    With `dashes`, sequence entries at col itself continue it (``key:\n- a``).
    Trailing blank lines and comments no deeper than col are left out: they
    belong to whatever follows.
    """
    end = start + 1
    while end < limit:
        line = lines[end]
        if _is_blank(line) or _is_comment(line) or _indent(line) > col:
            end += 1
            continue
        if dashes and _indent(line) == col and _is_dash(line):
            end += 1
            continue
        break
    while end > start + 1 and (_is_blank(lines[end - 1]) or (_is_comment(lines[end - 1]) and _indent(lines[end - 1]) <= col)):
        end -= 1
    return end


def item_spans(lines: list[str], parsed: Parsed, base: Path = ()) -> list[Span]:
    """The text span of each item of the department at `base` (block sequences only).

    An item runs from its ``- `` line to just before the next item; comments
    and blank lines between items belong to the item before; after the last
    item, trailing blank lines and shallow comments stay outside.
    """
    data = parsed.data
    for part in base:
        data = data[part]
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        return []
    seq = parsed.pos[base + ("items",)]
    key = parsed.keypos.get(base + ("items",))
    if key is not None and seq[0] == key[0]:
        raise ValueError("flow sequence")
    dash_col = seq[1] - 1
    starts: list[int] = []
    key_cols: list[int] = []
    for index in range(len(items)):
        line, col = parsed.pos[base + ("items", index)]
        row = line - 1
        # The item's node may start below its dash (``-`` alone on a line).
        while row > 0 and _body(lines[row])[dash_col:dash_col + 1] != "-":
            row -= 1
        starts.append(row)
        key_cols.append(col - 1)
    spans = []
    for index, start in enumerate(starts):
        if index + 1 < len(starts):
            end = starts[index + 1]
        else:
            end = _extent(lines, start, len(lines), dash_col)
        spans.append(Span(start, end, dash_col, key_cols[index]))
    return spans


def items_end(lines: list[str], parsed: Parsed, base: Path = ()) -> int | None:
    """The line index where a new item of the department at `base` is inserted (None: no block items)."""
    spans = item_spans(lines, parsed, base)
    return spans[-1].end if spans else None


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
        if name == "partners":
            return [f"{pad}{name}: {flow_sequence(value)}{nl}"]
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


def render_item(item: dict[str, Any], style: Style, dash_col: int, order: tuple[str, ...] | None = None) -> list[str]:
    """A new item's lines in the file's style, keys in canonical order."""
    if order is None:
        from checklist.fields import ITEM_FIELDS

        order = ITEM_FIELDS
    keys = [k for k in order if item.get(k) is not None] + [k for k in item if k not in order and item[k] is not None]
    key_col = dash_col + style.key_offset
    out: list[str] = []
    for index, name in enumerate(keys):
        lines = render_field(name, item[name], style, key_col)
        if index == 0:
            lines[0] = " " * dash_col + "-" + " " * (style.key_offset - 1) + lines[0][key_col:]
        out += lines
    return out


@dataclass
class _Field:
    name: str
    start: int
    end: int


class ItemText:
    """One item's lines, edited in place: set, remove, and append to fields.

    Keys are found by their indentation (the item's key column), so values
    spanning lines (block scalars, nested sequences, continued strings) move
    as a whole, and comments between fields stay where they are. ``result()``
    gives the new lines.
    """

    def __init__(self, lines: list[str], dash_col: int, key_col: int, style: Style) -> None:
        self.lines = list(lines)
        self.dash_col = dash_col
        self.key_col = key_col
        self.style = style
        # The last line of a file may lack its line ending; edits work as if it had one.
        self._unterminated = bool(self.lines) and not _ending(self.lines[-1], "")
        if self._unterminated:
            self.lines[-1] += style.newline

    def result(self) -> list[str]:
        """The edited lines (a missing final line ending stays missing)."""
        out = list(self.lines)
        if self._unterminated and out:
            out[-1] = _body(out[-1])
        return out

    def _fields(self) -> list[_Field]:
        found: list[_Field] = []
        col = self.key_col
        for index, line in enumerate(self.lines):
            if index == 0:
                text = " " * col + line[col:]
            else:
                if _is_blank(line) or _is_comment(line) or _indent(line) != col:
                    continue
                text = line
            if _is_dash(text):
                continue
            m = _KEY.match(text)
            if m:
                name = m.group(2) or m.group(3) or m.group(4) or ""
                found.append(_Field(name, index, 0))
        for i, f in enumerate(found):
            limit = found[i + 1].start if i + 1 < len(found) else len(self.lines)
            f.end = _extent(self.lines, f.start, limit, col, dashes=True)
        return found

    def names(self) -> list[str]:
        """The item's keys in file order."""
        return [f.name for f in self._fields()]

    def _find(self, name: str) -> _Field | None:
        return next((f for f in self._fields() if f.name == name), None)

    def _insert_at(self, name: str, order: tuple[str, ...]) -> int:
        fields = self._fields()
        rank = order.index(name) if name in order else len(order)
        before = [f for f in fields if (order.index(f.name) if f.name in order else len(order)) <= rank]
        if before:
            return before[-1].end
        # Nothing ranks before it: still after the first key, which shares the dash line.
        return fields[0].end if fields else len(self.lines)

    def set_field(self, name: str, value: Any, order: tuple[str, ...]) -> None:
        """Give a field a new value: its lines replaced, or new lines at its canonical place."""
        new = render_field(name, value, self.style, self.key_col)
        found = self._find(name)
        if found is None:
            at = self._insert_at(name, order)
            self.lines[at:at] = new
            return
        first = self.lines[found.start]
        if found.start == 0:
            new[0] = first[:self.key_col] + new[0][self.key_col:]
        if found.end - found.start == 1 and len(new) == 1:
            # Keep a comment after a one-line value.
            comment = _trailing_comment(first)
            if comment:
                new[0] = _body(new[0]) + comment + self.style.newline
        self.lines[found.start:found.end] = new

    def remove_field(self, name: str) -> None:
        """Remove a field's lines (the item's first line is never removed)."""
        found = self._find(name)
        if found is None or found.start == 0:
            return
        del self.lines[found.start:found.end]

    def append_entry(self, name: str, entry: Any, order: tuple[str, ...], before: int | None = None) -> None:
        """Append an entry to a list field (block sequence), creating the field when absent;
        with `before`, insert it ahead of that entry instead (other lines untouched)."""
        found = self._find(name)
        if found is None:
            self.set_field(name, [entry], order)
            return
        first = _body(self.lines[found.start])
        value_text = first.split(":", 1)[1].strip() if ":" in first else ""
        rows_idx = [
            i for i in range(found.start + 1, found.end)
            if not _is_blank(self.lines[i]) and not _is_comment(self.lines[i])
        ]
        dashes = [i for i in rows_idx if self.lines[i].lstrip(" ").startswith("-")]
        if (value_text and not value_text.startswith("#")) or not dashes:
            # A flow sequence (``[]`` or ``[...]``) or an empty value: write the list out in block style.
            from checklist.parse import parse_text

            current: list[Any] = []
            if value_text and not value_text.startswith("#"):
                chunk = "".join(self.lines[found.start:found.end])
                parsed = parse_text(" " * 0 + chunk.lstrip(" "), "")
                data = parsed.data if isinstance(parsed.data, dict) else {}
                current = data.get(name) or []
                if parsed.problems or not isinstance(current, list):
                    raise ValueError(f"{name} is not a list")
            self.set_field(name, [*current, entry], order)
            return
        dash_col = _indent(self.lines[dashes[0]])
        last_row = max(i for i in dashes if _indent(self.lines[i]) == dash_col)
        nl = self.style.newline
        sample = self.lines[last_row].lstrip(" ")[1:]
        gap = max(len(sample) - len(sample.lstrip(" ")), 1)
        if isinstance(entry, dict) and not sample.lstrip(" ").startswith("{"):
            # The existing entries are block mappings: write the new one alike.
            inner = " " * (dash_col + 1 + gap)
            rows = [f"{inner}{k}: {scalar(v)}{nl}" for k, v in entry.items() if v is not None]
            rows[0] = " " * dash_col + "-" + " " * gap + rows[0].lstrip(" ")
        else:
            text = flow_mapping(entry) if isinstance(entry, dict) else scalar(entry, flow=True)
            rows = [" " * dash_col + "-" + " " * gap + text + nl]
        at = found.end
        if before is not None:
            entries = [i for i in dashes if _indent(self.lines[i]) == dash_col]
            if before < len(entries):
                at = entries[before]
        self.lines[at:at] = rows


def _ending(line: str, default: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return default


def _trailing_comment(line: str) -> str:
    """A ` # comment` after a plain one-line value (not inside quotes)."""
    body = _body(line)
    in_single = in_double = False
    for i, c in enumerate(body):
        if c == "'" and not in_double:
            in_single = not in_single
        elif c == '"' and not in_single and (i == 0 or body[i - 1] != "\\"):
            in_double = not in_double
        elif c == "#" and not in_single and not in_double and i > 0 and body[i - 1] in " \t":
            j = i
            while j > 0 and body[j - 1] in " \t":
                j -= 1
            return body[j:]
    return ""
