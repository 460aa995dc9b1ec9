"""Line-level edits of one item's text: set, remove and append to fields in the
file's own style, and the difference between two versions of an item
written as such edits (everything else stays byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from checklist.yamldoc.document import (
    NotBlockStyle,
    Style,
    block_end,
    body,
    ending,
    indent,
    is_blank,
    is_comment,
    is_dash,
    item_spans,
    terminated,
)
from checklist.yamldoc.emit import flow_mapping, render_field, render_item, scalar
from checklist.yamldoc.parse import Parsed, Path, parse_text

# A key line inside an item: indentation, the key (maybe quoted), the colon.
_KEY = re.compile(r"""^( *)(?:"([^"\\]*)"|'([^']*)'|([A-Za-z_][A-Za-z0-9_]*)) *:(?=[ \t]|\r|\n|$)""")


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
        self._unterminated = bool(self.lines) and not ending(self.lines[-1], "")
        if self._unterminated:
            self.lines[-1] += style.newline

    def result(self) -> list[str]:
        """The edited lines (a missing final line ending stays missing)."""
        out = list(self.lines)
        if self._unterminated and out:
            out[-1] = body(out[-1])
        return out

    def _fields(self) -> list[_Field]:
        found: list[_Field] = []
        col = self.key_col
        for index, line in enumerate(self.lines):
            if index == 0:
                text = " " * col + line[col:]
            else:
                if is_blank(line) or is_comment(line) or indent(line) != col:
                    continue
                text = line
            if is_dash(text):
                continue
            m = _KEY.match(text)
            if m:
                name = m.group(2) or m.group(3) or m.group(4) or ""
                found.append(_Field(name, index, 0))
        for i, f in enumerate(found):
            limit = found[i + 1].start if i + 1 < len(found) else len(self.lines)
            f.end = block_end(self.lines, f.start, limit, col, dashes=True)
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
                new[0] = body(new[0]) + comment + self.style.newline
        self.lines[found.start:found.end] = new

    def remove_field(self, name: str) -> None:
        """Remove a field's lines (the item's first line is never removed)."""
        found = self._find(name)
        if found is None or found.start == 0:
            return
        del self.lines[found.start:found.end]

    def _entries(self, name: str) -> tuple[_Field, list[int], int] | None:
        """A block-sequence list field: the field, the rows where its entries start, their
        dash column; None when the value is a flow sequence or empty."""
        found = self._find(name)
        if found is None:
            return None
        first = body(self.lines[found.start])
        value_text = first.split(":", 1)[1].strip() if ":" in first else ""
        if value_text and not value_text.startswith("#"):
            return None
        rows = [i for i in range(found.start + 1, found.end)
                if not is_blank(self.lines[i]) and not is_comment(self.lines[i]) and self.lines[i].lstrip(" ").startswith("-")]
        if not rows:
            return None
        dash_col = indent(self.lines[rows[0]])
        return found, [i for i in rows if indent(self.lines[i]) == dash_col], dash_col

    def _entry_rows(self, entry: Any, dash_col: int, sample_row: int) -> list[str]:
        """An entry's lines at `dash_col`, written like the entry at `sample_row` (flow or block)."""
        nl = self.style.newline
        sample = self.lines[sample_row].lstrip(" ")[1:]
        gap = max(len(sample) - len(sample.lstrip(" ")), 1)
        if isinstance(entry, dict) and not sample.lstrip(" ").startswith("{"):
            # The existing entries are block mappings: write the new one alike.
            inner = " " * (dash_col + 1 + gap)
            rows = [f"{inner}{k}: {scalar(v)}{nl}" for k, v in entry.items() if v is not None]
            rows[0] = " " * dash_col + "-" + " " * gap + rows[0].lstrip(" ")
            return rows
        text = flow_mapping(entry) if isinstance(entry, dict) else scalar(entry, flow=True)
        return [" " * dash_col + "-" + " " * gap + text + nl]

    def _current(self, name: str) -> list[Any]:
        """A flow-sequence list field's value, read from its lines."""
        found = self._find(name)
        if found is None:
            return []
        chunk = "".join(self.lines[found.start:found.end])
        parsed = parse_text(chunk.lstrip(" "), "")
        data = parsed.data if isinstance(parsed.data, dict) else {}
        current = data.get(name) or []
        if parsed.problems or not isinstance(current, list):
            raise ValueError(f"{name} is not a list")
        return current

    def append_entry(self, name: str, entry: Any, order: tuple[str, ...], before: int | None = None) -> None:
        """Append an entry to a list field (block sequence), creating the field when absent;
        with `before`, insert it ahead of that entry instead (other lines untouched)."""
        located = self._entries(name)
        if located is None:
            # Absent, a flow sequence (``[]`` or ``[...]``) or empty: write the list out in block style.
            self.set_field(name, [*self._current(name), entry], order)
            return
        found, starts, dash_col = located
        at = found.end
        if before is not None and before < len(starts):
            at = starts[before]
        self.lines[at:at] = self._entry_rows(entry, dash_col, starts[-1])

    def replace_entry(self, name: str, index: int, old: Any, new: Any, value: list[Any], order: tuple[str, ...]) -> None:
        """Rewrite entry `index` of a list field, other entries untouched: a block mapping key by
        key (its comments kept), a one-line entry as one new line. `value` is the whole new list,
        written out when the entries cannot be told apart."""
        located = self._entries(name)
        if located is None or index >= len(located[1]):
            self.set_field(name, value, order)
            return
        found, starts, dash_col = located
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else block_end(self.lines, start, found.end, dash_col)
        line = body(self.lines[start])
        rest = line[dash_col + 1:]
        if isinstance(old, dict) and isinstance(new, dict) and not rest.lstrip(" ").startswith("{"):
            key_col = dash_col + 1 + len(rest) - len(rest.lstrip(" "))
            entry = ItemText(self.lines[start:end], dash_col, key_col, self.style)
            apply(entry, old, new, tuple(new))
            self.lines[start:end] = entry.result()
            return
        comment = _trailing_comment(line)
        rows = self._entry_rows(new, dash_col, start)
        if comment and len(rows) == 1:
            rows[0] = body(rows[0]) + comment + self.style.newline
        self.lines[start:start + 1] = rows


