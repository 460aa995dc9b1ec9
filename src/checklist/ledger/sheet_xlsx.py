"""An .xlsx workbook read as rows of values, streamed, with bounded memory.

A workbook is a zip of XML parts. Only what import needs is read: the sheet names
(workbook.xml and its relationships), the shared strings, which cell styles are dates
(styles.xml), and the chosen sheet's cells and merged ranges, parsed as a stream and
freed row by row. Formulas give the value Excel cached when it saved the file (never
evaluated); a date-formatted number is a date; an error (#N/A) is empty.
The caller checks each part's unpacked size first (`sheet_read`).
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any
from xml.etree.ElementTree import iterparse
from xml.parsers import expat

EPOCH = datetime(1899, 12, 30)
MAX_COLUMNS = 16_384
MAX_ROWS = 200_000  # twice the largest ledger worth planning for (100,000 items)
MAX_MERGES = 100_000


class TooBig(Exception):
    """The sheet holds more rows or merged ranges than a 台账 can: (what, limit)."""
# Built-in number formats that show dates (ECMA-376 18.8.30), and the Chinese ones Excel and WPS add.
DATE_FORMATS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Any, name: str) -> str | None:
    """An attribute by its local name (r:id and id alike)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


def _parse(handle: IO[bytes]) -> Iterator[Any]:
    for _, element in iterparse(handle, events=("end",)):
        yield element


