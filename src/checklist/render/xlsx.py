"""Excel output (openpyxl): the 台账 the office prints, filters and edits. Every sheet has a merged
title row and an issuer/date row above a filled, bordered header with an autofilter; panes frozen
below the header; landscape A4 fitted to width with the header repeated and page numbers; real
date cells, rates as percentages, every font named (宋体); totals after a blank row, outside the
filtered data; colours by conditional formatting on the state or light word, so an edit in Excel
recolours; one state word per state; widths from the text as displayed; text that would start a
formula kept as text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
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
    flag_labels,
    formula_like,
    group_by_department,
    headline,
    last_update_text,
    ledger_row,
    level_label,
    light_label,
    measure_counts,
    money,
    pct,
    summary_lines,
    text,
)
from checklist.render.notice import long_date

FONT = "宋体"  # on every Windows and in WPS; LibreOffice substitutes a Song face
RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE", bgColor="FFC7CE")
YELLOW = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C", bgColor="FFEB9C")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE", bgColor="C6EFCE")
BLUE = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7", bgColor="DDEBF7")
HEADER_FILL = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
STATE_FILLS = {"overdue": RED, "due_soon": YELLOW, "on_track": GREEN, "ongoing": BLUE}
LIGHT_FILLS = {"red": RED, "yellow": YELLOW, "green": GREEN}
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = 3  # the header's row: below the title and the issuer/date rows
MAX_WIDTH = 30  # wider text wraps: a landscape page keeps a readable scale
PERCENT = "0.0%"
MONEY = "0.00"
DATE = "yyyy-mm-dd"


def display_width(value: Any, fmt: str | None = None) -> int:
    """Columns a value needs as Excel shows it (a date as 10, a rate as 46.4%): wide (CJK)
    characters count two; the longest line counts."""
    from checklist.render.grid import cell_len

    if isinstance(value, date):
        shown = value.isoformat()
    elif isinstance(value, float) and fmt == PERCENT:
        shown = pct(value)
    elif isinstance(value, float):
        shown = money(value)
    else:
        shown = text(value)
    return max(cell_len(line) for line in shown.split("\n"))


def _heights(ws: Worksheet, cells: Sequence[Any], widths: Sequence[int]) -> None:
    """Rows tall enough for their wrapped text (spreadsheets do not all grow a row on opening)."""
    from checklist.render.grid import cell_len

    lines: dict[int, int] = {}
    for cell in cells:
        room = max(1, widths[cell.column - 1])
        need = sum(max(1, -(-cell_len(line) // room)) for line in str(cell.value).split("\n"))
        lines[cell.row] = max(lines.get(cell.row, 1), need)
    for row, n in lines.items():
        ws.row_dimensions[row].height = 14 * n


class Head:
    """The two rows above every sheet's header: the title, then the issuer and the date."""

    def __init__(self, title: str, issuer: str | None, as_of: date) -> None:
        self.title = title
        self.line = t("rpt_xlsx_head", issuer=issuer, date=long_date(as_of)) if issuer else \
            t("rpt_xlsx_head_plain", date=long_date(as_of))


def _font(bold: bool = False, size: float = 10) -> Font:
    return Font(name=FONT, size=size, bold=bold)


