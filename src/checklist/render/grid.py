"""The terminal table engine: widths in terminal cells (CJK characters take two),
wrapping between words and between any two CJK characters, columns that give up
room where it hurts least, and colour (ANSI) only on a terminal without NO_COLOR.

The tables are laid out here rather than by rich: rich takes about a
millisecond per row, and `list --state overdue` on a city ledger prints
thousands of rows in well under that budget in total. Long titles wrap, IDs
and dates never do; piped output is plain text.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36",
        "bold red": "1;31", "bold yellow": "1;33", "bold green": "1;32"}
GAP = "  "

# East Asian Wide and Fullwidth ranges (CJK, kana, hangul, fullwidth forms): two cells each.
# Looked up once per distinct character (_Shadow); a regex of these ranges takes re ~7 ms to
# compile, more than a report of 10,000 items spends on its table.
_WIDE_RANGES = ((0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60),
                (0xFFE0, 0xFFE6), (0x20000, 0x3FFFD))


def _wide(code: int) -> bool:
    return any(low <= code <= high for low, high in _WIDE_RANGES)


def cell_len(s: str) -> int:
    """Terminal cells a string takes: East Asian wide characters two (the shadow string's length)."""
    if s.isascii():
        return len(s)
    return len(s.translate(_SHADOW))


# Closing punctuation clings to what precedes it: a line never starts with ，or 。
_CLOSE = "，。、；：！？）》」』”’%"
# Wrapping works on a shadow string where each wide character is followed by \0, so that a
# token's length is its width in cells (no per-character width lookups).
# Opening punctuation clings to what follows: a line never ends with （ or “
_OPEN = "（《「『“‘"
_TOKEN = re.compile(rf"(?:[{_OPEN}]\0?)*[\x21-\x7e]+(?:[{_CLOSE}]\0?)*|\s+|(?:[{_OPEN}]\0?)*.\0?(?:[{_CLOSE}]\0?)*",
                    re.DOTALL)


class _Shadow(dict[int, str]):
    """str.translate's table for the shadow string, filled as characters are met: a dict
    lookup in C per character instead of a Python call per wide one (4x faster)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = char + "\0" if _wide(code) else char
        return value


_SHADOW = _Shadow()


def _wrap(s: str, width: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for para in s.split("\n"):
        shadow = para if para.isascii() else para.translate(_SHADOW)
        if len(shadow) <= width:
            out.append((para, len(shadow)))
            continue
        line: list[str] = []
        used = 0

        def flush() -> None:
            nonlocal line, used
            text_ = "".join(line).rstrip()
            out.append((text_.replace("\0", ""), len(text_)))
            line, used = [], 0

        for tok in _TOKEN.findall(shadow):
            w = len(tok)
            if tok.isspace():
                if line and used + w <= width:
                    line.append(tok)
                    used += w
                elif line:
                    flush()
                continue
            if used + w > width and line:
                flush()
            if w > width:  # a word longer than the column is folded, never splitting a wide character
                for unit in re.findall(r".\0?", tok, re.DOTALL):
                    if used + len(unit) > width and line:
                        flush()
                    line.append(unit)
                    used += len(unit)
                continue
            line.append(tok)
            used += w
        flush()
    return out or [("", 0)]


def wrap(s: str, width: int) -> list[str]:
    """Lines of at most `width` cells: breaks between words and between any two CJK characters."""
    return [line for line, _ in _wrap(s, width)]


def _columns() -> int:
    """shutil.get_terminal_size's columns (COLUMNS when a positive number, else the terminal's,
    else 80) without importing shutil and its compressors for every table."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


@dataclass
class Col:
    """A column: its header, alignment, and how it may give up room."""

    header: str
    right: bool = False
    wrap: bool = False        # may wrap to fit
    max_width: int | None = None
    flex: bool = False        # takes the room that is left (a title)
    min_width: int = 0        # never narrower (a date that must not wrap)
    stack: str = ""           # the header on lines of whole words, where stacked() would split wrongly


Cell = str | tuple[str, str]  # text, or (text, style)


