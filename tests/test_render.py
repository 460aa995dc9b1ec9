"""Every report format, read back: JSON against SPEC's shape, CSV parsed, Markdown rows,
HTML parsed for its tables and SVG, xlsx opened with openpyxl, terminal tables measured."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report_fixtures import AS_OF, make_edge_ledger

# SPEC's `report --format json` keys of the totals and of each department, in its order.
COUNTS = ["total", "open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late",
          "completion_rate", "on_time_rate", "ongoing", "partial", "behind", "extended", "stale",
          "remind", "supervise", "interview", "rules", "accountability", "rechecked", "rebound", "amount", "recovered", "rebound_rate"]


@pytest.fixture
def edge(ledger: Path) -> Path:
    return make_edge_ledger(ledger)


def test_json_report_has_specs_shape(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--as-of", AS_OF, "--format", "json")
    assert r.code == 0, r
    data = json.loads(r.out)
    assert list(data) == ["as_of", "since", "totals", "departments", "categories", "accountability",
                          "stale_departments", "overdue", "due_soon", "new_since", "done_since"]
    assert data["as_of"] == AS_OF and data["since"] is None
    assert list(data["totals"]) == COUNTS
    assert data["totals"]["completion_rate"] == pytest.approx(3 / 9)
    assert isinstance(data["totals"]["on_time_rate"], float)
    assert [list(d) for d in data["departments"]] == [["department", "code", "light", "reported", "last_update", "update_stale", *COUNTS]] * 2
    assert all(list(c) == ["category", "total", "done", "overdue"] for c in data["categories"])
    assert data["overdue"][0] == {"id": "BBB-001", "department": "市乙局", "title": "逾期三十天", "owner": "陈刚",
                                  "leader": None, "deadline": "2026-11-01", "days_overdue": 30, "extensions": 0,
                                  "escalation": "interview", "latest_progress": None}
    assert data["departments"][1]["on_time_rate"] is None  # 市乙局 finished nothing
    assert list(data["due_soon"][0]) == ["id", "department", "title", "owner", "deadline", "days_left"]
    assert data["new_since"] == [] and data["done_since"] == []


def test_json_report_since(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("report", "--as-of", AS_OF, "--since", "2026/11/21", "-f", "json").out)
    assert data["since"] == "2026-11-21"
    assert data["new_since"] == ["AAA-001"] and data["done_since"] == ["AAA-006", "AAA-007"]


def test_json_empty_ledger(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("report", "--as-of", AS_OF, "-f", "json").out)
    assert data["totals"]["completion_rate"] == 0.0 and data["totals"]["on_time_rate"] is None
    assert data["departments"] == []


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "html", "xlsx"])
def test_every_format_on_an_empty_ledger(cli, ledger: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"r.{fmt}"
    r = cli("report", "--as-of", AS_OF, "-f", fmt, "-o", str(out))
    assert r.code == 0, r
    assert out.stat().st_size > 0
    if fmt == "markdown":  # no department: no follow-up table of a total row alone
        assert "Follow-up" not in out.read_text(encoding="utf-8")


def test_csv_report_has_bom_and_parses_back(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--as-of", AS_OF, "--format", "csv")
    assert r.code == 0, r
    assert r.out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["#", "Department", "Code", "Total"]
    assert rows[1][:5] == ["1", "市甲局", "AAA", "7", "3"]
    assert rows[2][:5] == ["2", "市乙局", "BBB", "2", "0"]
    assert rows[3][1:4] == ["Total", "", "9"]
    assert len(rows) == 4  # one table per file: the ranking and its total; items are `list --format csv`


def test_csv_report_in_chinese(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "csv")
    header = next(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))
    assert header[:4] == ["排名", "责任单位", "代码", "问题数"] and "完成率" in header and "按期完成率" in header


def test_markdown_report_rows(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--as-of", AS_OF, "--format", "markdown")
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[0] == "# Rectification report"
    # SPEC v2: each department's light, in words, beside its name
    assert "| 1 | 市甲局 (AAA) | red | 7 | 3 | 1 | 2 | 1 | 1 | 42.9% | 66.7% |" in lines
    assert "| 2 | 市乙局 (BBB) | red | 2 | 0 | 1 | 0 | 1 | 0 | 0.0% | — |" in lines
    # a pipe in a title must not split the cell (the overdue row has SPEC v2's ten columns)
    row = next(line for line in lines if line.startswith("| AAA-004 "))
    assert "管道符" in row and row.count(" | ") == 9 and "\\|" in row


class Page(HTMLParser):
    """Collects tables (rows of cell texts), SVG rects and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.rects: list[dict[str, str | None]] = []
        self.svg = 0
        self.tags: list[str] = []
        self.styles = ""
        self._cell: list[str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "svg":
            self.svg += 1
        elif tag == "div" and dict(attrs).get("class") == "bar":
            self.rects.append(dict(attrs))
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_style:
            self.styles += data


def test_html_report_is_a_self_contained_page(cli, edge: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--since", "2026-11-21", "--format", "html", "--output", str(out))
    assert r.code == 0, r
    text = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert "@page" in page.styles and "A4" in page.styles and "Microsoft YaHei" in page.styles
    assert page.svg == 0  # the chart is HTML bars: its labels stay readable on a phone
    assert [(a["data-code"], a["data-rate"]) for a in page.rects] == [("AAA", "0.4286"), ("BBB", "0.0000")]
    ranking = page.tables[0]
    assert ranking[0][:5] == ["排名", "责任单位", "代码", "亮灯", "问题数"]  # SPEC v2: the light beside the code
    assert ranking[1][:5] == ["1", "市甲局", "AAA", "\u25cf\u00a0红灯", "7"]
    assert ranking[-1][1] == "合计"
    overdue = page.tables[2]  # after SPEC v2's follow-up table; grouped by department, most overdue first
    assert [row[0] for row in overdue[1:]] == ["市乙局（1 个）", "BBB-001", "市甲局（1 个）", "AAA-004"]
    assert "昨天到期，存在“好好先生”现象 | 管道符" in overdue[4]
    assert any(row and row[0] == "AAA-001" for table in page.tables[5:] for row in table)  # new since
    assert "逾期" in text and "即将到期" in text and "按期完成率" in text


def test_html_escapes_data(cli, ledger: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "x.yaml").write_text(
        "department: <b>局</b>\ncode: XX\nitems:\n  - id: XX-001\n    title: '<script>alert(1)</script>'\n"
        "    owner: 王\n    deadline: 2026-11-01\n    status: open\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli("report", "--as-of", AS_OF, "-f", "html", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text and "<b>局" not in text


def test_xlsx_report_read_back(cli, edge: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "xlsx", "--output", str(out))
    assert r.code == 0, r
    wb = load_workbook(out)
    assert wb.sheetnames[:5] == ["汇总", "责任单位排名", "逾期问题", "即将到期", "台账"]
    items = wb["台账"]
    header = [c.value for c in items[3]]  # below the title and the issuer/date rows
    assert header == ["序号", "编号", "问题", "类别", "责任单位", "责任科室", "责任领导", "责任人", "整改时限", "状态",
                      "状态标记", "督办级别", "整改目标", "整改措施", "整改进展", "整改进度", "整改结果", "备注"]
    assert all(c.font.bold for c in items[3])
    assert items.freeze_panes == "A4"
    rows = {row[1].value: row for row in items.iter_rows(min_row=4)}
    assert len(rows) == 9
    assert rows["BBB-001"][0].value == 1 and rows["BBB-001"][9].value == "逾期"
    assert rows["BBB-001"][11].value == "约谈" and rows["AAA-004"][10].value == "已延期、未按时报送"
    assert rows["BBB-001"][8].value == datetime(2026, 11, 1) and rows["BBB-001"][8].number_format == "yyyy-mm-dd"
    colours = {r.formula[0]: r.dxf.fill.fgColor.rgb[2:] for cf in items.conditional_formatting for r in cf.rules}
    assert colours['$J4="逾期"'] == "FFC7CE" and colours['$J4="即将到期"'] == "FFEB9C"  # by state: an edit recolours
    assert rows["AAA-003"][2].fill.fill_type is None
    assert rows["AAA-004"][14].value == "2026-11-10 已召开专题会议"
    # CJK characters count double in column widths
    import unicodedata

    widest = max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(row[2].value))
                 for row in rows.values())
    assert items.column_dimensions["C"].width == min(widest, 30) + 2  # wider text wraps
    assert widest > 30 and any(r[2].alignment.wrap_text for r in rows.values())
    assert items.column_dimensions["B"].width == len("AAA-001") + 2
    ranking = wb["责任单位排名"]
    assert [c.value for c in ranking[4]][:5] == [1, "市甲局", "AAA", "红灯", 7]  # SPEC v2: the light beside the code
    assert ranking.cell(4, 11).value == pytest.approx(3 / 7) and ranking.cell(4, 11).number_format == "0.0%"
    overdue = wb["逾期问题"]
    assert [c.value for c in overdue[3]] == ["编号", "责任单位", "问题", "责任人", "责任领导", "整改时限", "逾期天数",
                                            "延期次数", "督办级别", "最新进展"]
    assert [overdue.cell(i, 1).value for i in (4, 5)] == ["BBB-001", "AAA-004"]
    summary = {row[0].value: row[1].value for row in wb["汇总"].iter_rows(min_row=4)}
    assert summary["问题数"] == 9 and summary["完成率"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_file_formats_need_output(cli, edge: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--format", fmt)
    assert r.code == 2, r
    assert "--output" in r.err and r.out == ""


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_output_writes_any_format(cli, edge: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"r.{fmt}"
    r = cli("report", "--as-of", AS_OF, "-f", fmt, "-o", str(out))
    assert r.code == 0, r
    assert r.out == "" and "市乙局" in out.read_text(encoding="utf-8-sig")


def test_output_into_a_missing_folder_is_exit_1(cli, edge: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "-f", "json", "-o", str(tmp_path / "no" / "such" / "r.json"))
    assert r.code == 1, r


def test_unknown_format_is_a_usage_error(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--format", "pdf")
    assert r.code == 2, r
    assert "pdf" in r.err


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_table_report_fits_80_columns_and_keeps_ids_whole(cli, edge: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("en", "zh"):
        r = cli("--lang", lang, "report", "--as-of", AS_OF, "--since", "2026-11-21")
        assert r.code == 0, r
        assert "\x1b[" not in r.out  # plain when not a terminal
        assert all(_cells(line) <= 80 for line in r.out.splitlines()), r.out
        for item_id in ("BBB-001", "AAA-004", "AAA-001", "AAA-002"):
            assert item_id in r.out
    assert "Rectification report" in cli("report", "--as-of", AS_OF).out


def test_table_report_chinese_words(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("--lang", "zh", "report", "--as-of", AS_OF).out
    for word in ("整改工作情况报告", "截至 2026-12-01", "完成率", "按期完成率", "逾期问题", "到期问题", "合计", "责任单位"):
        assert word in out


LONG = "部分干部常态化疫情防控思想松懈，有“厌倦”情绪，当“好好先生”，需要进一步压实整改责任，开展专题教育"


def test_table_aligns_cjk_and_quotes(cli, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    items = "".join(
        f"  - id: ZZ-00{i}\n    title: {LONG[: 10 + 9 * i]}\n    owner: 欧阳{i}\n    deadline: 2026-11-2{i}\n    status: open\n"
        for i in range(1, 5))
    (ledger / "lists" / "z.yaml").write_text(f"department: 市自然资源和规划局\ncode: ZZ\nitems:\n{items}", encoding="utf-8")
    for args in (("report", "--as-of", AS_OF), ("list", "--as-of", AS_OF)):
        r = cli("--lang", "zh", *args)
        assert r.code == 0, r
        lines = [line for line in r.out.splitlines() if re.search(r"2026-11-2\d", line)]
        assert len(lines) == 4
        starts = {_cells(line[: line.index("2026-11-2")]) for line in lines}
        assert len(starts) == 1, r.out  # the deadline column starts at the same cell on every row
        assert all(_cells(line) <= 80 for line in r.out.splitlines())
        assert all(f"ZZ-00{i}" in r.out for i in range(1, 5))


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_colours_only_on_a_terminal_without_no_color(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from checklist.domain.figures import build_report
    from checklist.domain.states import Policy
    from checklist.ledger.files import open_ledger
    from checklist.render import table

    make_edge_ledger(ledger)
    data = build_report(open_ledger(None).records(), date(2026, 12, 1), Policy())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    tty = FakeTTY()
    table.report(data, 7, file=tty)
    assert "\x1b[1;31m" in tty.getvalue()  # overdue counts in red
    assert "\x1b[33m" in tty.getvalue() or "\x1b[1;33m" in tty.getvalue()
    plain = io.StringIO()
    table.report(data, 7, file=plain)
    assert "\x1b[" not in plain.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    tty = FakeTTY()
    table.report(data, 7, file=tty)
    assert "\x1b[" not in tty.getvalue()


def test_wrap_and_cell_len() -> None:
    from checklist.render.grid import cell_len, wrap

    assert cell_len("整改abc“”") == 4 + 3 + 2
    title = "部分干部常态化疫情防控思想松懈，有厌倦情绪"
    assert "".join(wrap(title, 10)) == title
    assert all(cell_len(line) <= 12 for line in wrap(title, 10))  # ，may cling to a full line
    lines = wrap("one two three fourfivesixseven", 9)
    assert lines == ["one two", "three", "fourfives", "ixseven"]
    assert not any(line.startswith("，") for line in wrap("完成率 28.6%，按期完成率 50.0%。", 12))


def test_cell_len_counts_each_wide_character_twice() -> None:
    """The table's cell count: two for East Asian Wide and Fullwidth characters (CJK, kana, hangul,
    fullwidth forms, the supplementary ideographs), one for every other; checked by Unicode's
    own East_Asian_Width property on a sample of every block the table meets."""
    import unicodedata

    from checklist.render.grid import cell_len, stacked

    samples = ("整改abc“”", "ＡＢＣ１２３", "ｶﾀｶﾅ", "かなカナ", "한국어", "𠀀𠮷", "—…·", "é ñ ü", "〇〆㐀", "（《》）")
    for text in samples:
        wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
        assert cell_len(text) == len(text) + wide, text
    assert stacked("整改到位金额") == "整改\n到位\n金额" and stacked("Overdue items") == "Overdue items"
    assert stacked("整改a到位") == "整改a到位"  # not all ideographs: whole


def test_terminal_report_caps_long_lists(ledger: Path) -> None:
    from datetime import date

    from checklist.domain.figures import build_report
    from checklist.domain.records import Record
    from checklist.domain.states import Policy
    from checklist.render import table

    records = [Record(f"AA-{i:03d}", "标题", "王", None, "open", date(2026, 11, 1), None, None, "甲", "AA", "f", {})
               for i in range(1, 61)]
    buf = io.StringIO()
    table.report(build_report(records, date(2026, 12, 1), Policy()), 7, file=buf)
    out = buf.getvalue()
    assert "AA-050" in out and "AA-051" not in out
    assert "10 more: checklist list --state overdue" in out


# SPEC v2's figures in every format, on the ledger of tests/v2_fixtures.py (its docstring counts them).

@pytest.fixture
def v2(ledger: Path) -> Path:
    from v2_fixtures import make_v2_ledger

    return make_v2_ledger(ledger)


SUMMARY = {
    "en": ["Ongoing 1, partly done 3, behind schedule 3, extended 2, not updated on time 2.",
           "Overdue items to remind 1, to supervise 1, to interview 1.",
           "Rules issued 2; persons held to account 2 (提醒谈话 1, 约谈 1); rechecked 2, rebound 1 (rebound rate 50.0%).",
           "Amount involved 150.5 万元, recovered 80.5 万元.",
           "Not reported (no items): 市审计局."],
    "zh": ["持续整改 1 个，部分整改 3 个，进度滞后 3 个，已延期 2 个，未按时报送进展 2 个。",
           "逾期问题中催办 1 个，督办 1 个，约谈 1 个。",
           "建章立制 2 项，问责 2 人次（提醒谈话 1 人次、约谈 1 人次），回头看 2 个，反弹 1 个（反弹率 50.0%）。",
           "问题金额 150.5 万元，整改到位金额 80.5 万元。",
           "未报送：市审计局。"],
}


def _section(lines: list[str], title: str) -> list[str]:
    """A terminal report's section: from its title to the next blank line."""
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_table_report_v2_at_120_columns(cli, v2: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "120")
    for lang in ("en", "zh"):
        r = cli("--lang", lang, "report", "--as-of", AS_OF)
        assert r.code == 0, r
        lines = r.out.splitlines()
        assert all(_cells(line) <= 120 for line in lines), r.out
        assert lines[2:7] == SUMMARY[lang]  # after the title and the headline, one sentence a line
    zh = cli("--lang", "zh", "report", "--as-of", AS_OF).out.splitlines()
    ranking = [line.split() for line in _section(zh, "各责任单位整改情况")]
    assert ranking[3] == ["1", "市发展和改革委员会", "红灯", "4", "1", "1", "1", "1", "██░░░░░░", "25.0%", "100.0%"]
    assert ranking[4] == ["2", "市财政局", "红灯", "5", "1", "2", "1", "0", "██░░░░░░", "20.0%", "0.0%"]
    assert ranking[5] == ["3", "市审计局（未报送）", "绿灯", "0", "0", "0", "0", "0", "░░░░░░░░", "0.0%", "—"]
    follow = [line.split() for line in _section(zh, "各责任单位跟踪督查情况")]
    assert follow[1] == ["责任单位", "最近报送", "持续整改", "部分整改", "进度滞后", "已延期", "未按时报送", "督办级别"]
    assert ["市财政局", "2026-11-28", "1", "3", "2", "1", "1", "催办", "1", "个、督办", "1", "个"] in follow
    assert ["市审计局", "未报送", "0", "0", "0", "0", "0"] in follow
    overdue = _section(zh, "逾期问题（3 个）")
    assert [line.split()[0] for line in overdue[3:] if line[:1].strip()] == ["FGW-001", "CZJ-002", "CZJ-001"]
    text_ = "\n".join(overdue)
    for shown in ("责任领导：陈建国", "最新进展：已梳理问题清单", "责任领导：刘志刚", "已延期 1 次", "最新进展：已完成初稿"):
        assert shown in text_
    # CZJ-001's title, then its leader, extensions and latest progress, one a line in the title column
    details = [line.strip().split("  ")[0] for line in overdue if line.startswith(" ")][-3:]
    assert details == ["责任领导：刘志刚", "已延期 1 次", "最新进展：已完成初稿"]
    # the escalation level in words under each item's days overdue
    assert [line.split()[-1] for line in overdue[3:6]] == ["40", "约谈", "20"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_report_v2_fits_80_columns(cli, v2: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("--lang", lang, "report", "--as-of", AS_OF)
    assert r.code == 0, r
    assert all(_cells(line) <= 80 for line in r.out.splitlines()), r.out
    words = {"en": ("red", "green", "(not", "reported)", "remind", "supervise", "interview", "Leader: 陈建国", "Latest: 已完成初稿",
                    "Follow-up by department", "2026-11-28"),
             "zh": ("红灯", "绿灯", "市审计局", "未报送", "催办", "督办", "约谈", "责任领导：陈建国", "最新进展：已完成初稿",
                    "各责任单位跟踪督查情况", "2026-11-28")}[lang]
    for word in words:
        assert word in r.out, word
    for item_id in ("FGW-001", "CZJ-002", "CZJ-001", "CZJ-005", "FGW-002"):
        assert item_id in r.out
    assert "None" not in r.out


def test_table_report_lights_in_colour_and_words(v2: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from checklist.domain.figures import build_report
    from checklist.ledger.files import open_ledger
    from checklist.render import table

    opened = open_ledger(None)
    data = build_report(opened.records(), date(2026, 12, 1), opened.policy(), roster=list(opened.config.departments.items()))
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    tty = FakeTTY()
    table.report(data, 7, file=tty)
    assert "\x1b[1;31mred\x1b[0m" in tty.getvalue() and "\x1b[1;32mgreen\x1b[0m" in tty.getvalue()


def test_markdown_report_v2(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "markdown")
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert [line[2:] for line in lines if line.startswith("- ")] == SUMMARY["zh"]
    assert "| 排名 | 责任单位 | 亮灯 | 问题数 | 已完成 | 逾期 | 即将到期 | 正常推进 | 逾期完成 | 完成率 | 按期完成率 |" in lines
    assert "| 1 | 市发展和改革委员会 (FGW) | 红灯 | 4 | 1 | 1 | 1 | 1 | 0 | 25.0% | 100.0% |" in lines
    assert "| 3 | 市审计局 (SJJ)（未报送） | 绿灯 | 0 | 0 | 0 | 0 | 0 | 0 | 0.0% | — |" in lines
    assert ("| 责任单位 | 最近报送 | 持续整改 | 部分整改 | 进度滞后 | 已延期 | 未按时报送 | 催办 | 督办 | 约谈 | 建章立制 | 问责人次 "
            "| 回头看 | 反弹 | 问题金额（万元） | 整改到位金额（万元） |") in lines
    assert "| 市财政局 (CZJ) | 2026-11-28 | 1 | 3 | 2 | 1 | 1 | 1 | 1 | 0 | 2 | 2 | 2 | 1 | 120 | 50 |" in lines
    assert "| 市审计局 (SJJ) | 未报送 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    assert "| **合计** |  | 1 | 3 | 3 | 2 | 2 | 1 | 1 | 1 | 2 | 2 | 2 | 1 | 150.5 | 80.5 |" in lines
    # accountability by measure: the measures used only
    at = lines.index("## 问责情况（按问责方式）")
    assert lines[at + 2:at + 6] == ["| 问责方式 | 人次 |", "|---|---:|", "| 提醒谈话 | 1 |", "| 约谈 | 1 |"]
    assert lines[at + 6] == ""
    assert ("| 编号 | 责任单位 | 问题 | 责任人 | 责任领导 | 整改时限 | 逾期天数 | 延期次数 | 督办级别 | 最新进展 |") in lines
    assert "| FGW-001 | 市发展和改革委员会 | 项目审批服务不主动 | 李卫东 | 陈建国 | 2026-10-22 | 40 | 0 | 约谈 |  |" in lines
    assert ("| CZJ-001 | 市财政局 | 公务支出管理不严，会议培训存在浪费 | 王芳 | 刘志刚 | 2026-11-28 | 3 | 1 | 催办 "
            "| 已完成初稿 |") in lines
    en = cli("report", "--as-of", AS_OF, "--format", "markdown").out.splitlines()
    assert "| CZJ-002 | 市财政局 | 资金拨付进度慢 | 李强 |  | 2026-11-11 | 20 | 0 | supervise | 已梳理问题清单 |" in en
    assert "| 3 | 市审计局 (SJJ) (not reported) | green | 0 | 0 | 0 | 0 | 0 | 0 | 0.0% | — |" in en


def test_csv_report_v2_keeps_every_figure(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--as-of", AS_OF, "--format", "csv")
    assert r.code == 0, r
    rows = list(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))
    head = rows[0]
    assert head[11:] == ["Ongoing", "Partly done", "Behind", "Extended", "Not updated", "Remind", "Supervise", "Interview",
                         "Rules issued", "Held to account", "Rechecked", "Rebound", "Amount (万元)", "Recovered (万元)",
                         "Light", "Last update", "Department reporting late"]
    by_code = {row[2]: dict(zip(head, row, strict=True)) for row in rows[1:4]}
    czj = by_code["CZJ"]
    assert [czj[k] for k in head[11:]] == ["1", "3", "2", "1", "1", "1", "1", "0", "2", "2", "2", "1", "120", "50",
                                           "red", "2026-11-28", ""]
    assert (by_code["SJJ"]["Total"], by_code["SJJ"]["On time"], by_code["SJJ"]["Light"],
            by_code["SJJ"]["Last update"]) == ("0", "—", "green", "not reported")
    assert rows[4][1] == "Total" and rows[4][11:25] == ["1", "3", "3", "2", "2", "1", "1", "1", "2", "2", "2", "1",
                                                        "150.5", "80.5"]
    assert len(rows) == 5 and all(len(row) <= len(head) for row in rows)  # one table: the ranking


def test_html_report_v2(cli, v2: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "html", "--output", str(out))
    assert r.code == 0, r
    text_ = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(text_)
    for line in SUMMARY["zh"]:
        assert f"<li>{line}</li>" in text_
    # the legend, and each light a word with its colour class
    dot = "\u25cf\u00a0"
    assert (f'<p class="legend">亮灯说明：<span class="light red">{dot}红灯</span> 有逾期问题<span class="light yellow">'
            f'{dot}黄灯</span> 有即将到期问题<span class="light green">{dot}绿灯</span> 无逾期、即将到期问题</p>') in text_
    assert text_.count(f'class="light red">{dot}红灯</td>') == 2 and text_.count(f'class="light green">{dot}绿灯</td>') == 1
    assert [a["data-code"] for a in page.rects] == ["FGW", "CZJ", "SJJ"]
    assert f'>25.0% <span class="light red">{dot}红灯</span>' in text_
    ranking, follow, overdue = page.tables[:3]
    assert ranking[3][:4] == ["3", "市审计局（未报送）", "SJJ", f"{dot}绿灯"] and ranking[3][-1] == "—"
    assert follow[0][:3] == ["责任单位", "最近报送", "持续整改"] and follow[0][-2:] == ["问题金额（万元）", "整改到位金额（万元）"]
    assert follow[2] == ["市财政局", "2026-11-28", "1", "3", "2", "1", "1", "1", "1", "0", "2", "2", "2", "1", "120", "50"]
    assert follow[3][:2] == ["市审计局", "未报送"]
    assert overdue[0] == ["编号", "问题", "责任人", "责任领导", "整改时限", "逾期天数", "延期次数", "督办级别", "最新进展"]
    assert overdue[1:] == [["市发展和改革委员会（1 个）"],
                           ["FGW-001", "项目审批服务不主动", "李卫东", "陈建国", "2026-10-22", "逾期40天", "0", "约谈", ""],
                           ["市财政局（2 个）"],
                           ["CZJ-002", "资金拨付进度慢", "李强", "", "2026-11-11", "逾期20天", "0", "督办", "已梳理问题清单"],
                           ["CZJ-001", "公务支出管理不严，会议培训存在浪费", "王芳", "刘志刚", "2026-11-28", "逾期3天", "1", "催办",
                            "已完成初稿"]]
    accountability = page.tables[-1]
    assert accountability == [["问责方式", "人次"], ["提醒谈话", "1"], ["约谈", "1"]]  # the measures used only


def test_xlsx_report_v2(cli, v2: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    r = cli("--lang", "zh", "report", "--as-of", AS_OF, "--format", "xlsx", "--output", str(out))
    assert r.code == 0, r
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "责任单位排名", "逾期问题", "即将到期", "台账", "分类统计", "问责情况"]
    summary = {row[0].value: row[1] for row in wb["汇总"].iter_rows(min_row=4)}
    assert {k: summary[k].value for k in ("持续整改", "部分整改", "进度滞后", "已延期", "未按时报送", "催办", "督办", "约谈",
                                          "建章立制", "问责人次", "回头看", "反弹", "问题金额（万元）", "整改到位金额（万元）")} == {
        "持续整改": 1, "部分整改": 3, "进度滞后": 3, "已延期": 2, "未按时报送": 2, "催办": 1, "督办": 1, "约谈": 1,
        "建章立制": 2, "问责人次": 2, "回头看": 2, "反弹": 1, "问题金额（万元）": 150.5, "整改到位金额（万元）": 80.5}
    assert summary["问题金额（万元）"].number_format == "0.00"
    assert summary["总体情况"].value.splitlines()[1:] == SUMMARY["zh"]
    ranking = wb["责任单位排名"]
    head = [c.value for c in ranking[3]]
    assert head[:4] == ["排名", "责任单位", "代码", "亮灯"] and head[12:14] == ["最近报送", "持续整改"]
    rows = {row[2].value: [c.value for c in row] for row in ranking.iter_rows(min_row=4, max_row=6)}
    assert rows["CZJ"][3] == "红灯" and rows["CZJ"][12] == datetime(2026, 11, 28)
    assert rows["CZJ"][13:] == [1, 3, 2, 1, 1, 1, 1, 0, 2, 2, 2, 1, 120, 50]
    assert (rows["SJJ"][3], rows["SJJ"][11], rows["SJJ"][12]) == ("绿灯", "—", "未报送")
    rules = {r.formula[0]: r.dxf.fill.fgColor.rgb[2:] for cf in ranking.conditional_formatting for r in cf.rules}
    assert [str(cf.sqref) for cf in ranking.conditional_formatting] == ["A4:D6"]
    assert rules == {'$D4="红灯"': "FFC7CE", '$D4="黄灯"': "FFEB9C", '$D4="绿灯"': "C6EFCE"}
    overdue = wb["逾期问题"]
    assert [c.value for c in overdue[6]] == ["CZJ-001", "市财政局", "公务支出管理不严，会议培训存在浪费", "王芳", "刘志刚",
                                             datetime(2026, 11, 28), 3, 1, "催办", "已完成初稿"]
    assert [overdue.cell(i, 2).value for i in (4, 5, 6)] == ["市发展和改革委员会", "市财政局", "市财政局"]  # grouped
    items = {row[1].value: row for row in wb["台账"].iter_rows(min_row=4)}
    ongoing = [c.value for c in items["CZJ-003"]]
    assert ongoing[6:12] == ["刘志刚", "王芳", "长期坚持", "持续整改", "部分整改", None]
    assert items["CZJ-001"][15].value == 40 and items["CZJ-001"][15].number_format == '0"%"'
    assert [[c.value for c in row] for row in wb["问责情况"].iter_rows(min_row=3)] == [
        ["问责方式", "人次"], ["提醒谈话", 1], ["约谈", 1]]


@pytest.mark.parametrize("fmt", ["csv", "markdown", "table"])
def test_on_time_rate_is_a_dash_when_nothing_is_done(cli, v2: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--as-of", AS_OF, "-f", fmt)
    line = next(line for line in r.out.splitlines() if "市审计局" in line and "0.0%" in line)
    assert line.rstrip(" |").endswith("—") or ",—," in line, line


FORMULAS = """\
department: 市甲局
code: AAA
items:
  - id: AAA-001
    title: "=HYPERLINK(\\"http://x\\",\\"点我\\")"
    owner: "@王芳"
    leader: "+刘志刚"
    deadline: 2026-11-01
    status: open
    progress:
      - {date: 2026-10-01, note: "-已召开会议"}
  - id: AAA-002
    title: "\\t制表符开头"
    owner: "-李强"
    deadline: 2026-12-31
    status: open
"""


def test_spreadsheet_cells_never_start_a_formula(cli, ledger: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    (ledger / "lists" / "a.yaml").write_text(FORMULAS, encoding="utf-8")
    risky = ("=", "+", "-", "@", "\t", "\r")
    for args in (("list",), ("show", "AAA-001"), ("report",)):
        r = cli(*args, "--as-of", AS_OF, "-f", "csv")
        assert r.code == 0, r
        cells = [c for row in csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))) for c in row]
        assert not [c for c in cells if c.startswith(risky)], args
        if args[0] != "report":  # the report's csv is the ranking: no item text in it
            assert "'=HYPERLINK(\"http://x\",\"点我\")" in cells and "'@王芳" in cells
    listed = list(csv.reader(io.StringIO(cli("list", "--as-of", AS_OF, "-f", "csv").out.removeprefix("\ufeff"))))
    assert "'+刘志刚" in listed[1] and "2026-10-01 -已召开会议" in listed[1]  # a progress cell starts with its date
    out = tmp_path / "r.xlsx"
    assert cli("report", "--as-of", AS_OF, "-f", "xlsx", "-o", str(out)).code == 0
    wb = load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(risky)]
    assert {c.value for c in cells} >= {"=HYPERLINK(\"http://x\",\"点我\")", "@王芳", "+刘志刚", "\t制表符开头", "-李强"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