def _sheet(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """The header in row 1, the rows below, fonts, borders and widths; the caller lays out the page."""
    return office_sheet(ws, None, headers, rows)


def office_sheet(ws: Worksheet, head: Head | None, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
                 formats: Mapping[int, str] | None = None, totals: Sequence[Any] | None = None) -> int:
    """Write a sheet as the office prints it; returns the last data row (before any totals)."""
    formats = formats or {}
    width = len(headers)
    last_col = get_column_letter(width)
    body, plain, wrap = _font(), Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    if head is not None:
        ws.append([f"{head.title}（{ws.title}）"])
        ws.append([head.line])
        ws.merge_cells(f"A1:{last_col}1")
        ws.merge_cells(f"A2:{last_col}2")
        ws["A1"].font = _font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 24
        ws["A2"].font = body
    top = HEAD if head is not None else 1
    ws.append(list(headers))
    for cell in ws[top]:
        cell.font, cell.fill, cell.border = _font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [min(display_width(h), 12) for h in headers]
    wrapped: list[Any] = []
    for values in [*rows, *([[], totals] if totals is not None else [])]:
        ws.append(list(values))
        if not values:
            continue
        for j, cell in enumerate(ws[ws.max_row]):
            value = values[j]
            cell.font, cell.border = (body if values is not totals else _font(bold=True)), BORDER
            shown = display_width(value, formats.get(j))
            widths[j] = max(widths[j], min(shown, MAX_WIDTH))
            if isinstance(value, str) and ("\n" in value or shown > MAX_WIDTH):
                cell.alignment = wrap
                wrapped.append(cell)
            else:
                cell.alignment = plain
            if isinstance(value, date):
                cell.number_format = DATE
            elif j in formats and isinstance(value, (int, float)):
                cell.number_format = formats[j]
            if formula_like(value):
                cell.data_type = "s"  # text, never a formula, even after an edit in Excel
                cell.quotePrefix = True
    last = top + len(rows)
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w + 2
    _heights(ws, wrapped, widths)
    if head is None:
        return last
    ws.auto_filter.ref = f"A{HEAD}:{last_col}{max(last, HEAD)}"
    ws.freeze_panes = f"A{HEAD + 1}"
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD}:{HEAD}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = t("rpt_xlsx_page")
    return last


def _colour_by(ws: Worksheet, col: int, last: int, fills: Mapping[str, PatternFill], words: Mapping[str, str],
               width: int) -> None:
    """Colour each data row by the word in one column (conditional formatting: an edit recolours)."""
    if last <= HEAD:
        return
    letter = get_column_letter(col)
    cells = f"A{HEAD + 1}:{get_column_letter(width)}{last}"
    for key, fill in fills.items():
        word = words[key].replace('"', '""')
        ws.conditional_formatting.add(cells, FormulaRule(formula=[f'${letter}{HEAD + 1}="{word}"'], fill=fill))


def _mark(ws: Worksheet, formula: str, last: int, width: int, fill: PatternFill) -> None:
    """Colour the data rows where a formula holds (days overdue above 0, days left 0 or more)."""
    if last > HEAD:
        ws.conditional_formatting.add(f"A{HEAD + 1}:{get_column_letter(width)}{last}",
                                      FormulaRule(formula=[formula], fill=fill))


def _figures(d: Mapping[str, Any]) -> list[Any]:
    """v1's counts and rates of a department or the totals; an undefined rate as —."""
    return [*[d[k] for k in COUNT_COLUMNS], d["completion_rate"],
            d["on_time_rate"] if d["on_time_rate"] is not None else pct(None)]


def _summary(data: Mapping[str, Any], unit: str) -> tuple[list[list[Any]], dict[str, str]]:
    tot = data["totals"]
    rows: list[list[Any]] = [[t("rpt_fig_as_of"), data["as_of"]]]
    if data["since"] is not None:
        rows.append([t("rpt_fig_since"), data["since"]])
    rows += [[column(k), tot[k]] for k in ("total", "open", "closed", "verified", "done",
                                           "overdue", "due_soon", "on_track", "late")]
    rows += [[column("completion_rate"), tot["completion_rate"]],
             [column("on_time_rate"), tot["on_time_rate"] if tot["on_time_rate"] is not None else pct(None)]]
    rows += [[figure_label(k, unit), tot[k]] for k in V2_COLUMNS]
    rows.append([t("rpt_sec_summary"), "\n".join([headline(data), *summary_lines(data, unit)])])
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            rows.append([t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key])), "、".join(data[key])])
    formats = {column("completion_rate"): PERCENT, column("on_time_rate"): PERCENT,
               **{figure_label(k, unit): MONEY for k in MONEY_COLUMNS}}
    return rows, formats


def _state_words(v: ItemView) -> tuple[str, str]:
    """One word per state (逾期, 即将到期, 正常推进, 持续整改, 已完成); verified and late go with the flags."""
    flags = flag_labels(v)
    if v.state == "done":
        flags = [*([t("rpt_state_verified")] if v.record.status == "verified" else []),
                 *([t("rpt_state_late")] if v.late else []), *flags]
    return t(f"rpt_state_{v.state}"), t("rpt_list_sep").join(flags)


