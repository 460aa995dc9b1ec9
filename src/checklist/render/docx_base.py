"""The Word layer every document shares (notices; the 通报 later): an A4 page with
GB/T 9704's margins, 仿宋 body and 小标宋 title set for East Asian text (the font
Word and WPS use for Chinese), a page number at the foot, bordered tables whose
header row repeats on each page.

python-docx sets a font's Latin name only; the East Asian name is the `w:eastAsia`
attribute of the style's run properties, set here through the style's XML element.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# Windows has 仿宋 and 宋体 (WPS too); 方正小标宋简体 is the official title font, installed in
# offices; where it is missing Word and WPS substitute a Song face.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 10.5  # 五号
BODY_STYLE = "Body Text GB"


def _fonts(style: Any, east_asian: str, size: float, bold: bool = False) -> None:
    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def document() -> Any:
    """An empty A4 document: margins 37/35/28/26 mm, body 仿宋 三号 with 28-point lines,
    and the page number centred at the foot (— 1 —)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    # Normal is the table text (宋体 五号, single-spaced): table cells take it without a per-cell
    # style, which python-docx sets slowly (a scan of every style per cell). The body is its own style.
    normal = doc.styles["Normal"]
    _fonts(normal, TABLE_FONT, TABLE_PT)
    normal.paragraph_format.space_after = Pt(0)
    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    _fonts(body, BODY_FONT, BODY_PT)
    body.paragraph_format.line_spacing = Pt(28)
    foot = section.footer.paragraphs[0]
    foot.style = body
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("— ")
    # A PAGE field: three runs (begin, instruction, end), built on each run's element.
    for kind in ("begin", "instr", "end"):
        run = foot.add_run()
        if kind == "instr":
            part = OxmlElement("w:instrText")
            part.set(qn("xml:space"), "preserve")
            part.text = " PAGE "
        else:
            part = OxmlElement("w:fldChar")
            part.set(qn("w:fldCharType"), kind)
        run.element.append(part)
    foot.add_run(" —")
    return doc


def title(doc: Any, words: str) -> None:
    p = doc.add_paragraph(style=BODY_STYLE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(12)
    p.paragraph_format.line_spacing = Pt(36)
    run = p.add_run(words)
    run.font.size = Pt(TITLE_PT)
    run.font.name = LATIN_FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TITLE_FONT)


def centred(doc: Any, words: str) -> None:
    p = doc.add_paragraph(words, style=BODY_STYLE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)


def paragraph(doc: Any, words: str, *, indent: bool = True) -> None:
    """A body paragraph, its first line indented two characters (as official documents are)."""
    p = doc.add_paragraph(words, style=BODY_STYLE)
    if indent:
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)


def table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] = ()) -> Any:
    """A bordered table in 宋体 五号 (Normal), bold header row repeated on each page, rows never split."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths:  # Word reads the cells' widths, LibreOffice the grid's; rows added later copy the grid's
        grid.autofit = False
        for column, w in zip(grid.columns, widths, strict=True):
            column.width = Cm(w)
        for cell, w in zip(grid.rows[0].cells, widths, strict=True):
            cell.width = Cm(w)
    runs = [_cell(cell, words, bold=True) for cell, words in zip(grid.rows[0].cells, headers, strict=True)]
    _row_property(runs[0], "w:tblHeader")  # the header row repeats on each page
    for values in rows:
        cells = grid.add_row().cells
        runs = [_cell(cell, words) for cell, words in zip(cells, values, strict=True)]
        _row_property(runs[0], "w:cantSplit")  # a row is never cut across two pages
    return grid


def _row_property(run: Any, name: str) -> None:
    """Switch a property on for the table row a run sits in (run -> w:p -> w:tc -> w:tr)."""
    row = run.element.getparent().getparent().getparent()
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row.get_or_add_trPr().append(flag)


def _cell(cell: Any, words: str, *, bold: bool = False) -> Any:
    run = cell.paragraphs[0].add_run(words)
    if bold:
        run.bold = True
    return run


def signature(doc: Any, lines: Sequence[str]) -> None:
    """The issuer and the date, right-aligned, after a blank line."""
    doc.add_paragraph(style=BODY_STYLE)
    for words in lines:
        p = doc.add_paragraph(words, style=BODY_STYLE)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * 4)
