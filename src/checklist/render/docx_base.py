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
HEADING_FONT = "黑体"  # 一、 headings (GB/T 9704: 黑体)
SUBHEADING_FONT = "楷体"  # （一） headings (楷体)
# Each font's fallback, written as w:altName in the font table: Word and WPS use it when the
# named font is missing, so a machine without 方正小标宋简体 still shows the title in a Song face.
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋_GB2312", TABLE_FONT: "SimSun",
             HEADING_FONT: "SimHei", SUBHEADING_FONT: "楷体_GB2312"}
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
    # format, which python-docx applies slowly (about 2 ms a cell). The body is its own style.
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
    _font_table(doc)
    return doc


def _font_table(doc: Any) -> None:
    """Declare the Chinese fonts with their fallbacks (w:altName, GB2312 charset) in the font table.

    python-docx has no API for the font table: its part is plain bytes, rewritten here when it is
    the part this code expects; otherwise the document keeps its table and Word's own substitution.
    """
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None or not isinstance(getattr(part, "_blob", None), bytes):
        return
    root = etree.fromstring(part.blob)
    if root.tag != qn("w:fonts"):
        return
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def heading(doc: Any, words: str, *, level: int = 1) -> None:
    """A numbered heading of the body (一、 in 黑体, （一） in 楷体), kept with what follows."""
    p = doc.add_paragraph(style=BODY_STYLE)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    run = p.add_run(words)
    run.font.name = LATIN_FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(
        qn("w:eastAsia"), HEADING_FONT if level == 1 else SUBHEADING_FONT)


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


def masthead(doc: Any, words: str, colour: Any) -> None:
    """The issuing office's mark above the title (版头): centred, in the title face, in red."""
    p = doc.add_paragraph(style=BODY_STYLE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = Pt(40)
    run = p.add_run(words)
    run.font.size = Pt(TITLE_PT + 4)
    run.font.color.rgb = colour
    run.font.name = LATIN_FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TITLE_FONT)


def centred(doc: Any, words: str) -> Any:
    p = doc.add_paragraph(words, style=BODY_STYLE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    return p


def paragraph(doc: Any, words: str, *, indent: bool = True) -> Any:
    """A body paragraph, its first line indented two characters (as official documents are)."""
    p = doc.add_paragraph(words, style=BODY_STYLE)
    if indent:
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    return p


def _on(tag: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] = (),
          margins: float | None = None) -> Any:
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
    header = _row_of(runs[0])
    header.get_or_add_trPr().append(_on("w:tblHeader"))  # the header row repeats on each page
    for values in rows:
        cells = grid.add_row().cells
        added = [_cell(cell, words) for cell, words in zip(cells, values, strict=True)]
        _row_of(added[0]).get_or_add_trPr().append(_on("w:cantSplit"))  # a row is never split across pages
    if margins is not None:  # narrow cell margins (cm, left and right) so more text fits a column
        mar = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:w"), str(round(margins * 567)))  # twentieths of a point in a cm
            edge.set(qn("w:type"), "dxa")
            mar.append(edge)
        header.getparent().tblPr.append(mar)
    return grid


def _row_of(run: Any) -> Any:
    """The table row (w:tr) a cell's run sits in: run -> w:p -> w:tc -> w:tr."""
    return run.element.getparent().getparent().getparent()


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
