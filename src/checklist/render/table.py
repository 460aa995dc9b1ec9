"""Terminal tables: the report with traffic lights (红黄绿灯) and completion
bars, the item list, one item in full.

The tables are laid out here rather than by rich: rich takes about a
millisecond per row, and `list --state overdue` on a city ledger prints
thousands of rows in well under that budget in total. Widths are measured in
terminal cells (CJK characters take two), so Chinese lines up; long titles
wrap, IDs and dates never do. Colour (ANSI) only on a terminal without
NO_COLOR; piped output is plain text.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    as_of_line,
    category_name,
    headline,
    item_fields,
    pct,
    state_label,
    text,
)

COLOURS = {"overdue": "red", "due_soon": "yellow", "on_track": "green", "ongoing": "blue", "done": "cyan"}
_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36",
        "bold red": "1;31", "bold yellow": "1;33", "bold green": "1;32"}
BAR_WIDTH = 8
GAP = "  "
# The terminal report lists at most this many overdue / due-soon items; `list --state` shows them all.
REPORT_ROWS = 50

# East Asian Wide and Fullwidth ranges (CJK, kana, hangul, fullwidth forms): two cells each.
# A regex counts them at C speed; per-character unicodedata lookups cost more than the whole list.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def cell_len(s: str) -> int:
    """Terminal cells a string takes: East Asian wide characters two."""
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


# Closing punctuation clings to what precedes it: a line never starts with ，or 。
_CLOSE = "，。、；：！？）》」』”’%"
# Wrapping works on a shadow string where each wide character is followed by \0, so that a
# token's length is its width in cells (no per-character width lookups).
_TOKEN = re.compile(rf"[\x21-\x7e]+(?:[{_CLOSE}]\0?)*|\s+|.\0?(?:[{_CLOSE}]\0?)*", re.DOTALL)


def _mark(m: re.Match[str]) -> str:
    return m.group() + "\0"


def _wrap(s: str, width: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for para in s.split("\n"):
        shadow = para if para.isascii() else _WIDE.sub(_mark, para)
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


@dataclass
class Col:
    """A column: its header, alignment, and how it may give up room."""

    header: str
    right: bool = False
    wrap: bool = False        # may wrap to fit
    max_width: int | None = None
    flex: bool = False        # takes the room that is left (a title)


Cell = str | tuple[str, str]  # text, or (text, style)


class Out:
    """Where a table goes: its width and whether it may use colour."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file or sys.stdout
        isatty = getattr(self.file, "isatty", None)
        tty = bool(isatty and isatty())
        self.colour = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        self.width = max(40, shutil.get_terminal_size((80, 24)).columns) if tty or "COLUMNS" in os.environ else 80

    def style(self, s: str, style: str) -> str:
        """s in an ANSI style when colour is on."""
        if not self.colour or not style or not s:
            return s
        if style.startswith("bar-"):  # filled cells in the light's colour, the rest dim
            filled, rest = s.count("█"), s.count("░")
            return (self.style("█" * filled, style[4:]) + self.style("░" * rest, "dim")
                    + s[filled + rest:])
        return f"\x1b[{_SGR[style]}m{s}\x1b[0m"


