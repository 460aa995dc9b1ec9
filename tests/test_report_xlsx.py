"""`report --format xlsx`: the 台账 as the office prints, filters and edits it (read back with openpyxl;
printed by LibreOffice where it is installed)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from deliverable_fixtures import AS_OF, OVERDUE, make_office, pdf_pages, soffice, to_pdf


@pytest.fixture
def book(cli, ledger: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    make_office(ledger)
    out = tmp_path / "台账.xlsx"
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "xlsx", "--output", str(out))
    assert r.code == 0, r
    return load_workbook(out), out


def test_every_sheet_has_title_issuer_header_filter_and_print_setup(book) -> None:  # type: ignore[no-untyped-def]
    wb, _ = book
    for ws in wb:
        assert ws["A1"].value == f"服务发展创优环境突出问题整改情况通报（{ws.title}）", ws.title
        assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
        assert ws["A2"].value == "填报单位：市委督查室　　　　数据截至：2026年12月1日"
        header = list(ws[3])
        assert all(c.font.bold and c.fill.fgColor.rgb.endswith("D9D9D9") and c.border.left.style == "thin"
                   for c in header)
        assert ws.auto_filter.ref.startswith("A3:") and ws.freeze_panes == "A4"
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$3:$3"
        assert "&P" in ws.oddFooter.center.text
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {"宋体"}, (ws.title, fonts)


def test_totals_outside_the_filtered_data_and_rates_as_percentages(book) -> None:  # type: ignore[no-untyped-def]
    wb, _ = book
    ws = wb["责任单位排名"]
    assert ws.auto_filter.ref == "A3:AA7"  # four departments; the totals below a blank row
    assert ws.cell(8, 2).value is None and ws.cell(9, 2).value == "合计" and ws.cell(9, 2).font.bold
    assert ws.cell(4, 2).value == "市审计局" and ws.cell(4, 11).value == 1.0 and ws.cell(4, 11).number_format == "0.0%"
    assert ws.cell(6, 2).value == "市财政局" and ws.cell(6, 12).value == "—"  # nothing done: no on-time rate
    assert ws.cell(4, 13).value == datetime(2026, 10, 1) and ws.cell(4, 13).is_date  # a real date cell


def test_one_state_word_per_state_coloured_by_conditional_formatting(book) -> None:  # type: ignore[no-untyped-def]
    wb, _ = book
    ws = wb["台账"]
    states = {ws.cell(r, 2).value: (ws.cell(r, 10).value, ws.cell(r, 11).value) for r in range(4, ws.max_row + 1)}
    assert states["SJJ-001"] == ("已完成", "已销号") and states["ZRZY-002"] == ("已完成", None)
    assert states["ZRZY-001"][0] == "即将到期" and states["CZJ-001"][0] == "逾期"
    assert {s for s, _ in states.values()} == {"已完成", "逾期", "即将到期"}
    rules = {r.formula[0]: r.dxf.fill.fgColor.rgb[2:] for cf in ws.conditional_formatting for r in cf.rules}
    assert rules == {'$J4="逾期"': "FFC7CE", '$J4="即将到期"': "FFEB9C", '$J4="正常推进"': "C6EFCE",
                     '$J4="持续整改"': "DDEBF7"}
    assert all(ws.cell(r, 3).fill.fill_type is None for r in range(4, ws.max_row + 1))  # no fixed fills
    deadline = ws.cell(4, 9)
    assert deadline.is_date and deadline.number_format == "yyyy-mm-dd"


def test_widths_from_the_displayed_text(book) -> None:  # type: ignore[no-untyped-def]
    wb, _ = book
    ws = wb["责任单位排名"]
    # 完成率 shows 100.0% (6 columns), not the float 0.333…; the date column shows 2026-10-01
    assert ws.column_dimensions["K"].width == max(len("100.0%"), len("完成率") * 2) + 2
    assert ws.column_dimensions["M"].width == 10 + 2
    overdue = wb["逾期问题"]
    assert overdue.max_row == 3 + OVERDUE  # xlsx is never cut


@pytest.mark.skipif(soffice() is None, reason="LibreOffice or poppler-utils is not installed; .ci/run installs them")
def test_libreoffice_prints_it_on_few_pages(book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, out = book
    pages = pdf_pages(to_pdf(out, tmp_path))
    assert pages <= 10, pages
