"""`checklist import`: spreadsheets as clerks keep them, all rows or none, one commit."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM, git

EXISTING = "# 市财政局整改清单\n" + ONE_ITEM


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(
        'lists = "lists"\ncategories = ["作风", "工作"]\n[departments]\nCZJ = "市财政局"\nFGW = "市发展和改革委员会"\n',
        encoding="utf-8",
    )
    (ledger / "lists" / "CZJ.yaml").write_text(EXISTING, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


def _xlsx(path: Path) -> Path:
    """A 台账 as Excel keeps it: a merged title row, a blank row, a header with spaces and notes, date cells."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    sheet.append(["市财政局突出问题整改清单"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(["序号", "存在问题 ", "整改措施", "责 任 人", "整改时限（完成时间）", "类别", "配合单位", "佐证材料"])
    sheet.append([1, "公务支出管理不严", "严格审批\n定期通报", "何勇", datetime(2026, 12, 20), "作风", "市审计局、市监察委", "无"])
    sheet.append([2, "资金争取主动性不强", "加强与省直部门对接", "陈静", date(2027, 1, 15), None, None, None])
    sheet.append([3, "预算执行进度偏慢", None, "刘洋", "2026年12月底", "工作", "市发展和改革委员会；市审计局", None])
    sheet.append([None] * 8)
    book.save(path)
    return path


