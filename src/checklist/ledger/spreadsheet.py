"""Reading a 台账 as clerks keep it in Excel or CSV into new items (`checklist import`).

Owns the spreadsheet side only: finding the header row under merged title
rows, mapping Chinese or English headers to fields, decoding CSV in the
encodings Excel saves, and turning each row into `entries.NewItem` or a problem
located by row. Writing goes through `edits.add_many`, like every other edit.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checklist.domain.entries import NewItem
from checklist.domain.fields import ITEM
from checklist.errors import ChecklistError, UsageError

# Normalized header text -> field, from the field table's header names (and each field's own
# name). Headers are compared after NFKC (full-width to half-width), without spaces, case-folded.
HEADERS: dict[str, str] = {name: f.name for f in ITEM if f.headers for name in (*f.headers, f.name)}
# Columns a 台账 has that are not item fields: the row number and the department.
IGNORED = frozenset(("序号", "编号", "no", "no.", "id", "责任单位", "牵头单位", "department", "code"))
# Each row needs these (an import of ongoing items without a deadline is not supported yet).
REQUIRED = ("title", "owner", "deadline")
PARTNER_SPLIT = re.compile(r"[、，,;；/\n]+")
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class RowProblem:
    """A bad row: FILE:ROW: message (row numbers as the spreadsheet shows them)."""

    file: str
    row: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def format(self) -> str:
        from checklist.i18n import t

        return f"{self.file}:{self.row}: {t(self.key, **self.params)}"


@dataclass
class Sheet:
    """What a spreadsheet holds: rows as new items, bad rows, columns left aside."""

    file: str
    rows: list[tuple[int, NewItem]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def normalize_header(value: Any) -> str:
    """A header cell as compared: NFKC, no spaces or trailing marks, case-folded."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = re.sub(r"\s+", "", text).strip("*:：").casefold()
    return text


def header_field(value: Any) -> str | None:
    """The field a header names (None: not a field); a note in brackets is ignored."""
    text = normalize_header(value)
    if text in HEADERS:
        return HEADERS[text]
    bare = re.sub(r"[(\[【].*?[)\]】]", "", text)
    return HEADERS.get(bare)


# ---------------------------------------------------------------- reading cells


def _decode_csv(raw: bytes, display: str) -> str:
    """CSV text from UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (what Excel saves on Chinese Windows)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" (tab-separated UTF-16)
        return raw.decode("utf-16", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ChecklistError("imp_encoding", file=display) from None


def _csv_rows(path: Path, display: str) -> tuple[int, Iterator[tuple[int, list[Any]]]]:
    text = _decode_csv(path.read_bytes(), display)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    return len(rows), ((i, row) for i, row in enumerate(rows, start=1))


def _xlsx_rows(path: Path, display: str) -> tuple[int, Iterator[tuple[int, list[Any]]]]:
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ChecklistError("imp_bad_xlsx", file=display, detail=str(exc) or type(exc).__name__) from None
    # The first sheet with a recognizable header row; a workbook often opens on a cover sheet.
    for sheet in book.worksheets:
        head = [list(r) for r in sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
        if _find_header(head) is not None:
            total = sheet.max_row or 0

            def rows(ws: Any = sheet) -> Iterator[tuple[int, list[Any]]]:
                for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                    yield number, list(row)
                book.close()

            return total, rows()
    book.close()
    raise ChecklistError("imp_no_header", file=display)


def _find_header(rows: list[list[Any]]) -> int | None:
    """The index of the header row: the first with a title column and one more field."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = {header_field(cell) for cell in row if cell is not None}
        if "title" in fields and len(fields - {None}) >= 2:
            return index
    return None


# ---------------------------------------------------------------- rows to items


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u3000", " ").split()) if "\n" not in str(value) else str(value).strip()


def _cell_date(value: Any, reference: date) -> date:
    from checklist.domain.dates import parse_date

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(_cell_text(value), reference)


def read_sheet(
    path: Path, display: str, categories: list[str], progress: Callable[[int, int], None] | None = None,
    as_of: date | None = None,
) -> Sheet:
    """Every data row of a .xlsx or .csv file as a new item, or a problem naming its row;
    a deadline without its year (12月底) falls on or after `as_of` (default: the import day)."""
    from checklist.domain.dates import today

    reference = as_of or today()
    if not path.is_file():
        raise UsageError("path_missing", path=display)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        total, numbered = _xlsx_rows(path, display)
    elif suffix in (".csv", ".txt"):
        total, numbered = _csv_rows(path, display)
    else:
        raise UsageError("imp_bad_suffix", file=display, suffix=path.suffix or "-")
    sheet = Sheet(display)
    columns: dict[int, str] | None = None
    scanned: list[list[Any]] = []
    for number, row in numbered:
        if progress is not None:
            progress(number, total)
        if columns is None:
            scanned.append(row)
            if _find_header([row]) is None:
                if len(scanned) >= HEADER_SCAN_ROWS:
                    break
                continue
            columns = {}
            for col, cell in enumerate(row):
                name = header_field(cell)
                if name is not None and name not in columns.values():
                    columns[col] = name
                elif cell is not None and str(cell).strip() and normalize_header(cell) not in IGNORED:
                    sheet.ignored.append(_cell_text(cell))
            missing = [f for f in REQUIRED if f not in columns.values()]
            if missing:
                raise ChecklistError("imp_missing_columns", file=display, row=number, columns=", ".join(missing))
            continue
        values = {name: row[col] if col < len(row) else None for col, name in columns.items()}
        if all(_cell_text(v) == "" for v in values.values()):
            continue  # blank rows and the trailing rows Excel keeps formatted
        item = _row_item(sheet, number, values, categories, reference)
        if item is not None:
            sheet.rows.append((number, item))
    if columns is None:
        raise ChecklistError("imp_no_header", file=display)
    return sheet


def _row_item(sheet: Sheet, number: int, values: dict[str, Any], categories: list[str],
              reference: date) -> NewItem | None:
    def bad(key: str, **params: Any) -> None:
        sheet.problems.append(RowProblem(sheet.file, number, key, params))

    text = {name: _cell_text(v) for name, v in values.items()}
    for name in REQUIRED:
        if not text.get(name):
            bad(f"imp_missing_{name}")
            return None
    try:
        deadline = _cell_date(values["deadline"], reference)
    except UsageError:
        bad("imp_bad_date", value=text["deadline"])
        return None
    category = text.get("category") or None
    if category and categories and category not in categories:
        from checklist.problems import did_you_mean

        hint = did_you_mean(category, categories)
        bad("imp_bad_category_hint" if hint else "imp_bad_category", value=category, choices="、".join(categories), hint=hint or "")
        return None
    partners = [p.strip() for p in PARTNER_SPLIT.split(text.get("partners", "")) if p.strip()]
    return NewItem(
        title=text["title"], owner=text["owner"], deadline=deadline, category=category,
        measures=str(values["measures"]).strip() if values.get("measures") is not None and text.get("measures") else None,
        source=text.get("source") or None, partners=partners or None,
    )
