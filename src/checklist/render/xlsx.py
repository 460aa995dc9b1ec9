"""Excel output (openpyxl): summary, department ranking, overdue, due soon
and the whole 台账 in the column order clerks keep; bold frozen headers,
widths fitted to CJK text, overdue rows red and due-soon rows yellow.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    COUNT_COLUMNS,
    LEDGER_COLUMNS,
    category_name,
    headline,
    ledger_row,
    text,
)

RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
YELLOW = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
FILLS = {"overdue": RED, "due_soon": YELLOW}
MAX_WIDTH = 60
PERCENT = "0.0%"


def display_width(value: Any) -> int:
    """Columns a value needs in Excel: wide (CJK) characters count two; the longest line counts."""
    from checklist.render.grid import cell_len

    return max(cell_len(line) for line in text(value).split("\n"))


def _sheet(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           fills: Sequence[PatternFill | None] = ()) -> None:
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    ws.freeze_panes = "A2"
    widths = [display_width(h) for h in headers]
    for i, row in enumerate(rows):
        ws.append(list(row))
        fill = fills[i] if i < len(fills) else None
        for j, cell in enumerate(ws[ws.max_row]):
            widths[j] = max(widths[j], display_width(row[j]))
            if isinstance(row[j], str) and ("\n" in row[j] or display_width(row[j]) > MAX_WIDTH):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if fill is not None:
                cell.fill = fill
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, w + 2)


def _percent(ws: Worksheet, columns: Sequence[int]) -> None:
    for row in ws.iter_rows(min_row=2):
        for j in columns:
            row[j].number_format = PERCENT


def report(data: dict[str, Any], due_soon_days: int, views: Sequence[ItemView],
           lookup: Mapping[str, Record] | None = None) -> bytes:
    """`report --format xlsx`: the workbook's bytes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("rpt_sheet_summary")
    tot = data["totals"]
    summary: list[list[Any]] = [[t("rpt_fig_as_of"), text(data["as_of"])]]
    if data["since"] is not None:
        summary.append([t("rpt_fig_since"), text(data["since"])])
    summary += [[column(k), tot[k]] for k in ("total", "open", "closed", "verified", "done",
                                                        "overdue", "due_soon", "on_track", "late")]
    summary += [[column("completion_rate"), tot["completion_rate"]], [column("on_time_rate"), tot["on_time_rate"]]]
    summary.append([t("rpt_sec_summary"), headline(data)])
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            summary.append([t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key])), "、".join(data[key])])
    _sheet(ws, [column("figure"), column("value")], summary)
    for row in ws.iter_rows(min_row=2):
        if row[0].value in (column("completion_rate"), column("on_time_rate")):
            row[1].number_format = PERCENT

    ws = wb.create_sheet(t("rpt_sheet_departments"))
    keys = (*COUNT_COLUMNS, "completion_rate", "on_time_rate")
    rows = [[n, d["department"], d["code"], *[d[k] for k in keys]] for n, d in enumerate(data["departments"], 1)]
    rows.append(["", t("rpt_total_row"), "", *[tot[k] for k in keys]])
    _sheet(ws, [column("rank"), column("department"), column("code"), *[column(k) for k in keys]], rows)
    _percent(ws, [3 + len(COUNT_COLUMNS), 4 + len(COUNT_COLUMNS)])
    for row in ws.iter_rows(min_row=ws.max_row):
        for cell in row:
            cell.font = Font(bold=True)

    for key, days_key in (("overdue", "days_overdue"), ("due_soon", "days_left")):
        ws = wb.create_sheet(t(f"rpt_sheet_{key}"))
        entries = data[key]
        _sheet(ws, [column(k) for k in ("id", "department", "title", "owner", "deadline", days_key)],
               [[e["id"], e["department"], e["title"], e["owner"], text(e["deadline"]), e[days_key]] for e in entries],
               [FILLS[key]] * len(entries))

    ws = wb.create_sheet(t("rpt_sheet_items"))
    _sheet(ws, [column(k) for k in LEDGER_COLUMNS],
           [ledger_row(n, v) for n, v in enumerate(views, 1)],
           [FILLS.get(v.state) for v in views])
    for row in ws.iter_rows(min_row=2):
        row[0].value = int(row[0].value)

    if data["categories"]:
        ws = wb.create_sheet(t("rpt_sec_categories"))
        _sheet(ws, [column(k) for k in ("category", "total", "done", "overdue")],
               [[category_name(c["category"]), c["total"], c["done"], c["overdue"]] for c in data["categories"]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
