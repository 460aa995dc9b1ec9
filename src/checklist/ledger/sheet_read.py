"""Reading a spreadsheet safely: an .xlsx workbook or a CSV file as numbered rows of cells.

Spreadsheets come by mail from other offices: untrusted input. An .xlsx is a zip of XML
parts; before any is read, every part's declared size is checked (a sheet whose shared
strings would expand to hundreds of megabytes is refused, and zipfile never reads past a
declared size); then `sheet_xlsx` streams the rows, with the cached values of formulas
(never evaluated). Vertically merged cells are filled down
from the sheet's own mergeCell list. CSV comes in the encodings Excel and WPS save.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, UsageError

XLSX = (".xlsx", ".xlsm")
CSV = (".csv", ".txt")
OLD = (".xls", ".et", ".ett", ".wps", ".xlt")
MAX_FILE = 50 * 1024 * 1024  # bytes of the file itself
MAX_PART = 100 * 1024 * 1024  # bytes of one part of a workbook, unpacked (a sheet's XML)
MAX_STRINGS = 32 * 1024 * 1024  # bytes of the shared strings, unpacked: read whole into memory
MAX_UNPACKED = 300 * 1024 * 1024  # bytes of every part together
MAX_COLUMNS = 16_384  # Excel's last column, XFD
CSV_FIELD = 16 * 1024 * 1024  # a CSV cell (longer than Excel's 32,767 characters is refused later, by row)

Numbered = list[tuple[int, list[Any]]]


@dataclass
class Book:
    """The sheet chosen: its rows numbered as Excel numbers them, and the workbook's sheet names."""

    rows: Numbered
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)


def check_file(path: Path, display: str) -> str:
    """'xlsx' or 'csv' for a file that may be read; refused with what to do otherwise."""
    suffix = path.suffix.lower()
    if suffix in OLD:
        raise UsageError("imp_old_format", file=display, suffix=path.suffix)
    if suffix not in XLSX + CSV:
        raise UsageError("imp_bad_suffix", file=display, suffix=path.suffix or "-")
    if not path.exists():
        raise UsageError("path_missing", path=display)
    if not path.is_file():
        raise ChecklistError("imp_not_file", file=display)
    size = path.stat().st_size
    if size > MAX_FILE:
        raise ChecklistError("imp_file_too_big", file=display, size=size // (1024 * 1024), limit=MAX_FILE // (1024 * 1024))
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: .xls or WPS .et saved under another name
        raise UsageError("imp_old_format", file=display, suffix=path.suffix)
    return "xlsx" if suffix in XLSX else "csv"


# ---------------------------------------------------------------- xlsx


def _sizes(path: Path, display: str) -> None:
    """Refused when a part of the workbook would unpack to more than a 台账 can hold."""
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ChecklistError("imp_bad_xlsx", file=display, detail=str(exc)[:200] or type(exc).__name__) from None
    _check_sizes(sizes, display)


def _check_sizes(sizes: dict[str, int], display: str) -> None:
    mb = 1024 * 1024
    for name, size in sizes.items():
        limit = MAX_STRINGS if name.lower().endswith("sharedstrings.xml") else MAX_PART
        if size > limit:
            raise ChecklistError("imp_part_too_big", file=display, part=name, size=size // mb, limit=limit // mb)
    total = sum(sizes.values())
    if total > MAX_UNPACKED:
        raise ChecklistError("imp_part_too_big", file=display, part="*", size=total // mb, limit=MAX_UNPACKED // mb)


def read_xlsx(path: Path, display: str, wanted: str | None, pick: Any) -> Book:
    """The sheet named `wanted`, else the first visible one `pick(rows)` accepts (has a header)."""
    from checklist.ledger.sheet_xlsx import TooBig, Workbook

    _sizes(path, display)
    try:
        with zipfile.ZipFile(path) as archive:
            book = Workbook(archive)
            names = [name for name, _, _ in book.sheets]
            sheets = [(name, part) for name, part, visible in book.sheets if visible]
            if wanted is not None:
                sheets = [(n, p) for n, p, _ in book.sheets if n.strip().casefold() == wanted.strip().casefold()]
                if not sheets:
                    raise UsageError("imp_no_sheet", file=display, sheet=wanted, sheets="、".join(names) or "-")
            for name, part in sheets:
                if wanted is None and not pick(book.rows(part, limit=40)[0]):
                    continue
                rows, merges = book.rows(part)
                _fill_down(rows, merges)
                return Book(rows, name, names)
    except ChecklistError:
        raise
    except TooBig as big:
        raise ChecklistError(f"imp_too_many_{big.args[0]}", file=display, limit=big.args[1]) from None
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many kinds of error
        raise ChecklistError("imp_bad_xlsx", file=display, detail=str(exc)[:200] or type(exc).__name__) from None
    raise ChecklistError("imp_no_header", file=display)


def _fill_down(rows: Numbered, merges: list[tuple[int, int, int, int]]) -> None:
    """A vertically merged cell's value in every row it spans (in its own first column). Only
    the rows the sheet has are visited: a merge over a million empty rows costs nothing."""
    from bisect import bisect_right

    from checklist.ledger.sheet_xlsx import MAX_MERGES, TooBig

    numbers = [number for number, _ in rows]
    ordered = numbers == sorted(numbers)
    budget = 20 * len(rows) + 1_000_000  # merges piled over the same rows: bounded work
    for top, bottom, left, _right in merges:
        if bottom <= top or left >= MAX_COLUMNS or not ordered:
            continue
        start = bisect_right(numbers, top) - 1
        if start < 0 or numbers[start] != top:
            continue
        first = rows[start][1]
        value = first[left] if left < len(first) else None
        if value is None:
            continue
        end = bisect_right(numbers, bottom)
        budget -= end - start
        if budget < 0:
            raise TooBig("merges", MAX_MERGES)
        for index in range(start + 1, end):
            cells = rows[index][1]
            if len(cells) <= left:
                cells.extend([None] * (left + 1 - len(cells)))
            if cells[left] in (None, ""):
                cells[left] = value


# ---------------------------------------------------------------- csv


def decode_csv(raw: bytes, display: str) -> str:
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


def read_csv(path: Path, display: str) -> Book:
    text = decode_csv(path.read_bytes(), display)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(CSV_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: Numbered = []
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))  # a record is one row in Excel, line breaks and all
    except csv.Error as exc:
        raise ChecklistError("imp_bad_csv", file=display, row=len(rows) + 1, detail=str(exc)) from None
    return Book(rows)
