"""The git merge driver for list files, and registering it in a repository.

Git merges text line by line; two clerks appending an item to the same
department's list touch the same lines and conflict although nothing clashes.
This driver merges item by item instead: items are matched by ID across the
common ancestor (base), ours and theirs; the file keeps our text and layout,
each item's text is taken from the side that changed it (or, when both did,
fields are merged into our text with layout's line edits); new items of
theirs are appended after ours. Only the same field changed differently on
both sides conflicts, and then only that item is put between markers.
Files we cannot read item by item fall back to `git merge-file`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.domain.fields import ITEM_FIELDS
from checklist.git.run import git
from checklist.yamldoc import document as layout
from checklist.yamldoc.patch import ItemText

MARKER = 7


class _Fallback(Exception):
    """This merge cannot be done item by item; the reason is for the warning."""


@dataclass
class _Item:
    data: dict[str, Any]
    lines: list[str]
    dash_col: int
    key_col: int


@dataclass
class _Dept:
    code: str
    items: dict[str, _Item] = field(default_factory=dict)
    spans: list[layout.Span] = field(default_factory=list)


@dataclass
class _Version:
    bom: bool
    lines: list[str]
    style: layout.Style
    depts: dict[str, _Dept]
    skeleton: str


def _read(raw: bytes) -> _Version:
    from checklist.yamldoc.parse import decode, parse_text

    text, _ = decode(raw, "")
    if text is None:
        raise _Fallback("not UTF-8")
    bom = raw.startswith(b"\xef\xbb\xbf")
    if not text.strip():
        return _Version(bom, [], layout.Style(), {}, "")
    parsed = parse_text(text, "")
    if parsed.problems or parsed.data is None:
        raise _Fallback("not a readable YAML file")
    lines = layout.split_lines(text)
    depts: dict[str, _Dept] = {}
    covered: set[int] = set()
    seen: set[str] = set()
    for base in layout.department_bases(parsed):
        value = parsed.data
        for part in base:
            value = value[part]
        code = value.get("code")
        if not isinstance(code, str) or code in depts:
            raise _Fallback("department without a unique code")
        try:
            spans = layout.item_spans(lines, parsed, base)
        except ValueError:
            raise _Fallback("items written in flow style") from None
        dept = _Dept(code, spans=spans)
        items = value.get("items") or []
        if len(items) != len(spans):
            raise _Fallback("items not in block style")
        for data, span in zip(items, spans, strict=True):
            item_id = data.get("id") if isinstance(data, dict) else None
            if not isinstance(item_id, str) or item_id in seen:
                raise _Fallback("an item without a unique ID")
            seen.add(item_id)
            dept.items[item_id] = _Item(data, lines[span.start:span.end], span.dash_col, span.key_col)
            covered.update(range(span.start, span.end))
        depts[code] = dept
    skeleton = "".join(line for i, line in enumerate(lines) if i not in covered)
    return _Version(bom, lines, layout.detect_style(text, parsed), depts, skeleton)


def _reindent(item: _Item, dash_col: int) -> list[str]:
    shift = dash_col - item.dash_col
    if shift == 0:
        return list(item.lines)
    out = []
    for line in item.lines:
        if not line.strip():
            out.append(line)
        elif shift > 0:
            out.append(" " * shift + line)
        else:
            out.append(line[min(-shift, len(line) - len(line.lstrip(" "))):])
    return out


def _merge_value(b: Any, o: Any, t: Any) -> tuple[Any, bool]:
    """The merged value of one field, and whether it conflicts."""
    if o == t:
        return o, False
    if o == b:
        return t, False
    if t == b:
        return o, False
    if isinstance(o, list) and isinstance(t, list) and (b is None or isinstance(b, list)):
        common = b or []
        n = len(common)
        if o[:n] == common and t[:n] == common:
            # Both sides appended (notes, extensions): keep both, ours first.
            return o + [x for x in t[n:] if x not in o[n:]], False
    return None, True


def _merge_item(b: dict[str, Any], o: _Item, t: dict[str, Any], style: layout.Style) -> tuple[list[str] | None, list[str]]:
    """Our item's lines with their changes applied; or None and the conflicting fields."""
    merged: dict[str, Any] = {}
    conflicts = []
    keys = list(dict.fromkeys([*o.data, *t, *b]))
    for key in keys:
        value, bad = _merge_value(b.get(key), o.data.get(key), t.get(key))
        if bad:
            conflicts.append(key)
        elif value is not None:
            merged[key] = value
    if conflicts:
        return None, conflicts
    text = ItemText(o.lines, o.dash_col, o.key_col, style)
    order = tuple(ITEM_FIELDS)
    for key in keys:
        ours, new = o.data.get(key), merged.get(key)
        if ours == new:
            continue
        if new is None:
            text.remove_field(key)
        elif isinstance(new, list) and isinstance(ours, list) and new[:len(ours)] == ours:
            for entry in new[len(ours):]:
                text.append_entry(key, entry, order)
        else:
            text.set_field(key, new, order)
    return text.result(), []


def _conflict(ours: list[str], theirs: list[str], nl: str) -> list[str]:
    return [
        "<" * MARKER + " ours" + nl, *layout.terminated(ours, nl),
        "=" * MARKER + nl, *layout.terminated(theirs, nl),
        ">" * MARKER + " theirs" + nl,
    ]


_NUMBER = re.compile(r"^([A-Z][A-Z0-9]*)-([0-9]+)$")