def test_xlsx_with_chinese_headers_merged_title_and_date_cells(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = _xlsx(repo / "财政局台账.xlsx")
    result = cli("import", str(sheet), "--dept", "市财政局")
    assert result.code == 0, result
    assert result.out == "imported 3 item(s) into lists/CZJ.yaml: CZJ-002 … CZJ-004\n"
    assert "columns not imported: 佐证材料" in result.err
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert text.startswith(EXISTING)  # appended only: every earlier line as it was
    assert text[len(EXISTING):] == (
        "  - id: CZJ-002\n    title: 公务支出管理不严\n    category: 作风\n    owner: 何勇\n    deadline: 2026-12-20\n"
        "    status: open\n    created_on: 2026-11-25\n    partners: [市审计局, 市监察委]\n"
        "    measures: |-\n      严格审批\n      定期通报\n"
        "  - id: CZJ-003\n    title: 资金争取主动性不强\n    owner: 陈静\n    deadline: 2027-01-15\n"
        "    status: open\n    created_on: 2026-11-25\n    measures: 加强与省直部门对接\n"
        "  - id: CZJ-004\n    title: 预算执行进度偏慢\n    category: 工作\n    owner: 刘洋\n    deadline: 2026-12-31\n"
        "    status: open\n    created_on: 2026-11-25\n    partners: [市发展和改革委员会, 市审计局]\n"
    )
    # One commit for the whole import, of the list file only.
    assert git(repo, "rev-list", "--count", "HEAD") == "2\n"
    assert git(repo, "log", "-1", "--format=%B") == (
        "import 3 items: 财政局台账.xlsx\n\nChecklist-Action: import\n"
        "Checklist-Item: CZJ-002\nChecklist-Item: CZJ-003\nChecklist-Item: CZJ-004\n\n"
    )
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == "lists/CZJ.yaml\n"
    assert cli("validate").code == 0


def test_gbk_csv_into_a_new_file_starts_with_the_schema_line(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", ".").code == 0  # writes .checklist/schema.json
    csv_text = "问题,整改措施,责任人,完成时限,问题来源\n审批时限过长,压缩审批环节,张伟,2026/12/31,营商环境座谈会\n"
    (repo / "发改委.csv").write_bytes(csv_text.encode("gbk"))
    result = cli("import", "发改委.csv", "--dept", "fgw")
    assert result.code == 0, result
    assert (repo / "lists" / "FGW.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../.checklist/schema.json\n"
        "department: 市发展和改革委员会\ncode: FGW\nitems:\n"
        "  - id: FGW-001\n    title: 审批时限过长\n    owner: 张伟\n    deadline: 2026-12-31\n"
        "    status: open\n    created_on: 2026-11-25\n    source: 营商环境座谈会\n    measures: 压缩审批环节\n"
    )
    assert git(repo, "log", "-1", "--format=%s") == "import FGW-001: 审批时限过长\n"


@pytest.mark.parametrize(("encoding", "sep"), [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("gbk", ","), ("utf-16", "\t")])
def test_csv_encodings_and_english_headers(cli, repo: Path, encoding: str, sep: str) -> None:  # type: ignore[no-untyped-def]
    csv_text = "title,owner,deadline,category,partners\n会议经费超标,何勇,2026年底,作风,市审计局，市监察委\n".replace(",", sep)
    (repo / "items.csv").write_bytes(csv_text.encode(encoding))
    result = cli("--quiet", "import", "items.csv", "--dept", "CZJ", "--no-commit")
    assert (result.code, result.out, result.err) == (0, "CZJ-002\n", "")
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert "    deadline: 2026-12-31\n" in text and "    partners: [市审计局, 市监察委]\n" in text


def test_a_bad_row_writes_nothing(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    csv_text = (
        "序号,问题,责任人,整改时限,类别\n"
        "1,会议经费超标,何勇,2026-12-20,作风\n"
        "2,,陈静,2026-12-20,作风\n"
        "3,公车使用不规范,刘洋,下个月,作风\n"
        "4,培训费报销不严,王芳,2026-12-20,工做\n"
    )
    (repo / "bad.csv").write_text(csv_text, encoding="utf-8")
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    result = cli("import", "bad.csv", "--dept", "CZJ")
    assert result.code == 1, result
    assert result.out == ""
    assert result.err == (
        "bad.csv:3: 问题: empty (every item needs its problem)\n"
        "bad.csv:4: 整改时限: '下个月' is not a date; write 2026-12-31, 2026/12/31, 2026年12月31日, 12月31日前, "
        "2026年12月底, 2026年12月中旬, 2026年第四季度, 长期坚持 or 立行立改\n"
        "bad.csv:5: 类别: category '工做' is not one of 作风、工作 (did you mean '工作'?)\n"
        "3 bad row(s): nothing was imported. Fix them in the sheet and run the import again\n"
    )
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"
    assert git(repo, "status", "--porcelain", "--", "lists") == ""


def test_bad_row_in_chinese(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "bad.csv").write_text("问题,责任人,整改时限\n会议经费超标,,2026-12-20\n", encoding="utf-8")
    result = cli("--lang", "zh", "import", "bad.csv", "--dept", "CZJ")
    assert result.code == 1, result
    assert result.err == "bad.csv:2: 责任人: 未填写（每个问题都需要责任人）\n有 1 行有误，未导入任何问题。请在表格中改正后重新导入\n"


def test_dry_run_shows_the_items_and_writes_nothing(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = _xlsx(repo / "台账.xlsx")
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    result = cli("import", str(sheet), "--dept", "CZJ", "--dry-run")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0].split() == ["Row", "ID", "Problem", "Owner", "Deadline", "Status", "Category"]
    assert lines[2].split() == ["4", "CZJ-002", "公务支出管理不严", "何勇", "2026-12-20", "open", "作风"]
    assert lines[4].split() == ["6", "CZJ-004", "预算执行进度偏慢", "刘洋", "2026-12-31", "open", "工作"]
    assert result.err.endswith("CZJ 市财政局: 3 new, 0 update(s)\n3 new item(s), 0 update(s) (dry run: nothing written)\n")
    assert "columns not imported: 佐证材料" in result.err
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", 2, "old.xls: an Excel 97-2003 (.xls) or WPS (.et) workbook cannot be read; open it in Excel or WPS, choose Save As"),
        ("report.et", b"\xd0\xcf\x11\xe0", 2, "report.et: an Excel 97-2003 (.xls) or WPS (.et) workbook cannot be read"),
        ("renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 2, "renamed.xlsx: an Excel 97-2003 (.xls) or WPS (.et) workbook"),
        ("notes.docx", b"PK", 2, "notes.docx: cannot import '.docx' files; save the sheet as .xlsx or .csv (UTF-8)"),
        ("none.csv", "名称,数量\n甲,1\n".encode(), 1, "none.csv: no header row found"),
        ("cols.csv", "问题,整改措施\n甲,乙\n".encode(), 1, "cols.csv:1: the header lacks required columns: Owner, Deadline"),
        ("empty.csv", "问题,责任人,整改时限\n,,\n".encode(), 1, "empty.csv: no rows to import"),
        ("broken.xlsx", b"not a zip", 1, "broken.xlsx: not a readable .xlsx workbook"),
    ],
)
def test_unreadable_sheets(cli, repo: Path, name: str, content: bytes, code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    (repo / name).write_bytes(content)
    result = cli("import", name, "--dept", "CZJ")
    assert result.code == code, result
    assert result.err.startswith(message), result
    assert git(repo, "status", "--porcelain", "--", "lists") == ""


def test_unknown_department_and_missing_file(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "a.csv").write_text("问题,责任人,整改时限\n甲,乙,2026-12-31\n", encoding="utf-8")
    assert cli("import", "a.csv", "--dept", "XYZ").code == 1
    assert cli("import", "missing.csv", "--dept", "CZJ").code == 2
