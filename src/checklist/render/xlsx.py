"""Excel output (openpyxl): summary, department ranking (each light in words,
coloured by conditional formatting), overdue items grouped by department,
due soon, the whole 台账 in the column order clerks keep, categories and
accountability; bold frozen headers, real date cells, widths fitted to CJK
text, overdue rows red and due-soon rows yellow, text that would start a
formula kept as text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
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
    MONEY_COLUMNS,
    MONEY_UNIT,
    V2_COLUMNS,
    category_name,
    figure_label,
    formula_like,
    group_by_department,
    headline,
    last_update_text,
    ledger_row,
    level_label,
    light_label,
    measure_counts,
    pct,
    summary_lines,
    text,
)

RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
YELLOW = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
FILLS = {"overdue": RED, "due_soon": YELLOW}
MAX_WIDTH = 60
PERCENT = "0.0%"
MONEY = "0.00"
DATE = "yyyy-mm-dd"


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
            elif isinstance(row[j], date):
                cell.number_format = DATE
            if formula_like(row[j]):
                cell.data_type = "s"  # text, never a formula, even after an edit in Excel
                cell.quotePrefix = True
            if fill is not None:
                cell.fill = fill
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = min(MAX_WIDTH, w + 2)


def _number_format(ws: Worksheet, columns: Sequence[int], fmt: str) -> None:
    """Give the data cells of these (0-based) columns a number format."""
    for row in ws.iter_rows(min_row=2):
        for j in columns:
            row[j].number_format = fmt


def _percent(ws: Worksheet, columns: Sequence[int]) -> None:
    _number_format(ws, columns, PERCENT)


def _light_colours(ws: Worksheet, col: int, rows: int) -> None:
    """Colour the light column by conditional formatting on its word, so a light edited in Excel recolours."""
    from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter

    if not rows:
        return
    cells = f"{get_column_letter(col)}2:{get_column_letter(col)}{rows + 1}"
    for light, fill in (("red", RED), ("yellow", YELLOW), ("green", GREEN)):
        word = light_label(light).replace('"', '""')
        ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{word}"'], fill=fill))


def _figures(d: Mapping[str, Any]) -> list[Any]:
    """v1's counts and rates of a department or the totals; an undefined rate as —."""
    return [*[d[k] for k in COUNT_COLUMNS], d["completion_rate"],
            d["on_time_rate"] if d["on_time_rate"] is not None else pct(None)]


def _summary(data: Mapping[str, Any], unit: str) -> list[list[Any]]:
    tot = data["totals"]
    rows: list[list[Any]] = [[t("rpt_fig_as_of"), text(data["as_of"])]]
    if data["since"] is not None:
        rows.append([t("rpt_fig_since"), text(data["since"])])
    rows += [[column(k), tot[k]] for k in ("total", "open", "closed", "verified", "done",
                                           "overdue", "due_soon", "on_track", "late")]
    rows += [[column("completion_rate"), tot["completion_rate"]],
             [column("on_time_rate"), tot["on_time_rate"] if tot["on_time_rate"] is not None else pct(None)]]
    rows += [[figure_label(k, unit), tot[k]] for k in V2_COLUMNS]
    rows.append([t("rpt_sec_summary"), "\n".join([headline(data), *summary_lines(data, unit)])])
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            rows.append([t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key])), "、".join(data[key])])
    return rows


def report(data: dict[str, Any], due_soon_days: int, views: Sequence[ItemView],
           lookup: Mapping[str, Record] | None = None, unit: str = MONEY_UNIT) -> bytes:
    """`report --format xlsx`: the workbook's bytes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("rpt_sheet_summary")
    _sheet(ws, [column("figure"), column("value")], _summary(data, unit))
    money_labels = {figure_label(k, unit) for k in MONEY_COLUMNS}
    for row in ws.iter_rows(min_row=2):
        if row[0].value in (column("completion_rate"), column("on_time_rate")):
            row[1].number_format = PERCENT
        elif row[0].value in money_labels:
            row[1].number_format = MONEY

    ws = wb.create_sheet(t("rpt_sheet_departments"))
    keys = (*COUNT_COLUMNS, "completion_rate", "on_time_rate")
    tot = data["totals"]
    depts = data["departments"]
    rows = [[n, d["department"], d["code"], light_label(d["light"]), *_figures(d),
             d["last_update"] if d["last_update"] is not None else last_update_text(d),
             *[d[k] for k in V2_COLUMNS]] for n, d in enumerate(depts, 1)]
    rows.append(["", t("rpt_total_row"), "", "", *_figures(tot), "", *[tot[k] for k in V2_COLUMNS]])
    _sheet(ws, [column("rank"), column("department"), column("code"), column("light"), *[column(k) for k in keys],
                column("last_update"), *[figure_label(k, unit) for k in V2_COLUMNS]], rows)
    rates = 4 + len(COUNT_COLUMNS)
    _percent(ws, [rates, rates + 1])
    _number_format(ws, [rates + 3 + len(V2_COLUMNS) - 2, rates + 3 + len(V2_COLUMNS) - 1], MONEY)
    _light_colours(ws, 4, len(depts))
    for row in ws.iter_rows(min_row=ws.max_row):
        for cell in row:
            cell.font = Font(bold=True)

    ws = wb.create_sheet(t("rpt_sheet_overdue"))
    overdue = [e for _, group in group_by_department(data["overdue"]) for e in group]
    _sheet(ws, [column(k) for k in ("id", "department", "title", "owner", "leader", "deadline", "days_overdue",
                                    "extension_count", "escalation", "latest_progress")],
           [[e["id"], e["department"], e["title"], e["owner"], text(e["leader"]), e["deadline"], e["days_overdue"],
             e["extensions"], level_label(e["escalation"]), text(e["latest_progress"])] for e in overdue],
           [RED] * len(overdue))
    ws = wb.create_sheet(t("rpt_sheet_due_soon"))
    soon = data["due_soon"]
    _sheet(ws, [column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")],
           [[e["id"], e["department"], e["title"], e["owner"], e["deadline"], e["days_left"]] for e in soon],
           [YELLOW] * len(soon))

    ws = wb.create_sheet(t("rpt_sheet_items"))
    _sheet(ws, [column(k) for k in LEDGER_COLUMNS],
           [ledger_row(n, v) for n, v in enumerate(views, 1)],
           [FILLS.get(v.state) for v in views])
    _number_format(ws, [LEDGER_COLUMNS.index("percent")], '0"%"')

    if data["categories"]:
        ws = wb.create_sheet(t("rpt_sec_categories"))
        _sheet(ws, [column(k) for k in ("category", "total", "done", "overdue")],
               [[category_name(c["category"]), c["total"], c["done"], c["overdue"]] for c in data["categories"]])
    used = measure_counts(data)
    if used:
        ws = wb.create_sheet(t("rpt_sheet_accountability"))
        _sheet(ws, [column("measure"), column("persons")], [list(u) for u in used])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