def _trailing_comment(line: str) -> str:
    """A ` # comment` after a plain one-line value (not inside quotes)."""
    content = body(line)
    in_single = in_double = False
    for i, c in enumerate(content):
        if c == "'" and not in_double:
            in_single = not in_single
        elif c == '"' and not in_single and (i == 0 or content[i - 1] != "\\"):
            in_double = not in_double
        elif c == "#" and not in_single and not in_double and i > 0 and content[i - 1] in " \t":
            j = i
            while j > 0 and content[j - 1] in " \t":
                j -= 1
            return content[j:]
    return ""


def _is_entries(value: Any) -> TypeGuard[list[dict[str, Any]]]:
    """A list of mappings (progress, extensions, ...): new entries are appended as lines."""
    return isinstance(value, list) and all(isinstance(entry, dict) for entry in value)


def _inserted_at(before: list[Any], after: list[Any]) -> int | None:
    """Where `after` is `before` with one entry inserted, if it is."""
    for k in range(len(after)):
        if after[:k] + after[k + 1:] == before:
            return k
    return None


def apply(text: ItemText, old: dict[str, Any], new: dict[str, Any], order: tuple[str, ...]) -> None:
    """Write the difference between two versions of an item into its lines: removed keys
    go, new entries of a list of mappings are added as lines of their own, any other
    changed value is rewritten; keys new to the item take their place in `order`."""
    for name in old:
        if name not in new:
            text.remove_field(name)
    rank = {name: i for i, name in enumerate(order)}
    for name in sorted(new, key=lambda n: rank.get(n, len(rank))):
        value, before = new[name], old.get(name)
        if name in old and before == value:
            continue
        if _is_entries(value) and _is_entries(before) and value[:len(before)] == before and len(value) > len(before):
            for entry in value[len(before):]:
                text.append_entry(name, entry, order)
        elif _is_entries(value) and _is_entries(before) and len(value) == len(before) + 1 \
                and (at := _inserted_at(before, value)) is not None:
            text.append_entry(name, value[at], order, before=at)
        elif _is_entries(value) and _is_entries(before) and len(value) == len(before) \
                and len(changed := [k for k, (a, b) in enumerate(zip(before, value, strict=True)) if a != b]) == 1:
            text.replace_entry(name, changed[0], before[changed[0]], value[changed[0]], value, order)
        else:
            text.set_field(name, value, order)


def rewritten_if_flow(span: list[str], new: dict[str, Any], style: Style, dash_col: int) -> list[str] | None:
    """A hand-written one-line item (`- {id: ..., title: ...}`) cannot be edited line by
    line: its lines become the new item in the file's block style (its comments kept
    after it); None for a block-style item."""
    first = span[0] if span else ""
    if not first[dash_col + 1:].lstrip(" ").startswith("{"):
        return None
    nl = ending(first, style.newline)
    comments = [line if line.endswith(("\n", "\r")) else line + nl for line in span[1:]
                if not line.strip() or line.lstrip(" ").startswith("#")]
    rendered = render_item(new, style, dash_col, order=(*new.keys(),))
    remark = _trailing_comment(body(first))
    if remark and rendered:
        rendered[0] = body(rendered[0]) + "  " + remark.strip() + nl
    return rendered + comments


_ITEMS_KEY = re.compile(r"^(\s*(?:-\s+)?items\s*:)\s*(?:\[\s*\]|~|null)?(\s+#.*)?$")


def insert_items(lines: list[str], parsed: Parsed, base: Path, render: Callable[[int], list[str]],
                 style: Style) -> list[str]:
    """The file's lines with new items appended to the department at `base`: after its last
    item, under its empty `items:` key, or under a new `items:` key after its last key.
    `render(dash_col)` gives the new items' lines. NotBlockStyle for items in flow style."""
    lines = terminated(lines, style.newline)
    spans = item_spans(lines, parsed, base)
    if spans:
        at, dash_col = spans[-1].end, spans[-1].dash_col
        return lines[:at] + render(dash_col) + lines[at:]
    node = parsed.data
    for part in base:
        node = node[part]
    keypos = parsed.keypos.get(base + ("items",))
    if keypos is not None:
        row, col = keypos[0] - 1, keypos[1] - 1
        if node.get("items") not in (None, []):
            raise NotBlockStyle("items")
        line = lines[row]
        m = _ITEMS_KEY.match(body(line))
        if m is None:
            raise NotBlockStyle("items")
        lines[row] = m.group(1) + (m.group(2) or "") + line[len(body(line)):]
        at = row + 1
        while at < len(lines) and (is_blank(lines[at]) or (is_comment(lines[at]) and indent(lines[at]) > col)):
            at += 1
        return lines[:at] + render(col + style.seq_offset) + lines[at:]
    # No `items` key at all: add one after the department's last key.
    keys = [(pos, k) for k, pos in ((k, parsed.keypos.get(base + (k,))) for k in node) if pos is not None]
    (row, col), _ = max(keys)
    end = block_end(lines, row - 1, len(lines), col - 1, dashes=True)
    new = [" " * (col - 1) + "items:" + style.newline, *render(col - 1 + style.seq_offset)]
    return lines[:end] + new + lines[end:]
