"""`checklist import` of 台账 as offices make them: a merged title and 填报 row, a two-level
header with line breaks, vertical merges, section rows, 合计 and signature rows, every
完成情况 word and every deadline word, and five bad rows reported at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import git

ROSTER = (
    'lists = "lists"\n[departments]\nCZJ = { name = "市财政局", aliases = ["财政局"] }\n'
    'FGW = { name = "市发展和改革委员会", aliases = ["市发改委", "发改委"] }\nSWJ = { name = "市商务局", aliases = ["商务局"] }\n'
)


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(ROSTER, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def workbook(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = (), title: str = "整改台账",
             cover: bool = False) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if cover:  # a workbook often opens on a sheet of instructions
        sheet.title = "填表说明"
        sheet.append(["请于每周五前报送"])
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


OFFICE_ROWS: list[list[Any]] = [
    ["市财政局服务发展创优环境突出问题整改台账（第二批）"],
    ["填报单位：市财政局（盖章）", None, None, None, None, None, None, None, "填报日期：2026年11月20日"],
    ["序号", "存在的突出问题", "整改目标", "整改措施", "责任主体", None, None, "完成\n时限", "整改情况", None, "销号时间", "备注"],
    [None, None, None, None, "责任领导", "责任科室", "责  任  人", None, "整改进展", "完成情况", None, None],
    ["一、思想认识方面（2项）"],
    [1, "部分干部常态化疫情防控思想松懈", "思想认识到位", "开展专题学习", "刘志刚", "办公室", "王芳、赵敏", "2026年12月底前",
     "已召开专题会议", "正在整改", None, None],
    [2, "服务企业意识不强", None, "建立联系企业制度", None, "企业科", "孙　伟", "12月31日前", "已建立制度", "已完成", None,
     "已于11月10日印发"],
    ["二、工作作风方面"],
    [3, "公务支出管理不严", None, "严格审批\n定期通报", "何勇", "预算科", "何勇", "长期坚持", "持续推进", "长期坚持", None, "无"],
    [4, "审批时限过长", None, "压缩环节", None, "审批科", "陈静", "立行立改", None, "已销号", datetime(2026, 11, 15), None],
    [5, "预算执行进度偏慢", None, "按月通报", None, None, "刘洋", "2026年第四季度", "完成70%", "基本完成", None, None],
    ["合计", "共5项，其中已完成2项"],
    [None],
    ["填表人：张三", None, None, "审核人：李四", None, None, "联系电话：12345678"],
]
OFFICE_MERGES = ("A1:L1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:G3", "H3:H4", "I3:J3", "K3:K4", "L3:L4",
                 "A5:L5", "E6:E7", "A8:L8", "F10:F11")

OFFICE_YAML = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部常态化疫情防控思想松懈
    category: 思想认识
    owner: 王芳
    co_owners: [赵敏]
    leader: 刘志刚
    unit: 办公室
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-20
    target: 思想认识到位
    measures: 开展专题学习
    progress:
      - {date: 2026-11-20, note: 已召开专题会议}
  - id: CZJ-002
    title: 服务企业意识不强
    category: 思想认识
    owner: 孙　伟
    leader: 刘志刚
    unit: 企业科
    deadline: 2026-12-31
    status: closed
    created_on: 2026-11-20
    measures: 建立联系企业制度
    remarks: 已于11月10日印发
    closed_on: 2026-11-20
    result: 已建立制度
  - id: CZJ-003
    title: 公务支出管理不严
    category: 工作作风
    type: ongoing
    owner: 何勇
    leader: 何勇
    unit: 预算科
    status: open
    created_on: 2026-11-20
    measures: |-
      严格审批
      定期通报
    progress:
      - {date: 2026-11-20, note: 持续推进}
  - id: CZJ-004
    title: 审批时限过长
    category: 工作作风
    type: immediate
    owner: 陈静
    unit: 审批科
    deadline: 2026-11-15
    status: closed
    created_on: 2026-11-15
    measures: 压缩环节
    closed_on: 2026-11-15
    result: 已销号
  - id: CZJ-005
    title: 预算执行进度偏慢
    category: 工作作风
    owner: 刘洋
    unit: 审批科
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-20
    measures: 按月通报
    percent: 50
    progress:
      - {date: 2026-11-20, note: 完成70%}
"""