class Workbook:
    """An open .xlsx: its sheets in order as (name, part, visible)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        names = set(archive.namelist())
        book = "xl/workbook.xml" if "xl/workbook.xml" in names else next(n for n in names if n.endswith("workbook.xml"))
        rels_path = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
        targets: dict[str, str] = {}
        if rels_path in names:
            with archive.open(rels_path) as handle:
                for element in _parse(handle):
                    if _local(element.tag) == "Relationship":
                        target = element.get("Target", "")
                        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                            posixpath.join(posixpath.dirname(book), target))
                        targets[element.get("Id", "")] = full
        self.sheets: list[tuple[str, str, bool]] = []
        with archive.open(book) as handle:
            for element in _parse(handle):
                if _local(element.tag) == "sheet":
                    part = targets.get(_attr(element, "id") or "", "")
                    if part in names:
                        self.sheets.append((element.get("name", ""), part, element.get("state", "visible") == "visible"))
        self._names = names
        self._book = book
        self._strings: list[str] | None = None
        self._dates: set[int] | None = None

    def _part(self, suffix: str) -> str | None:
        wanted = posixpath.join(posixpath.dirname(self._book), suffix)
        if wanted in self._names:
            return wanted
        return next((n for n in self._names if n.lower().endswith("/" + suffix.lower())), None)

    def strings(self) -> list[str]:
        """The shared strings, each the text of its runs (phonetic runs left out)."""
        if self._strings is None:
            self._strings = []
            part = self._part("sharedStrings.xml")
            if part is not None:
                reader = _Strings(self._strings)
                with self.archive.open(part) as handle:
                    _stream(handle, reader.start, reader.end, reader.chars)
        return self._strings

    def date_styles(self) -> set[int]:
        """The indexes of the cell styles (cellXfs) whose number format shows a date."""
        if self._dates is None:
            self._dates = set()
            part = self._part("styles.xml")
            if part is not None:
                custom: dict[int, str] = {}
                xfs: list[int] = []
                with self.archive.open(part) as handle:
                    for element in _parse(handle):
                        tag = _local(element.tag)
                        if tag == "numFmt":
                            custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                        elif tag == "cellXfs":
                            xfs = [int(xf.get("numFmtId", "0")) for xf in element if _local(xf.tag) == "xf"]
                for index, fmt in enumerate(xfs):
                    if fmt in DATE_FORMATS or (fmt in custom and _date_code(custom[fmt])):
                        self._dates.add(index)
        return self._dates

    def rows(self, part: str, limit: int | None = None) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, int, int, int]]]:
        """The sheet's rows (numbered as Excel numbers them) and its merged ranges (first row,
        last row, first column, last column; 0-based columns). `limit`: stop after that row."""
        sheet = _Sheet(self.strings(), self.date_styles(), limit)
        with self.archive.open(part) as handle, contextlib.suppress(_Enough):
            _stream(handle, sheet.start, sheet.end, sheet.chars)
        return sheet.rows, sheet.merges


def _stream(handle: IO[bytes], start: Any, end: Any, chars: Any) -> None:
    """Feed a part to expat in 64 KB pieces: memory stays bounded however big the part."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    while chunk := handle.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _Strings:
    """Expat's handlers for the shared strings: each <si>'s text, its runs' <t> joined,
    phonetic runs (<rPh>) left out."""

    def __init__(self, out: list[str]) -> None:
        self.out = out
        self.parts: list[str] = []
        self.buffer: list[str] | None = None
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name == "t" and not self.phonetic:
            self.buffer = []
        elif name == "si":
            self.parts = []
        elif name == "rPh":
            self.phonetic = True

    def chars(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name == "t" and self.buffer is not None:
            self.parts.append("".join(self.buffer))
            self.buffer = None
        elif name == "si":
            self.out.append("".join(self.parts))
        elif name == "rPh":
            self.phonetic = False


class _Enough(Exception):
    """The rows asked for are read."""


class _Sheet:
    """Expat's handlers for a worksheet part: each <row>'s cells as values, and each
    <mergeCell>'s range. Tags are compared by local name (x:c and c alike)."""

    def __init__(self, strings: list[str], dates: set[int], limit: int | None) -> None:
        self.strings, self.dates, self.limit = strings, dates, limit
        self.rows: list[tuple[int, list[Any]]] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.cells: list[Any] = []
        self.number = 0
        self.ref: str | None = None
        self.kind = "n"
        self.style = "0"
        self.raw: str | None = None
        self.inline: list[str] | None = None  # the text of an inline string (<is>) being read
        self.buffer: list[str] | None = None  # the characters of the <v> or <t> being read
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self.ref, self.kind, self.style = attrs.get("r"), attrs.get("t", "n"), attrs.get("s", "0")
            self.raw = self.inline = None
        elif name == "v" or (name == "t" and self.inline is not None and not self.phonetic):
            self.buffer = []
        elif name == "is":
            self.inline = []
        elif name == "rPh":
            self.phonetic = True
        elif name == "row":
            given = attrs.get("r")
            self.number = int(given) if given else self.number + 1
            if self.limit is not None and self.number > self.limit:
                raise _Enough
            self.cells = []
        elif name == "mergeCell":
            found = _RANGE.fullmatch(attrs.get("ref", ""))
            if len(self.merges) >= MAX_MERGES:
                raise TooBig("merges", MAX_MERGES)
            if found:
                self.merges.append((int(found.group(2)), int(found.group(4)), column(found.group(1)),
                                    column(found.group(3))))

    def chars(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self._cell()
        elif name == "v" and self.buffer is not None:
            self.raw, self.buffer = "".join(self.buffer), None
        elif name == "t" and self.buffer is not None:
            assert self.inline is not None
            self.inline.append("".join(self.buffer))
            self.buffer = None
        elif name == "rPh":
            self.phonetic = False
        elif name == "row":
            self.rows.append((self.number, self.cells))
            if len(self.rows) > MAX_ROWS:
                raise TooBig("rows", MAX_ROWS)

    def _cell(self) -> None:
        out, ref = self.cells, self.ref
        letters = ref.rstrip("0123456789") if ref else ""
        index = _COLUMNS.get(letters)
        if index is None:
            valid = letters.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 3
            index = column(letters) if valid else len(out) if not letters else MAX_COLUMNS
        if index >= MAX_COLUMNS:  # past Excel's last column (XFD): not a cell Excel could have written
            raise ValueError(f"cell {ref} is beyond column XFD")
        if index >= len(out):
            out.extend([None] * (index + 1 - len(out)))
        if self.inline is not None:
            out[index] = "".join(self.inline)
        else:
            out[index] = _value(self.kind, self.raw, self.style, self.strings, self.dates)


_RANGE = re.compile(r"([A-Z]+)(\d+):([A-Z]+)(\d+)")


def _date_code(code: str) -> bool:
    """Whether a custom number format shows a date: y, m or d outside quotes and brackets."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[yd]|m(?!.*s)", bare)) and "general" not in bare


_COLUMNS: dict[str, int] = {}


def column(letters: str) -> int:
    """The 0-based index of a column's letters (A = 0)."""
    found = _COLUMNS.get(letters)
    if found is None:
        number = 0
        for ch in letters:
            number = number * 26 + ord(ch) - 64
        found = _COLUMNS[letters] = number - 1
    return found


def _value(kind: str, raw: str | None, style: str, strings: list[str], dates: set[int]) -> Any:
    """A cell's value from its type (t), its <v> text and its style (s)."""
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        return strings[index] if 0 <= index < len(strings) else None
    if kind in ("str", "inlineStr"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "e":
        return None
    if kind == "d":
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            return raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    if int(style or "0") in dates and 0 < number < 2_958_466:
        day = EPOCH + timedelta(days=number)
        return day.date() if number.is_integer() else day
    return int(number) if number.is_integer() else number
