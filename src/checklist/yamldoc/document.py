"""A list file's text as lines: its style, and where each item's text lies.

Edits must not reformat a hand-kept file (SPEC, "Mutating commands"), so no
whole file is ever dumped: the item concerned is found by its lines, changed
in the file's own style (yamldoc.emit, yamldoc.patch) and spliced back. This
module is the one item splitter (`spans_from_starts`) and the one style
detector (`detect_style`), shared by the edit transaction, the merge driver
and history, whether the items' positions come from a parse, from the cache
or from a scan of the text.

Lines are kept with their own line ending (``keepends``), so a file with
CRLF (or even mixed endings) keeps every untouched line byte for byte; new
lines take the file's dominant ending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checklist.yamldoc.parse import Parsed, Path

BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINE = re.compile(r"\r\n|\r|\n")


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


class NotBlockStyle(ValueError):
    """The items are not written as a block sequence (``- key: ...`` lines) there."""


def split_lines(text: str) -> list[str]:
    """Text as lines, each with its own line ending (the last may have none)."""
    return _LINE.findall(text)


def join(lines: list[str]) -> str:
    """Lines back to text."""
    return "".join(lines)


def body(line: str) -> str:
    """A line without its ending."""
    return line.rstrip("\r\n")


def ending(line: str, default: str) -> str:
    """A line's own ending, or `default` for a last line without one."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return default


def indent(line: str) -> int:
    """Columns of leading spaces."""
    return len(line) - len(line.lstrip(" "))


def is_blank(line: str) -> bool:
    """Nothing but white space."""
    return not line.strip()


def is_comment(line: str) -> bool:
    """A comment line."""
    return line.lstrip(" \t").startswith("#")


def is_dash(line: str) -> bool:
    """A block sequence entry's line: ``- `` after the indentation."""
    rest = line.lstrip(" ")
    return rest[:1] == "-" and rest[1:2] in (" ", "", "\r", "\n")


def terminated(lines: list[str], newline: str) -> list[str]:
    """The lines with a line ending on the last one too."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        return [*lines[:-1], lines[-1] + newline]
    return list(lines)


def block_end(lines: Sequence[str], start: int, limit: int, col: int, dashes: bool = False) -> int:
    """End (exclusive) of the block that starts at `start` and whose content is deeper than col.

    With `dashes`, sequence entries at col itself continue it (``key:\\n- a``).
    Trailing blank lines and comments no deeper than col are left out: they
    belong to whatever follows.
    """
    end = start + 1
    while end < limit:
        line = lines[end]
        if is_blank(line) or is_comment(line) or indent(line) > col or (dashes and indent(line) == col and is_dash(line)):
            end += 1
            continue
        break
    while end > start + 1 and (is_blank(lines[end - 1]) or (is_comment(lines[end - 1]) and indent(lines[end - 1]) <= col)):
        end -= 1
    return end


def dash_of(lines: Sequence[str], line: int, col: int) -> tuple[int, int]:
    """(row, column) of the dash of the item whose mapping starts at (line, col), 1-based in,
    0-based out; the dash may stand alone on the line above. NotBlockStyle otherwise."""
    row = line - 1
    head = body(lines[row])[:col - 1] if row < len(lines) else ""
    if head.strip(" ") == "" and row > 0:
        row -= 1  # `-` alone on the line above
        head = body(lines[row])
        if head.strip() != "-":
            raise NotBlockStyle(row)
    stripped = head.rstrip(" ")
    if not stripped.endswith("-") or stripped[:-1].strip(" "):
        raise NotBlockStyle(row)
    return row, len(stripped) - 1


def _continues(lines: Sequence[str], start: int, stop: int, col: int) -> bool:
    """Whether every line in [start, stop) is blank, a comment or deeper than col (the block
    that began above goes on). Hot in history over thousands of revisions: kept tight."""
    for i in range(start, stop):
        line = lines[i]
        text = line.strip()
        if text and text[0] != "#" and len(line) - len(line.lstrip(" ")) <= col:
            return False
    return True


def spans_from_starts(lines: Sequence[str], starts: Sequence[tuple[int, int]]) -> list[Span]:
    """Each item's span, from where each item's mapping starts (1-based line, col), in file order.

    An item runs from its ``- `` line to just before the next item of the same
    sequence, so comments and blank lines between items belong to the item
    before; after the last item of a sequence, trailing blank lines and
    shallow comments stay outside.
    """
    heads = [(*dash_of(lines, line, col), col - 1) for line, col in starts]
    spans = []
    for index, (row, dash, key_col) in enumerate(heads):
        end = None
        if index + 1 < len(heads):
            next_row, next_dash, _ = heads[index + 1]
            if next_dash == dash and _continues(lines, row + 1, next_row, dash):
                end = next_row  # the next item of the same sequence
        if end is None:
            end = block_end(lines, row, len(lines), dash)
        spans.append(Span(row, end, dash, key_col))
    return spans


_SHALLOW: dict[int, re.Pattern[str]] = {}


def _shallow(col: int) -> re.Pattern[str]:
    """A line that ends a block deeper than col: indented col or less, not blank, not a comment."""
    found = _SHALLOW.get(col)
    if found is None:
        found = _SHALLOW[col] = re.compile(rf"\n {{0,{col}}}(?=[^ \t\r\n#])")
    return found


def item_slices(text: str, heads: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The same spans as `spans_from_starts`, on text instead of lines: each item's (start, end)
    offsets, from the offset where its dash line begins and its dash column, in file order.
    For reading many versions of a file (history) without splitting each into lines."""
    out = []
    for index, (start, dash) in enumerate(heads):
        shallow = _shallow(dash).search(text, start)
        stop = shallow.start() + 1 if shallow else len(text)
        if index + 1 < len(heads) and heads[index + 1][1] == dash and stop >= heads[index + 1][0]:
            out.append((start, heads[index + 1][0]))  # the next item of the same sequence
            continue
        # Trailing blank lines and shallow comments belong to whatever follows.
        while stop > start:
            previous = text.rfind("\n", start, stop - 1) + 1
            if previous <= start:
                break
            line = text[previous:stop]
            stripped = line.strip()
            if stripped and not (stripped[0] == "#" and len(line) - len(line.lstrip(" ")) <= dash):
                break
            stop = previous
        out.append((start, stop))
    return out