def test_an_office_sheet_with_a_two_level_header_merges_sections_and_signatures(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook(repo / "财政局台账.xlsx", OFFICE_ROWS, OFFICE_MERGES, cover=True)
    result = cli("--lang", "zh", "import", sheet.name, "--dept", "财政局")
    assert result.code == 0, result
    assert result.out == "已导入 5 个问题到 lists/CZJ.yaml：CZJ-001 … CZJ-005\n"
    assert (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8") == OFFICE_YAML
    assert git(repo, "log", "-1", "--format=%s") == "import 5 items: 财政局台账.xlsx\n"
    assert cli("validate").code == 0


def test_the_verified_rows_need_who_verified_them(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook(repo / "台账.xlsx", OFFICE_ROWS, OFFICE_MERGES)
    result = cli("import", sheet.name, "--dept", "CZJ", "--verified-by", "市委督查室", "--no-commit")
    assert result.code == 0, result
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert ("    status: verified\n    created_on: 2026-11-15\n    measures: 压缩环节\n    closed_on: 2026-11-15\n"
            "    result: 已销号\n    verified_on: 2026-11-15\n    verified_by: 市委督查室\n") in text
    assert text.count("status: verified") == 1  # only the row with a 销号时间


def test_the_sheet_is_chosen_by_its_header_or_by_name(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook(repo / "台账.xlsx", OFFICE_ROWS, OFFICE_MERGES, cover=True)
    result = cli("import", sheet.name, "--dept", "CZJ", "--sheet", "填表说明")
    assert (result.code, result.err) == (1, "台账.xlsx: no header row found: the sheet needs a row naming the problem "
                                             "(问题, 存在问题 or title) and who is responsible (责任人, 责任领导 or 责任科室)\n")
    result = cli("import", sheet.name, "--dept", "CZJ", "--sheet", "第三批")
    assert (result.code, result.err) == (2, "台账.xlsx: no worksheet named '第三批'; the workbook has: 填表说明、整改台账\n")
    assert cli("import", sheet.name, "--dept", "CZJ", "--sheet", "整改台账", "--dry-run").code == 0


@pytest.mark.parametrize(
    ("word", "fields"),
    [
        ("已完成", "    status: closed\n    created_on: 2026-11-20\n    closed_on: 2026-11-20\n    result: 已完成\n"),
        ("已整改", "    status: closed\n    created_on: 2026-11-20\n    closed_on: 2026-11-20\n    result: 已整改\n"),
        ("完成", "    status: closed\n    created_on: 2026-11-20\n    closed_on: 2026-11-20\n    result: 完成\n"),
        ("已办结", "    status: closed\n    created_on: 2026-11-20\n    closed_on: 2026-11-20\n    result: 已办结\n"),
        ("已销号", "    status: closed\n    created_on: 2026-11-20\n    closed_on: 2026-11-20\n    result: 已销号\n"),
        ("正在整改", "    status: open\n    created_on: 2026-11-20\n"),
        ("整改中", "    status: open\n    created_on: 2026-11-20\n"),
        ("未完成", "    status: open\n    created_on: 2026-11-20\n"),
        ("未整改", "    status: open\n    created_on: 2026-11-20\n"),
        ("", "    status: open\n    created_on: 2026-11-20\n"),
        ("基本完成", "    status: open\n    created_on: 2026-11-20\n    percent: 50\n    progress:\n"
                     "      - {date: 2026-11-20, note: 基本完成}\n"),
        ("部分完成", "    status: open\n    created_on: 2026-11-20\n    percent: 50\n    progress:\n"
                     "      - {date: 2026-11-20, note: 部分完成}\n"),
        ("长期坚持", "    status: open\n    created_on: 2026-11-20\n"),
    ],
)
def test_every_status_word(cli, repo: Path, word: str, fields: str) -> None:  # type: ignore[no-untyped-def]
    text = f"填报日期：2026年11月20日\n问题,责任人,完成时限,完成情况\n会议经费超标,何勇,2026-12-31,{word}\n"
    (repo / "a.csv").write_text(text, encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "CZJ", "--no-commit")
    assert result.code == 0, result
    kind = "    type: ongoing\n" if word == "长期坚持" else ""
    assert (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8") == (
        f"department: 市财政局\ncode: CZJ\nitems:\n  - id: CZJ-001\n    title: 会议经费超标\n{kind}    owner: 何勇\n"
        f"    deadline: 2026-12-31\n{fields}")


def test_a_closed_row_takes_its_date_from_the_column_the_option_or_refuses(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    text = "问题,责任人,完成时限,完成情况,完成时间,整改结果\n甲,何勇,2026-12-31,已完成,2026/11/10,印发办法\n乙,陈静,2026-12-31,已完成,,\n"
    (repo / "a.csv").write_text(text, encoding="utf-8")
    result = cli("--lang", "zh", "import", "a.csv", "--dept", "CZJ")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "a.csv:3: 完成情况: 为“已完成”但没有完成日期：请增加“完成时间”列、在表头上方写明填报日期，或使用 --closed-on 日期")
    result = cli("import", "a.csv", "--dept", "CZJ", "--closed-on", "2026-11-12", "--no-commit")
    assert result.code == 0, result
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    # created_on is the import day, or the closure when that is earlier
    assert "    created_on: 2026-11-10\n    closed_on: 2026-11-10\n    result: 印发办法\n" in text
    assert "    created_on: 2026-11-12\n    closed_on: 2026-11-12\n    result: 已完成\n" in text


@pytest.mark.parametrize(
    ("cell", "fields"),
    [
        ("2026年12月底前", "    deadline: 2026-12-31\n"),
        ("2026.12.31", "    deadline: 2026-12-31\n"),
        ("12月31日前", "    deadline: 2026-12-31\n"),
        ("2026年第四季度", "    deadline: 2026-12-31\n"),
        ("2026年四季度前", "    deadline: 2026-12-31\n"),
        ("2026年12月中旬", "    deadline: 2026-12-20\n"),
        ("2026年12月上旬", "    deadline: 2026-12-10\n"),
        ("2026年下半年", "    deadline: 2026-12-31\n"),
        ("2027年1月", "    deadline: 2027-01-31\n"),
        ("46387", "    deadline: 2026-12-31\n"),  # an Excel serial day, as a CSV saved from Excel may hold it
        ("长期坚持", "    type: ongoing\n"),
        ("持续", "    type: ongoing\n"),
        ("常态化", "    type: ongoing\n"),
        ("立行立改", "    type: immediate\n    deadline: 2026-11-20\n"),
    ],
)
def test_every_deadline_word(cli, repo: Path, cell: str, fields: str) -> None:  # type: ignore[no-untyped-def]
    (repo / "a.csv").write_text(f"填报日期：2026-11-20\n问题,责任人,整改时限\n甲,何勇,{cell}\n", encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "CZJ", "--no-commit")
    assert result.code == 0, result
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    if "type" in fields:
        fields = fields.replace("    deadline", "    owner: 何勇\n    deadline") if "deadline" in fields else fields + "    owner: 何勇\n"
    else:
        fields = "    owner: 何勇\n" + fields
    assert text.endswith(f"    title: 甲\n{fields}    status: open\n    created_on: 2026-11-20\n")


def test_five_bad_rows_are_reported_at_once_and_nothing_is_written(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[Any]] = [
        ["市财政局整改台账"],
        ["序号", "问题描述", "责任人", "完成时限", "完成情况", "问题金额（万元）"],
        [1, "会议经费超标", "何勇", "2026-12-31", "正在整改", 12.5],
        [2, None, "陈静", "下个月", "正在整改", None],
        [3, "公车使用不规范", None, "2026-12-31", "差不多", None],
        [4, "培训费报销不严", "王芳", "2026-12-31", "正在整改", "十万"],
        [5, "资金争取不主动", "刘洋", "2026/13/45", None, None],
        [6, "资金拨付不及时", "张强", None, "正在整改", None],
    ]
    workbook(repo / "bad.xlsx", rows)
    result = cli("--lang", "zh", "import", "bad.xlsx", "--dept", "CZJ")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        "bad.xlsx:4: 问题描述: 未填写（每个问题都需要写明问题）",
        "bad.xlsx:4: 完成时限: “下个月”不是有效日期，可写 2026-12-31、2026/12/31、2026年12月31日、12月31日前、2026年12月底、"
        "2026年12月中旬、2026年第四季度、长期坚持 或 立行立改",
        "bad.xlsx:5: 责任人: 未填写（每个问题都需要责任人）",
        "bad.xlsx:5: 完成情况: “差不多”无法识别，请填写以下之一：" + "、".join(_words()),
        "bad.xlsx:6: 问题金额（万元）: “十万”不是有效金额",
        "bad.xlsx:7: 完成时限: “2026/13/45”不是有效日期，可写 2026-12-31、2026/12/31、2026年12月31日、12月31日前、"
        "2026年12月底、2026年12月中旬、2026年第四季度、长期坚持 或 立行立改",
        "bad.xlsx:8: 完成时限: 未填写（请填写日期，或“长期坚持”“立行立改”）",
        "有 5 行有误，未导入任何问题。请在表格中改正后重新导入",
    ]
    assert not (repo / "lists" / "CZJ.yaml").exists()
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"


def _words() -> tuple[str, ...]:
    from checklist.domain.import_words import STATUS_SHOWN

    return STATUS_SHOWN
