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
    try:
        return _versioned(raw, text, parsed)
    except (AttributeError, TypeError, KeyError, IndexError) as exc:
        raise _Fallback("not a list file") from exc


def _versioned(raw: bytes, text: str, parsed: Any) -> _Version:
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = layout.split_lines(text)
    depts: dict[str, _Dept] = {}
    covered: set[int] = set()
    seen: set[str] = set()
    for base in layout.department_bases(parsed):
        value = parsed.data
        for part in base:
            value = value[part]
        if not isinstance(value, dict):
            raise _Fallback("not a list file")
        code = value.get("code")
        if not isinstance(code, str) or code in depts:
            raise _Fallback("department without a unique code")
        try:
            spans = layout.item_spans(lines, parsed, base)
        except ValueError:
            raise _Fallback("items written in flow style") from None
        dept = _Dept(code, spans=spans)
        items = value.get("items") or []
        if not isinstance(items, list) or len(items) != len(spans):
            raise _Fallback("items not in block style")
        for data, span in zip(items, spans, strict=True):
            item_id = data.get("id") if isinstance(data, dict) else None
            if not isinstance(item_id, str) or item_id in seen:
                raise _Fallback("an item without a unique ID")
            seen.add(item_id)
            dept.items[item_id] = _Item(data, lines[span.start:span.end], span.dash_col, span.key_col)
            covered.update(range(span.start, span.end))
        depts[code] = dept
    skeleton = "\n".join(layout.body(line) for i, line in enumerate(lines) if i not in covered)
    return _Version(bom, lines, layout.detect_style(text, parsed), depts, skeleton)


def _reindent(item: _Item, dash_col: int, nl: str = "\n") -> list[str]:
    """The item's lines at another indentation, with our line endings."""
    shift = dash_col - item.dash_col
    lines = [layout.body(line) + nl if line.endswith(("\n", "\r")) else line for line in item.lines]
    if shift == 0:
        return lines
    out = []
    for line in lines:
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


def merge_texts(base: bytes, ours: bytes, theirs: bytes, path: str, *, published: str = "ours",
                taken: frozenset[str] = frozenset()) -> tuple[bytes, bool, list[tuple[str, dict[str, Any]]]]:
    """Merge three versions of a list file item by item: (result, conflicted, warnings).

    Two new items with one ID: the `published` side's ("ours" in a rebase, "theirs" in a
    merge) keeps it, the other is renumbered past every ID in the versions and in `taken`
    (the whole ledger's), recording `renumbered_from`. Raises _Fallback when the files are
    not simple enough to merge by item."""
    vb, vo, vt = _read(base), _read(ours), _read(theirs)
    if vt.skeleton not in (vb.skeleton, vo.skeleton):
        raise _Fallback("their change is outside the items")
    if set(vt.depts) - set(vo.depts):
        raise _Fallback("a department only on their side")
    _follow_renumbered(vb, vo, vt)
    nl = vo.style.newline
    numbers = _Numbers([vb, vo, vt])
    for item_id in taken:
        numbers.see(item_id)
    warnings: list[tuple[str, dict[str, Any]]] = []
    conflicted = False
    replace: dict[int, tuple[int, list[str]]] = {}  # span start -> (span end, new lines)
    order = tuple(ITEM_FIELDS)

    def renumbered(lines: list[str], dash_col: int, key_col: int, old: str, title: Any) -> list[str]:
        new_id = numbers.next(old)
        edit = ItemText(lines, dash_col, key_col, vo.style)
        edit.set_field("id", new_id, order)
        edit.set_field("renumbered_from", old, order)
        warnings.append(("merge_renumbered", {"path": path, "old": old, "new": new_id, "title": str(title or "")}))
        return edit.result()

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
            elif b is None and published == "theirs":
                # Both added this ID and theirs is published: it keeps the ID, ours moves on.
                mine = renumbered(o.lines, o.dash_col, o.key_col, item_id, o.data.get("title"))
                lines = layout.terminated(_reindent(t, o.dash_col, nl), nl) + mine
            elif b is None:
                renumber.append(item_id)  # both sides added this ID: ours is published and keeps it
            elif o.data == b.data:
                lines = _reindent(t, o.dash_col, nl)
            else:
                merged, fields = _merge_item(b.data, o, t.data, vo.style)
                if merged is None:
                    lines, conflicted = _conflict(o.lines, _reindent(t, o.dash_col, nl), nl), True
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
                    tail += _conflict([], _reindent(t, _dash_col(dept, vo), nl), nl)
                    conflicted = True
                    warnings.append(("merge_conflict", {"path": path, "id": item_id, "fields": "-"}))
                continue
            dash = _dash_col(dept, vo)
            lines = _reindent(t, dash, nl)
            if item_id in renumber or item_id in ours_ids:
                lines = renumbered(lines, dash, dash + (t.key_col - t.dash_col), item_id, t.data.get("title"))
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


def _follow_renumbered(vb: _Version, vo: _Version, vt: _Version) -> None:
    """In a rebase, the clerk's later commits still name an item by the ID it had before an
    earlier commit's merge renumbered it: their (and the base's) OLD is our NEW."""
    for dept in vo.depts.values():
        for new_id, item in dept.items.items():
            old = item.data.get("renumbered_from")
            if not isinstance(old, str) or new_id in vb.depts.get(dept.code, _Dept(dept.code)).items:
                continue
            b = vb.depts.get(dept.code, _Dept(dept.code)).items.get(old)
            t = vt.depts.get(dept.code, _Dept(dept.code)).items.get(old)
            if b is None or t is None or new_id in vt.depts[dept.code].items:
                continue
            if (b.data.get("title"), b.data.get("created_on")) != (item.data.get("title"), item.data.get("created_on")):
                continue
            for version, found in ((vb, b), (vt, t)):
                items = version.depts[dept.code].items
                found.data = {**found.data, "id": new_id, "renumbered_from": old}
                edit = ItemText(found.lines, found.dash_col, found.key_col, version.style)
                edit.set_field("id", new_id, tuple(ITEM_FIELDS))
                edit.set_field("renumbered_from", old, tuple(ITEM_FIELDS))
                found.lines = edit.result()
                items[new_id] = items.pop(old)


def _dash_col(dept: _Dept, version: _Version) -> int:
    return dept.spans[0].dash_col if dept.spans else version.style.seq_offset


def merge_driver(base: Path, ours: Path, theirs: Path, path: str, *, published: str = "ours",
                 taken: frozenset[str] = frozenset()) -> tuple[int, bytes | None, list[tuple[str, dict[str, Any]]]]:
    """Run the driver: (exit code, the merged content to write over `ours`, warnings as
    message keys). A result that would not validate becomes a conflict (exit 1)."""
    from checklist.git.merge_check import checked, fallback

    raw_base, raw_ours, raw_theirs = base.read_bytes(), ours.read_bytes(), theirs.read_bytes()
    try:
        result, conflicted, warnings = merge_texts(raw_base, raw_ours, raw_theirs, path, published=published, taken=taken)
    except _Fallback as exc:
        return fallback(base, ours, theirs, path, str(exc))
    if not conflicted:
        result, problems = checked(result, raw_ours, raw_theirs, path)
        if problems:
            return 1, result, warnings + problems
    return (1 if conflicted else 0), result, warnings
