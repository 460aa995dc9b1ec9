"""Finding the header of a 台账 and what each column holds (no I/O).

Headers are compared as clerks write them: full-width forms folded (NFKC), spaces and
line breaks (Alt+Enter) removed, a note in brackets and a trailing 的/情况 tolerated.
A header may be one row, or two (a merged 整改情况 over 整改进展/完成情况; 责任人 under
责任主体). Above it: a title row and a 填报单位/填报日期 row, read for routing and dates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from checklist.domain.fields import ITEM

# The columns that are not a field of an item: the department each row goes to, and the row's number.
# Every field's header names are in the field table (domain.fields, `headers`).
OTHER_HEADERS: dict[str, tuple[str, ...]] = {
    "department": ("责任单位", "牵头单位", "责任部门", "牵头部门", "department", "code"),
    "number": ("序号", "编号", "no", "no.", "id"),
}
# Group headers of a two-level header: a merged cell over the fields below it.
GROUPS = frozenset(("整改情况", "责任主体", "责任落实", "完成情况及时限", "整改责任", "责任分工", "整改落实"))
HEADER_SCAN_ROWS = 30


def normalize_header(value: Any) -> str:
    """A header cell as compared: NFKC, no spaces or line breaks, no marks around, case-folded."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    return re.sub(r"\s+", "", text).strip("*:：.、").casefold()


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for f in ITEM:
        for name in (*f.headers, f.name):
            table[normalize_header(name)] = f.name
    for name, words in OTHER_HEADERS.items():
        for word in words:
            table[normalize_header(word)] = name
    return table


HEADERS = _table()


def header_field(value: Any) -> str | None:
    """The field a header cell names (None: not a field); a note in brackets, a trailing 的 or
    情况 and a (%) or （万元） unit are tolerated."""
    text = normalize_header(value)
    if not text:
        return None
    for candidate in (text, re.sub(r"[(\[【（].*?[)\]】）]", "", text)):
        if candidate in HEADERS:
            return HEADERS[candidate]
        for tail in ("情况", "的"):
            if candidate.endswith(tail) and candidate[: -len(tail)] in HEADERS:
                return HEADERS[candidate[: -len(tail)]]
    return None


@dataclass
class Header:
    """Where the header is (0-based indexes into the rows read) and what each column holds."""

    first: int  # the header's first row
    last: int  # its last row (first + 1 for a two-level header)
    columns: dict[int, str] = field(default_factory=dict)  # column -> field
    names: dict[str, str] = field(default_factory=dict)  # field -> the header as the sheet writes it
    ignored: list[str] = field(default_factory=list)  # headers of columns not imported


def _shown(value: Any) -> str:
    """A header as the sheet names it, without the spaces and line breaks that align it."""
    text = " ".join(str(value).split())
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


def _row_fields(row: list[Any]) -> dict[int, str]:
    found: dict[int, str] = {}
    for col, cell in enumerate(row):
        name = header_field(cell)
        if name is not None and name not in found.values():
            found[col] = name
    return found


def _continues(row: list[Any], above: list[Any]) -> bool:
    """Whether `row` is the lower row of a two-level header whose upper row is `above`: it names
    fields, and its text cells are (mostly) headers or stand under a group header."""
    texts = [(col, cell) for col, cell in enumerate(row) if cell is not None and str(cell).strip()]
    named = [col for col, cell in texts if header_field(cell) is not None]
    if not named:
        return False
    under_group = any(normalize_header(cell) in GROUPS or header_field(cell) is None
                      for cell in above if cell is not None and str(cell).strip())
    return len(named) * 2 >= len(texts) and (under_group or len(named) == len(texts))


def find_header(rows: list[list[Any]]) -> Header | None:
    """The header: the first row (with the row below, for a two-level header) naming the problem
    and someone or something responsible for it."""
    limit = min(len(rows), HEADER_SCAN_ROWS)
    for index in range(limit):
        top = _row_fields(rows[index])
        if not top:
            continue
        two = index + 1 < len(rows) and _continues(rows[index + 1], rows[index])
        columns = dict(top)
        if two:
            for col, name in _row_fields(rows[index + 1]).items():
                columns.pop(next((c for c, n in columns.items() if n == name), -1), None)
                columns[col] = name
        found = set(columns.values())
        if "title" in found and found & {"owner", "leader", "unit", "deadline", "measures", "department"}:
            return _header(rows, index, index + 1 if two else index, columns)
    return None


def _header(rows: list[list[Any]], first: int, last: int, columns: dict[int, str]) -> Header:
    header = Header(first, last, dict(sorted(columns.items())))
    for col, name in header.columns.items():
        cell = rows[last][col] if col < len(rows[last]) and rows[last][col] not in (None, "") else rows[first][col]
        header.names[name] = _shown(cell)
    width = max(len(rows[first]), len(rows[last]))
    for col in range(width):
        if col in header.columns:
            continue
        for r in (last, first):
            cell = rows[r][col] if col < len(rows[r]) else None
            if cell is not None and str(cell).strip() and normalize_header(cell) not in GROUPS:
                header.ignored.append(_shown(cell))
                break
    return header


@dataclass
class Masthead:
    """What the rows above the header say: the sheet's title, 填报单位 and 填报日期 (as written)."""

    title: str = ""
    unit: str = ""
    date: str = ""


UNIT_RE = re.compile(r"(?:填报|报送|填表)单位\s*[:：]\s*(.*?)(?:[(（]盖章[)）])?\s*(?=(?:填报|报送|填表)(?:日期|时间)|$)")
DATE_RE = re.compile(r"(?:填报|报送|填表|统计|截止)(?:日期|时间)\s*[:：]\s*(\S+(?:\s*\d+\s*[月日号])*)")


def masthead(rows: list[list[Any]]) -> Masthead:
    """The title, 填报单位 and 填报日期 from the rows above the header."""
    head = Masthead()
    for row in rows:
        texts = [" ".join(str(c).split()) for c in row if c is not None and str(c).strip()]
        line = "  ".join(texts)
        unit, day = UNIT_RE.search(line), DATE_RE.search(line)
        if unit and not head.unit:
            head.unit = unit.group(1).strip(" ：:")
        if day and not head.date:
            head.date = day.group(1).strip()
        if not unit and not day and not head.title and len(texts) == 1:
            head.title = texts[0]
    return head
