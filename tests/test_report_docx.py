"""`report --format docx`: the 通报, read back with python-docx; rendered by LibreOffice where it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from deliverable_fixtures import AS_OF, OVERDUE, make_city, make_office, pdf_pages, soffice, to_pdf


@pytest.fixture
def office(ledger: Path) -> Path:
    return make_office(ledger)


def _docx(cli, out: Path, *args: str):  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "docx", "--output", str(out), *args)
    assert r.code == 0, r
    return Document(str(out))


def _body(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in doc.paragraphs if p.text]


def test_the_notice_head_summary_and_foot(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _docx(cli, tmp_path / "通报.docx", "--serial", "12", "--since", "2026-11-01")
    body = _body(doc)
    assert body[:4] == ["市委督查室", "第12期", "市委督查室　　　　2026年12月1日", "服务发展创优环境突出问题整改情况通报"]
    summary = body[4]
    assert summary.startswith("截至2026年12月1日，整改台账共有问题26个，已完成2个，完成率7.7%，按期完成率100.0%；")
    assert f"逾期{OVERDUE}个，即将到期1个" in summary
    assert "红灯单位1个（市财政局）" in summary and "黄灯单位1个（市自然资源和规划局）" in summary
    assert "绿灯单位1个" in summary and "未报送：市统计局" in summary
    assert "2026年11月1日以来，新增问题0个，完成2个。" in summary
    assert "一、各责任单位整改情况（按完成率排名）" in body
    assert "六、下一步工作要求" in body and "请各责任单位于每周五前报送整改进展。" in body
    assert body[-2:] == ["市委督查室", "2026年12月1日"]


def test_ranked_table_with_lights_and_undefined_on_time_rate(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _docx(cli, tmp_path / "a.docx")
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["排名", "责任单位", "亮灯", "问题数", "已完成", "逾期", "即将到期", "完成率", "按期完成率"]
    assert [r[1] for r in rows[1:]] == ["市审计局", "市自然资源和规划局", "市财政局", "市统计局（未报送）", "合计"]
    assert [r[2] for r in rows[1:4]] == ["\u25cf\u00a0绿灯", "\u25cf\u00a0黄灯", "\u25cf\u00a0红灯"]
    assert rows[3][8] == "—"  # 市财政局 finished nothing: no on-time rate, not 0.0%
    light = doc.tables[0].rows[3].cells[2].paragraphs[0].runs[0]
    assert str(light.font.color.rgb) == "C0392B"
    assert doc.tables[0].rows[0]._tr.trPr.xpath("./w:tblHeader")  # the header repeats on each page


def test_overdue_items_by_department_capped_unless_full(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _docx(cli, tmp_path / "a.docx")
    body = _body(doc)
    assert f"二、逾期问题（{OVERDUE} 个）" in body and f"（1）市财政局（{OVERDUE}个）" in body
    overdue = doc.tables[1]
    assert [c.text for c in overdue.rows[0].cells] == ["序号", "问题", "责任人", "责任领导", "整改时限", "逾期情况", "最新进展"]
    rows = [[c.text for c in row.cells] for row in overdue.rows[1:]]
    assert len(rows) == 20
    assert rows[0][1] == "CZJ-001\n逾期问题第1项" and rows[0][2:5] == ["王芳", "刘志刚", "2026-11-01"]
    assert rows[0][5] == "逾期30天\n约谈" and rows[0][6] == "第1项进展"
    assert f"另有{OVERDUE - 20}个问题未列出，详见整改台账（使用 report --full 可全部列出）。" in body
    full = _docx(cli, tmp_path / "full.docx", "--full")
    assert len(full.tables[1].rows) == OVERDUE + 1
    assert not any(p.startswith("另有") for p in _body(full))


def test_due_soon_categories_and_outcomes(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _docx(cli, tmp_path / "a.docx")
    soon = [[c.text for c in row.cells] for row in doc.tables[2].rows]
    assert soon[1] == ["1", "ZRZY-001", "市自然资源和规划局", "土地供应与招商引资项目衔接不紧", "林涛", "2026-12-03", "剩2天"]
    cats = [[c.text for c in row.cells] for row in doc.tables[3].rows]
    assert cats[0] == ["类别", "问题数", "已完成", "逾期"] and cats[1][0] == "作风"
    assert "建章立制0项，问责0人次；回头看0个问题，其中反弹0个。" in _body(doc)


def test_page_fonts_and_fallbacks(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = _docx(cli, tmp_path / "a.docx")
    section = doc.sections[0]
    for got, cm in ((section.page_width, 21.0), (section.page_height, 29.7), (section.top_margin, 3.7),
                    (section.left_margin, 2.8)):
        assert abs(got - Cm(cm)) < Cm(0.01)
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    # The body is 仿宋 (its own style); Normal, which table cells take, is 宋体.
    body = [p for p in doc.paragraphs if p.text.startswith("截至")][0]
    assert body.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    fonts = [p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"][0].blob.decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts
    assert '<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312"/>' in fonts


def test_without_report_config_and_in_english(cli, ledger: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_office(ledger)
    config = ledger / "checklist.toml"
    config.write_text(config.read_text(encoding="utf-8").split("[report]")[0], encoding="utf-8")
    body = _body(_docx(cli, tmp_path / "plain.docx"))
    assert body[:2] == ["2026年12月1日", "整改情况通报"]  # no issuer line, SPEC's default title
    assert body[-1] == "2026年12月1日"
    r = cli("report", "--as-of", AS_OF, "--format", "docx", "--serial", "3", "--output", str(tmp_path / "en.docx"))
    assert r.code == 0, r
    en = _body(Document(str(tmp_path / "en.docx")))
    assert en[0] == "No. 3" and en[3].startswith("As of 1 December 2026, the ledger holds 26 items")


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5"])
def test_bad_serial_and_missing_output(cli, office: Path, tmp_path: Path, value: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "report", "--format", "docx", "--serial", value, "--output", str(tmp_path / "x.docx"))
    assert r.code == 2 and "--serial" in r.err and "期数" in r.err
    assert not (tmp_path / "x.docx").exists()
    assert cli("report", "--format", "docx").code == 2


def test_full_width_serial(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _body(_docx(cli, tmp_path / "a.docx", "--serial", "１２"))[1] == "第12期"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice or poppler-utils is not installed; .ci/run installs them")
def test_libreoffice_renders_it_on_a_bounded_number_of_pages(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    out = tmp_path / "通报.docx"
    _docx(cli, out, "--serial", "1")
    pdf = to_pdf(out, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = "".join(text.split())
    assert "服务发展创优环境突出问题整改情况通报" in words and "第1期" in words and "—1—" in words
    assert "CZJ-001" in words and "请各责任单位于每周五前报送整改进展。" in words
    assert 2 <= pdf_pages(pdf) <= 6


@pytest.mark.skipif(soffice() is None, reason="LibreOffice or poppler-utils is not installed; .ci/run installs them")
def test_city_scale_notice_stays_short(cli_proc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # in a process of its own: 10,000 items must not grow this one (other tests measure children's memory)
    root = make_city(tmp_path / "city", departments=50, items=200)
    out = tmp_path / "city.docx"
    r = cli_proc("--lang", "zh", "report", "--as-of", AS_OF, "--format", "docx", "--output", str(out), cwd=root)
    assert r.code == 0, r
    doc = Document(str(out))
    assert len(doc.tables[0].rows) == 52  # 50 departments and the totals
    for table in doc.tables[1:-2]:  # overdue tables: at most 20 rows each, plus the header
        assert len(table.rows) <= 21
    pages = pdf_pages(to_pdf(out, tmp_path))
    assert pages <= 400, pages