class Out:
    """Where a table goes: its width and whether it may use colour."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file or sys.stdout
        isatty = getattr(self.file, "isatty", None)
        tty = bool(isatty and isatty())
        self.colour = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        self.width = max(40, _columns()) if tty or "COLUMNS" in os.environ else 80

    def style(self, s: str, style: str) -> str:
        """s in an ANSI style when colour is on."""
        if not self.colour or not style or not s:
            return s
        if style.startswith("bar-"):  # filled cells in the light's colour, the rest dim
            filled, rest = s.count("█"), s.count("░")
            return (self.style("█" * filled, style[4:]) + self.style("░" * rest, "dim")
                    + s[filled + rest:])
        return f"\x1b[{_SGR[style]}m{s}\x1b[0m"


def stacked(header: str) -> str:
    """A header stacked on lines of whole words: Chinese headers of four or more characters in
    words of two (即将/到期, 整改/到位/金额), five as two and three (按期/完成率); shorter ones and
    English stay whole (English breaks between its words)."""
    if header.isascii() or "\n" in header or not all("\u4e00" <= c <= "\u9fff" for c in header) or len(header) < 4:
        return header
    if len(header) == 5:
        return header[:2] + "\n" + header[2:]
    return "\n".join(header[i:i + 2] for i in range(0, len(header), 2))


def _narrow(col: Col) -> int:
    """The narrowest width a header takes without splitting a word: English by its longest word,
    Chinese by its longest stacked word."""
    if col.header.isascii() and not col.stack:
        return max((len(word) for word in col.header.split()), default=0)
    return max(cell_len(line) for line in (col.stack or stacked(col.header)).split("\n"))


def _fit(cols: Sequence[Col], natural: list[int], floors: list[int], width: int) -> list[int]:
    widths = list(natural)
    excess = sum(widths) + len(GAP) * (len(cols) - 1) - width
    # Give up room where it hurts least: number headers stack (即将/到期), then capped columns (a
    # department's name) wrap down to their cap, then the title, then the rest.
    capped = [max(floors[i], c.max_width) if c.max_width else floors[i] for i, c in enumerate(cols)]
    for group, floor in ((lambda c: c.right, floors), (lambda c: bool(c.max_width), capped),
                         (lambda c: c.flex, floors), (lambda c: True, floors)):
        for i in sorted(range(len(cols)), key=lambda i: -widths[i]):
            if excess <= 0:
                return widths
            if cols[i].wrap and group(cols[i]):
                take = min(excess, max(0, widths[i] - floor[i]))
                widths[i] -= take
                excess -= take
    return widths


def grid(out: Out, cols: Sequence[Col], rows: Sequence[Sequence[Cell]], title: str = "",
         sections: Sequence[int] = ()) -> list[str]:
    """A table in SIMPLE_HEAD style: bold header, a rule, rows; a blank line before each row index in sections."""
    cells = [[(c, "") if isinstance(c, str) else c for c in row] for row in rows]
    data = [0] * len(cols)
    sizes = []  # each cell's width, measured once
    for row in cells:
        size = [cell_len(s) if "\n" not in s else -1 for s, _ in row]
        for i, n in enumerate(size):
            if n < 0:
                n = max(cell_len(p) for p in row[i][0].split("\n"))
            if n > data[i]:
                data[i] = n
        sizes.append(size)
    natural = [max(d, cell_len(c.header)) for d, c in zip(data, cols, strict=True)]
    floors = [max(c.min_width, 12 if c.flex else max(d, _narrow(c)) if c.right else max(6, _narrow(c)))
              for d, c in zip(data, cols, strict=True)]
    widths = _fit(cols, natural, floors, out.width)
    lines = [out.style(title, "bold")] if title else []

    def emit(row: Sequence[tuple[str, str]], size: Sequence[int], header: bool = False) -> None:
        if all(0 <= n <= w for n, w in zip(size, widths, strict=True)):  # the common case: one line, no wrapping
            line = []
            for i, (s, style) in enumerate(row):
                pad = " " * (widths[i] - size[i])
                styled = out.style(s, "bold" if header else style)
                line.append(pad + styled if cols[i].right else styled + pad)
            lines.append(GAP.join(line).rstrip())
            return
        parts = [_wrap(s, widths[i]) if (cols[i].wrap or header) and not 0 <= size[i] <= widths[i] or size[i] < 0
                 else [(s, size[i])] for i, (s, _) in enumerate(row)]
        for k in range(max(len(p) for p in parts)):
            line = []
            for i, p in enumerate(parts):
                s, n = p[k] if k < len(p) else ("", 0)
                pad = " " * max(0, widths[i] - n)
                styled = out.style(s, "bold" if header else row[i][1])
                line.append(pad + styled if cols[i].right else styled + pad)
            lines.append(GAP.join(line).rstrip())

    heads = [c.header if cell_len(c.header) <= w else c.stack or stacked(c.header)
             for c, w in zip(cols, widths, strict=True)]
    emit([(h, "") for h in heads], [cell_len(h) if "\n" not in h else -1 for h in heads], header=True)
    lines.append("─" * (sum(widths) + len(GAP) * (len(cols) - 1)))
    for n, row in enumerate(cells):
        if n in sections:
            lines.append("")
        emit(row, sizes[n])
    return lines