def report(data: dict[str, Any], due_soon_days: int, views: Sequence[ItemView],
           lookup: Mapping[str, Record] | None = None, unit: str = MONEY_UNIT, *,
           title: str | None = None, issuer: str | None = None) -> bytes:
    """`report --format xlsx`: the workbook's bytes."""
    head = Head(title or t("rpt_title"), issuer, data["as_of"])
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("rpt_sheet_summary")
    rows, formats = _summary(data, unit)
    office_sheet(ws, head, [column("figure"), column("value")], rows)
    for row in ws.iter_rows(min_row=HEAD + 1):
        fmt = formats.get(row[0].value)
        if fmt is not None and isinstance(row[1].value, (int, float)):
            row[1].number_format = fmt

    ws = wb.create_sheet(t("rpt_sheet_departments"))
    keys = (*COUNT_COLUMNS, "completion_rate", "on_time_rate")
    depts = data["departments"]
    rates = 4 + len(COUNT_COLUMNS)
    money_at = rates + 3 + len(V2_COLUMNS) - 2
    headers = [column("rank"), column("department"), column("code"), column("light"), *[column(k) for k in keys],
               column("last_update"), *[figure_label(k, unit) for k in V2_COLUMNS]]
    last = office_sheet(ws, head, headers,
                  [[n, d["department"], d["code"], light_label(d["light"]), *_figures(d),
                    d["last_update"] if d["last_update"] is not None else last_update_text(d),
                    *[d[k] for k in V2_COLUMNS]] for n, d in enumerate(depts, 1)],
                  formats={rates: PERCENT, rates + 1: PERCENT, money_at: MONEY, money_at + 1: MONEY},
                  totals=["", t("rpt_total_row"), "", "", *_figures(data["totals"]), "",
                          *[data["totals"][k] for k in V2_COLUMNS]])
    _colour_by(ws, 4, last, LIGHT_FILLS, {k: light_label(k) for k in LIGHT_FILLS}, 4)

    ws = wb.create_sheet(t("rpt_sheet_overdue"))
    overdue = [e for _, group in group_by_department(data["overdue"]) for e in group]
    last = office_sheet(ws, head, [column(k) for k in ("id", "department", "title", "owner", "leader", "deadline", "days_overdue",
                                          "extension_count", "escalation", "latest_progress")],
           [[e["id"], e["department"], e["title"], e["owner"], text(e["leader"]), e["deadline"], e["days_overdue"],
             e["extensions"], level_label(e["escalation"]), text(e["latest_progress"])] for e in overdue])
    _mark(ws, f"$G{HEAD + 1}>0", last, 10, RED)
    ws = wb.create_sheet(t("rpt_sheet_due_soon"))
    soon = data["due_soon"]
    last = office_sheet(ws, head, [column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")],
                  [[e["id"], e["department"], e["title"], e["owner"], e["deadline"], e["days_left"]] for e in soon])
    _mark(ws, f"$F{HEAD + 1}>=0", last, 6, YELLOW)

    ws = wb.create_sheet(t("rpt_sheet_items"))
    state_at, flags_at = LEDGER_COLUMNS.index("state"), LEDGER_COLUMNS.index("flags")
    items = []
    for n, v in enumerate(views, 1):
        row = ledger_row(n, v)
        row[state_at], row[flags_at] = _state_words(v)
        items.append(row)
    last = office_sheet(ws, head, [column(k) for k in LEDGER_COLUMNS], items,
                  formats={LEDGER_COLUMNS.index("percent"): '0"%"'})
    _colour_by(ws, state_at + 1, last, STATE_FILLS, {k: t(f"rpt_state_{k}") for k in STATE_FILLS},
               len(LEDGER_COLUMNS))

    if data["categories"]:
        ws = wb.create_sheet(t("rpt_sec_categories"))
        office_sheet(ws, head, [column(k) for k in ("category", "total", "done", "overdue")],
               [[category_name(c["category"]), c["total"], c["done"], c["overdue"]] for c in data["categories"]])
    used = measure_counts(data)
    if used:
        ws = wb.create_sheet(t("rpt_sheet_accountability"))
        office_sheet(ws, head, [column("measure"), column("persons")], [list(u) for u in used])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
