"""An .xlsx workbook read as rows of values, streamed, with bounded memory.

A workbook is a zip of XML parts. Only what import needs is read: the sheet names
(workbook.xml and its relationships), the shared strings, which cell styles are dates
(styles.xml), and the chosen sheet's cells and merged ranges, parsed as a stream and
freed row by row. Formulas give the value Excel cached when it saved the file (never
evaluated); a date-formatted number is a date; an error (#N/A) is empty.
The caller checks each part's unpacked size first (`sheet_read`).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import IO, Any
from xml.etree.ElementTree import iterparse

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
                with self.archive.open(part) as handle:
                    for _, element in iterparse(handle, events=("end",)):
                        if _local(element.tag) == "si":
                            self._strings.append(_text(element))
                            element.clear()
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
        strings, dates = self.strings(), self.date_styles()
        rows: list[tuple[int, list[Any]]] = []
        merges: list[tuple[int, int, int, int]] = []
        with self.archive.open(part) as handle:
            for _, element in iterparse(handle, events=("end",)):
                tag = element.tag
                if tag.endswith("row") and _local(tag) == "row":
                    number = int(element.get("r") or (rows[-1][0] + 1 if rows else 1))
                    if limit is not None and number > limit:
                        break
                    rows.append((number, _cells(element, strings, dates)))
                    element.clear()
                    if len(rows) > MAX_ROWS:
                        raise TooBig("rows", MAX_ROWS)
                elif tag.endswith("mergeCell"):
                    found = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", element.get("ref", ""))
                    if len(merges) >= MAX_MERGES:
                        raise TooBig("merges", MAX_MERGES)
                    if found:
                        merges.append((int(found.group(2)), int(found.group(4)), column(found.group(1)),
                                       column(found.group(3))))
        return rows, merges


def _date_code(code: str) -> bool:
    """Whether a custom number format shows a date: y, m or d outside quotes and brackets."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[yd]|m(?!.*s)", bare)) and "general" not in bare


def _text(element: Any) -> str:
    """The text of a string item (<si> or <is>): its <t>, or its runs' <t>, not phonetic runs."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


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


def _cells(row: Any, strings: list[str], dates: set[int]) -> list[Any]:
    out: list[Any] = []
    for cell in row:
        tag = cell.tag
        if not (tag == "c" or tag.endswith("}c")):
            continue
        ref = cell.get("r")
        letters = ref.rstrip("0123456789") if ref else ""
        valid = letters.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 3
        index = column(letters) if valid else len(out) if not letters else MAX_COLUMNS
        if index >= MAX_COLUMNS:  # past Excel's last column (XFD): not a cell Excel could have written
            raise ValueError(f"cell {ref} is beyond column XFD")
        if index >= len(out):
            out.extend([None] * (index + 1 - len(out)))
        out[index] = _value(cell, strings, dates)
    return out


def _value(cell: Any, strings: list[str], dates: set[int]) -> Any:
    kind = cell.get("t", "n")
    raw = None
    for child in cell:
        tag = child.tag
        if tag == "v" or tag.endswith("}v"):
            raw = child.text
        elif tag == "is" or tag.endswith("}is"):
            return _text(child)
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
    if int(cell.get("s", "0")) in dates and 0 < number < 2_958_466:
        day = EPOCH + timedelta(days=number)
        return day.date() if number.is_integer() else day
    return int(number) if number.is_integer() else number
