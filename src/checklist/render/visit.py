"""The 回头看 sheet: the done items sampled for a follow-up visit, with blank
columns for what the visitors find. One sheet, in each format `sample` offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import IO, Any

from checklist.domain.states import ItemView
from checklist.i18n import t
from checklist.render import text

# (catalog key of the heading, what the cell holds); the last two are left for the visit.
COLUMNS = ("visit_n", "visit_id", "visit_department", "visit_title", "visit_owner", "visit_leader",
           "visit_closed_on", "visit_result", "visit_found", "visit_notes")


def headers() -> list[str]:
    return [t(key) for key in COLUMNS]


def rows(views: Sequence[ItemView]) -> list[list[Any]]:
    """One row per sampled item; dates as dates (xlsx makes them date cells)."""
    out: list[list[Any]] = []
    for n, v in enumerate(views, 1):
        r = v.record
        out.append([n, r.id, r.department, r.title, r.owner, text(r.data.get("leader")), r.closed_on,
                    text(r.data.get("result")), "", ""])
    return out


def _texts(row: Sequence[Any]) -> list[str]:
    return [v.isoformat() if isinstance(v, date) else text(v) for v in row]


def table(views: Sequence[ItemView], title: str, file: IO[str] | None = None) -> None:
    """The sample on the terminal: who and what to revisit (the results reported and the blank
    columns are in the files made for the visit)."""
    from checklist.render.grid import Col, Out, grid

    out = Out(file)
    if not views:
        out.file.write(t("sample_none") + "\n")
        return
    cols = [Col(headers()[0], right=True), Col(headers()[1]), Col(headers()[2], wrap=True, max_width=14),
            Col(headers()[3], wrap=True, flex=True), Col(headers()[4], wrap=True, max_width=10),
            Col(headers()[6])]
    body = [[s for k, s in enumerate(_texts(row)) if k in (0, 1, 2, 3, 4, 6)] for row in rows(views)]
    out.file.write("\n".join(grid(out, cols, body, title=title)) + "\n")


def csv(views: Sequence[ItemView]) -> str:
    from checklist.render.csv import rows_csv

    return rows_csv([headers(), *(_texts(row) for row in rows(views))])


def markdown(views: Sequence[ItemView], title: str) -> str:
    from checklist.render.markdown import table as md_table

    return f"# {title}\n\n" + md_table(headers(), [_texts(row) for row in rows(views)], right=(0,))


def xlsx(views: Sequence[ItemView], title: str) -> bytes:
    """A sheet the visitors print and fill in: title row, header, rows, blank result columns."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    from checklist.render.xlsx import _sheet

    wb = Workbook()
    ws = wb.active
    ws.title = t("sample_sheet")
    _sheet(ws, headers(), rows(views))
    ws.insert_rows(1)
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.freeze_panes = "A3"
    for letter in ("I", "J"):
        ws.column_dimensions[letter].width = 24
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