def department_bases(parsed: Parsed) -> list[Path]:
    """The path of each department mapping in a parsed file: () or (0,), (1,), ..."""
    data = parsed.data
    if isinstance(data, dict):
        return [()]
    if isinstance(data, list):
        return [(i,) for i, v in enumerate(data) if isinstance(v, dict)]
    return []


def item_starts(parsed: Parsed, base: Path = ()) -> list[tuple[int, int]]:
    """Where each item of the department at `base` starts (1-based line, col).

    NotBlockStyle when its items are a flow sequence on the ``items:`` line.
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
        raise NotBlockStyle("flow sequence")
    return [parsed.pos[base + ("items", index)] for index in range(len(items))]


def item_spans(lines: Sequence[str], parsed: Parsed, base: Path = ()) -> list[Span]:
    """The text span of each item of the department at `base` (block sequences only)."""
    return spans_from_starts(lines, item_starts(parsed, base))


def detect_style(text: str, first_item: tuple[int, int] | Parsed | None = None) -> Style:
    """The style of a file's text, from where its first item starts (1-based line, col; or the
    first department with items in a parse). Defaults where the text has no block items."""
    bom = text.startswith(BOM)
    m = _NEWLINE.search(text)
    newline = m.group(0) if m else "\n"
    if isinstance(first_item, Parsed):
        first_item = next((starts[0] for base in department_bases(first_item)
                           if (starts := _starts_or_none(first_item, base))), None)
    if first_item is None:
        return Style(newline, bom)
    lines = split_lines(text[1:] if bom else text)
    try:
        row, dash = dash_of(lines, *first_item)
    except NotBlockStyle:
        return Style(newline, bom)
    key_offset = max(1, first_item[1] - 1 - dash)
    seq_offset = 2
    # The `items:` key is the nearest non-comment line above the first item.
    for k in range(row - 1, -1, -1):
        line = lines[k]
        if is_blank(line) or is_comment(line):
            continue
        text_ = body(line)
        key = text_.lstrip(" -")
        if key.startswith("items") and text_.rstrip().endswith(":"):
            seq_offset = max(0, dash - (len(text_) - len(key)))
        break
    return Style(newline, bom, seq_offset, key_offset)


def _starts_or_none(parsed: Parsed, base: Path) -> list[tuple[int, int]]:
    try:
        return item_starts(parsed, base)
    except NotBlockStyle:
        return []
