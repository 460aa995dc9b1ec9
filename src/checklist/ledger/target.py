"""A list file under edit: its text as lines, where an item lies in it, and an
item's lines checked on their own.

An item's place comes from the positions of the file's departments: those
the cache remembered, or those of a full parse of the file now. Both are
used the same way (one splitter, yamldoc.document); the cached ones are
first confirmed by parsing the item's own lines back, and a full parse is
made when they do not hold. A full parse and validation of a 1,000-item file
costs more than a whole command may take, so the cached path is the usual
one; `TRUST_CACHED_POSITIONS = False` makes every edit take the full parse
(the tests run every byte-for-byte edit both ways).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.domain.checks import normalize_choices
from checklist.domain.validate import check_item, check_parsed, item_position
from checklist.domain.values import Item, jsonable
from checklist.errors import ChecklistError, ProblemsError
from checklist.problems import Problem
from checklist.yamldoc import document
from checklist.yamldoc.document import NotBlockStyle, Span, Style
from checklist.yamldoc.parse import Parsed, decode, parse_text

BOM = b"\xef\xbb\xbf"
TRUST_CACHED_POSITIONS = True


class Stale(Exception):
    """The positions at hand do not point at the item: parse the whole file instead."""


@dataclass
class Target:
    """A list file under edit: its bytes, its lines and style, and its departments with
    the positions of their items (from the cache, or from `parse_whole`)."""

    path: Path
    display: str
    raw: bytes
    lines: list[str]
    style: Style
    departments: list[dict[str, Any]] = field(default_factory=list)
    parsed: Parsed | None = None  # set by parse_whole

    @property
    def text(self) -> str:
        return document.join(self.lines)

    def encode(self, lines: list[str]) -> bytes:
        """New lines as the file's bytes (its BOM kept)."""
        body = document.join(lines).encode("utf-8")
        return BOM + body if self.style.bom else body


def read(path: Path, display: str, departments: list[dict[str, Any]]) -> Target:
    """A list file's current text, with the departments read from it (cached positions)."""
    from checklist.ledger.disk import read_bytes

    raw, problem = read_bytes(path, display)
    if raw is None:
        assert problem is not None
        raise ProblemsError([problem])
    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None
        raise ProblemsError([problem])
    first = next(((d["pos"][0][0], d["pos"][0][1]) for d in departments if d["pos"]), None)
    style = document.detect_style(text, first)
    style = Style(style.newline, raw.startswith(BOM), style.seq_offset, style.key_offset)
    return Target(path, display, raw, document.split_lines(text), style, departments)


def new_file(path: Path, display: str, lines: list[str]) -> Target:
    """A list file about to be created."""
    return Target(path, display, b"", lines, Style())


def parse_whole(target: Target) -> None:
    """Parse and validate the whole file: its departments with fresh positions; refused if invalid."""
    parsed = parse_text(target.text, target.display)
    departments, problems = check_parsed(parsed, target.display)
    if problems:
        raise ProblemsError(problems)
    target.parsed = parsed
    target.departments = departments
    style = document.detect_style(target.text, parsed)
    target.style = Style(style.newline, target.style.bom, style.seq_offset, style.key_offset)


def dept_base(target: Target, code: str) -> tuple[Any, ...]:
    """The path of a department in the full parse."""
    assert target.parsed is not None
    for base in document.department_bases(target.parsed):
        data = target.parsed.data
        for part in base:
            data = data[part]
        if data.get("code") == code:
            return base
    raise ChecklistError("edit_dept_missing", code=code, file=target.display)


def _span(target: Target, dept: dict[str, Any], index: int) -> Span:
    """The span of a department's item `index`, from the positions at hand."""
    pos = dept["pos"]
    starts = [(p[0], p[1]) for p in pos[index:index + 2]]
    try:
        return document.spans_from_starts(target.lines, starts)[0]
    except (NotBlockStyle, IndexError):
        raise Stale from None


def locate(target: Target, slot: int, index: int) -> tuple[Span, Item]:
    """Where item `index` of department `slot` lies, and the item as its lines read (dates as
    dates). Stale when the positions at hand do not point at that item."""
    dept = target.departments[slot]
    span = _span(target, dept, index)
    try:
        old, _ = fragment(target.lines[span.start:span.end], span.start, span.dash_col, target.display)
    except ProblemsError:
        raise Stale from None
    if jsonable(old) != dept["items"][index]:
        raise Stale
    return span, old


def fragment(frag: list[str], start: int, dash_col: int, display: str) -> tuple[Item, Parsed]:
    """One item's lines parsed alone: its data and the parse (positions relative to the lines).

    The lines must stay inside the items sequence (every line deeper than the
    dash), so the rest of the file reads as before. Stale otherwise.
    """
    first = document.body(frag[0]) if frag else ""
    if first[:dash_col].strip(" ") or first[dash_col:dash_col + 1] != "-":
        raise Stale
    for line in frag[1:]:
        if line.strip() and not document.is_comment(line) and document.indent(line) <= dash_col:
            raise Stale
    parsed = parse_text(document.join(frag), display)
    if parsed.problems:
        raise ProblemsError([Problem(p.file, p.line + start, p.col, p.key, p.params) for p in parsed.problems])
    data = parsed.data
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
        raise Stale
    normalize_choices(data[0])
    return data[0], parsed


def check_fragment(raw: Item, parsed: Parsed, start: int, dept: dict[str, Any], index: int, display: str) -> list[int]:
    """Check one item's lines with the file's rules, located in the whole file; its position."""
    shifted = Parsed(data=raw)
    shifted.pos[()] = (dept["line"], dept["col"])
    for table, into in ((parsed.pos, shifted.pos), (parsed.keypos, shifted.keypos)):
        for path, (line, col) in table.items():
            if path:
                into[("items", index, *path[1:])] = (line + start, col)
    base: tuple[Any, ...] = ("items", index)
    found = check_item(raw, base, shifted, display, dept["code"])
    if found:
        raise ProblemsError(found)
    return item_position(raw, base, shifted)


def shifted(departments: list[dict[str, Any]], after_line: int, delta: int) -> list[dict[str, Any]]:
    """The departments with every position below `after_line` (1-based) moved by delta lines."""
    def move(p: list[int]) -> list[int]:
        if p[0] <= after_line:
            return p
        # Lines at even places, columns at odd ones; line 0 means "absent" (no category).
        return [v + delta if i % 2 == 0 and v else v for i, v in enumerate(p)]

    out = []
    for d in departments:
        new = dict(d)
        new["pos"] = [move(list(p)) for p in d["pos"]]
        if d["line"] > after_line:
            new["line"] = d["line"] + delta
        new["items"] = list(d["items"])
        new["facts"] = list(d.get("facts") or ())
        out.append(new)
    return out