def _narrow(header: str) -> int:
    """The narrowest width that wraps a header onto two lines at most (CJK breaks anywhere)."""
    if header.isascii():
        return max((len(word) for word in header.split()), default=0)
    return 2 * -(-len(header) // 2)


def _fit(cols: Sequence[Col], natural: list[int], floors: list[int], width: int) -> list[int]:
    widths = [min(n, c.max_width) if c.max_width and c.wrap else n for c, n in zip(cols, natural, strict=True)]
    excess = sum(widths) + len(GAP) * (len(cols) - 1) - width
    # Give up room where it hurts least: number headers wrap (即将/到期), then the title, then the rest.
    for group in (lambda c: c.right, lambda c: c.flex, lambda c: True):
        for i in sorted(range(len(cols)), key=lambda i: -widths[i]):
            if excess <= 0:
                return widths
            if cols[i].wrap and group(cols[i]):
                take = min(excess, max(0, widths[i] - floors[i]))
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
    floors = [12 if c.flex else max(d, _narrow(c.header)) if c.right else max(6, _narrow(c.header))
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

    emit([(c.header, "") for c in cols], [cell_len(c.header) for c in cols], header=True)
    lines.append("─" * (sum(widths) + len(GAP) * (len(cols) - 1)))
    for n, row in enumerate(cells):
        if n in sections:
            lines.append("")
        emit(row, sizes[n])
    return lines


def _count(n: int, colour: str) -> Cell:
    return (str(n), f"bold {colour}" if n else "dim")


def bar(rate: float, width: int = BAR_WIDTH) -> str:
    """A completion bar, then the percentage: ███░░░░░  33.3%."""
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled) + f" {pct(rate):>6}"


def ranking(out: Out, data: Mapping[str, Any]) -> list[str]:
    """Departments ranked, counts in traffic-light colours, a completion bar each."""
    keys = ("total", "done", "overdue", "due_soon", "on_track")
    cols = [Col(column("rank"), right=True, wrap=True), Col(column("department"), wrap=True, flex=True),
            *[Col(column(k), right=True, wrap=True) for k in keys],
            Col(column("completion_rate")), Col(column("on_time_rate"), right=True, wrap=True)]
    rows: list[list[Cell]] = []
    depts = data["departments"]
    for i, d in enumerate([*depts, data["totals"]]):
        last = i == len(depts)
        rate = d["completion_rate"]
        light = "green" if rate >= 0.8 else "yellow" if rate >= 0.5 else "red"
        rows.append([
            "" if last else str(i + 1), (t("rpt_total_row"), "bold") if last else d["department"],
            str(d["total"]), str(d["done"]), _count(d["overdue"], "red"), _count(d["due_soon"], "yellow"),
            _count(d["on_track"], "green"), (bar(rate), f"bar-{light}"), pct(d["on_time_rate"]),
        ])
    return grid(out, cols, rows, title=t("rpt_sec_departments"), sections=[len(depts)] if depts else [])


def _entries(out: Out, title: str, entries: Sequence[Mapping[str, Any]], days_key: str, colour: str) -> list[str]:
    cols = [Col(column("id")), Col(column("department"), wrap=True, max_width=14),
            Col(column("title"), wrap=True, flex=True), Col(column("owner"), wrap=True, max_width=10),
            Col(column("deadline")), Col(column(days_key), right=True, wrap=True)]
    shown = entries[:REPORT_ROWS]
    lines = grid(out, cols, [[(e["id"], "bold"), e["department"], e["title"], e["owner"], text(e["deadline"]),
                              (str(e[days_key]), f"bold {colour}")] for e in shown], title=title)
    if len(entries) > len(shown):
        state = "overdue" if days_key == "days_overdue" else "due_soon"
        lines.append(out.style(t("rpt_more", count=len(entries) - len(shown), state=state), "dim"))
    return lines


def _since(out: Out, title: str, ids: Sequence[str], lookup: Mapping[str, Record] | None) -> list[str]:
    cols = [Col(column("id")), Col(column("department"), wrap=True, max_width=14),
            Col(column("title"), wrap=True, flex=True)]
    rows: list[list[Cell]] = []
    for item_id in ids:
        r = lookup.get(item_id) if lookup else None
        rows.append([(item_id, "bold"), r.department if r else "", r.title if r else ""])
    return grid(out, cols, rows, title=title)


def _categories(out: Out, data: Mapping[str, Any]) -> list[str]:
    cols = [Col(column("category"), wrap=True, flex=True),
            *[Col(column(k), right=True) for k in ("total", "done", "overdue")]]
    return grid(out, cols, [[category_name(c["category"]), str(c["total"]), str(c["done"]), _count(c["overdue"], "red")]
                            for c in data["categories"]], title=t("rpt_sec_categories"))


def report_lines(out: Out, data: Mapping[str, Any], due_soon_days: int,
                 lookup: Mapping[str, Record] | None = None) -> list[str]:
    """The whole report, line by line."""
    lines = [out.style(t("rpt_title"), "bold") + "  " + out.style(as_of_line(data), "dim"),
             *wrap(headline(data), out.width), "", *ranking(out, data), ""]
    overdue_title = t("rpt_sec_overdue", count=len(data["overdue"]))
    soon_title = t("rpt_sec_due_soon", days=due_soon_days, count=len(data["due_soon"]))
    for title, entries, key, colour in ((overdue_title, data["overdue"], "days_overdue", "red"),
                                        (soon_title, data["due_soon"], "days_left", "yellow")):
        if entries:
            lines += [*_entries(out, title, entries, key, colour), ""]
        else:
            lines += [out.style(title, "bold") + "  " + t("rpt_none"), ""]
    if data["categories"]:
        lines += [*_categories(out, data), ""]
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            title = t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key]))
            lines += [*(_since(out, title, data[key], lookup) if data[key]
                        else [out.style(title, "bold") + "  " + t("rpt_none")]), ""]
    return lines[:-1]


def report(data: Mapping[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           file: IO[str] | None = None) -> None:
    """Print the report."""
    out = Out(file)
    out.file.write("\n".join(report_lines(out, data, due_soon_days, lookup)) + "\n")


def items(views: Sequence[ItemView], file: IO[str] | None = None) -> None:
    """Print the item list: state in its light colour, days overdue or left."""
    out = Out(file)
    if not views:
        out.file.write(t("rpt_no_items") + "\n")
        return
    cols = [Col(column("id")), Col(column("state"), wrap=True, max_width=12),
            Col(column("department"), wrap=True, max_width=12), Col(column("title"), wrap=True, flex=True),
            Col(column("owner"), wrap=True, max_width=10), Col(column("deadline")),
            Col(column("days"), right=True)]
    rows: list[list[Cell]] = []
    for v in views:
        colour = COLOURS[v.state]
        r = v.record
        rows.append([(r.id, "bold"), (state_label(v), colour), r.department, r.title, r.owner,
                     text(r.deadline) or "—", (str(v.days), colour) if v.state not in ("done", "ongoing") else ""])
    out.file.write("\n".join(grid(out, cols, rows)) + "\n")


def item(view: ItemView, file: IO[str] | None = None) -> None:
    """Print one item in full, label and value, its state in colour."""
    out = Out(file)
    cols = [Col(""), Col("", wrap=True, flex=True)]
    state_label_text = column("state")
    rows: list[list[Cell]] = [[(label, "bold"), (value, COLOURS[view.state] if label == state_label_text else "")]
                              for label, value in item_fields(view)]
    lines = grid(out, cols, rows)[2:]  # no header, no rule: a label/value sheet
    out.file.write("\n".join(lines) + "\n")