class _Numbers:
    """Free IDs: one past the highest number seen for a code in any version."""

    def __init__(self, versions: list[_Version]) -> None:
        self.top: dict[str, tuple[int, int]] = {}
        for version in versions:
            for dept in version.depts.values():
                for item_id in dept.items:
                    self.see(item_id)

    def see(self, item_id: str) -> None:
        m = _NUMBER.match(item_id)
        if m:
            number, width = int(m.group(2)), len(m.group(2))
            old = self.top.get(m.group(1), (0, 3))
            self.top[m.group(1)] = (max(old[0], number), max(old[1], width))

    def next(self, item_id: str) -> str:
        m = _NUMBER.match(item_id)
        prefix = m.group(1) if m else item_id.rsplit("-", 1)[0]
        number, width = self.top.get(prefix, (0, 3))
        new = f"{prefix}-{number + 1:0{width}d}"
        self.see(new)
        return new


def merge_texts(base: bytes, ours: bytes, theirs: bytes, path: str) -> tuple[bytes, bool, list[tuple[str, dict[str, Any]]]]:
    """Merge three versions of a list file item by item: (result, conflicted, warnings).

    Raises _Fallback when the files are not simple enough to merge by item."""
    vb, vo, vt = _read(base), _read(ours), _read(theirs)
    if vt.skeleton not in (vb.skeleton, vo.skeleton):
        raise _Fallback("their change is outside the items")
    if set(vt.depts) - set(vo.depts):
        raise _Fallback("a department only on their side")
    nl = vo.style.newline
    numbers = _Numbers([vb, vo, vt])
    warnings: list[tuple[str, dict[str, Any]]] = []
    conflicted = False
    replace: dict[int, tuple[int, list[str]]] = {}  # span start -> (span end, new lines)
    for code, dept in vo.depts.items():
        theirs_dept = vt.depts.get(code, _Dept(code))
        base_dept = vb.depts.get(code, _Dept(code))
        ours_ids = set(dept.items)
        tail: list[str] = []
        renumber: list[str] = []
        for span, (item_id, o) in zip(dept.spans, dept.items.items(), strict=True):
            t = theirs_dept.items.get(item_id)
            b = base_dept.items.get(item_id)
            lines: list[str] = o.lines
            if t is None:
                if b is not None and o.data == b.data:
                    lines = []  # deleted on their side
                elif b is not None:
                    lines, conflicted = _conflict(o.lines, [], nl), True
                    warnings.append(("merge_conflict", {"path": path, "id": item_id, "fields": "-"}))
            elif t.data == o.data or (b is not None and t.data == b.data):
                pass
            elif b is None:
                renumber.append(item_id)  # both sides added this ID: ours keeps it
            elif o.data == b.data:
                lines = _reindent(t, o.dash_col)
            else:
                merged, fields = _merge_item(b.data, o, t.data, vo.style)
                if merged is None:
                    lines, conflicted = _conflict(o.lines, _reindent(t, o.dash_col), nl), True
                    warnings.append(("merge_conflict", {"path": path, "id": item_id, "fields": ", ".join(fields)}))
                else:
                    lines = merged
            replace[span.start] = (span.end, lines)
        for item_id, t in theirs_dept.items.items():
            if item_id in ours_ids and item_id not in renumber:
                continue
            if item_id in base_dept.items and item_id not in ours_ids:
                if t.data != base_dept.items[item_id].data:
                    # Changed on their side, deleted on ours.
                    tail += _conflict([], _reindent(t, _dash_col(dept, vo)), nl)
                    conflicted = True
                    warnings.append(("merge_conflict", {"path": path, "id": item_id, "fields": "-"}))
                continue
            lines = _reindent(t, _dash_col(dept, vo))
            if item_id in renumber or item_id in ours_ids:
                new_id = numbers.next(item_id)
                edit = ItemText(lines, _dash_col(dept, vo), _dash_col(dept, vo) + (t.key_col - t.dash_col), vo.style)
                edit.set_field("id", new_id, tuple(ITEM_FIELDS))
                lines = edit.result()
                warnings.append(("merge_renumbered", {"path": path, "old": item_id, "new": new_id}))
            tail += layout.terminated(lines, nl)
        if tail:
            if not dept.spans:
                raise _Fallback("no block items on our side to append to")
            end, lines = replace[dept.spans[-1].start]
            replace[dept.spans[-1].start] = (end, layout.terminated(lines, nl) + tail)
    out: list[str] = []
    index = 0
    while index < len(vo.lines):
        if index in replace:
            end, lines = replace[index]
            out += lines
            index = end
        else:
            out.append(vo.lines[index])
            index += 1
    text = layout.join(out)
    if not conflicted:
        from checklist.yamldoc.parse import parse_text

        if parse_text(text, "").problems:
            raise _Fallback("the merged text does not read back")
    prefix = "\ufeff" if vo.bom else ""
    return (prefix + text).encode("utf-8"), conflicted, warnings


def _dash_col(dept: _Dept, version: _Version) -> int:
    return dept.spans[0].dash_col if dept.spans else version.style.seq_offset


def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> tuple[int, bytes | None, list[tuple[str, dict[str, Any]]]]:
    """Run the driver: (exit code, the merged content to write over `ours` (None when
    `git merge-file` already wrote it), warnings as message keys)."""
    try:
        result, conflicted, warnings = merge_texts(base.read_bytes(), ours.read_bytes(), theirs.read_bytes(), path)
    except _Fallback as exc:
        proc = git(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)], Path.cwd(), check=False)
        return (1 if proc.returncode else 0), None, [("merge_fallback", {"path": path, "reason": str(exc)})]
    return (1 if conflicted else 0), result, warnings
