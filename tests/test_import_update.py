"""Re-importing next week's version of a 台账: rows already in the ledger are recognised;
without --update they are listed and skipped, with it their changes are applied as the
matching commands would make them, in one commit; untrusted spreadsheets are refused
in one line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import git
from tests.test_import_office import ROSTER, workbook

HEAD = ["序号", "问题", "责任人", "完成时限", "整改进展", "完成情况", "完成时间", "备注"]
WEEK1: list[list[Any]] = [
    ["市财政局整改台账"], ["填报日期：2026年11月13日"], HEAD,
    [1, "公务支出管理不严", "何勇", "2026-12-31", "已起草办法", "正在整改", None, None],
    [2, "资金拨付不及时", "陈静", "2026-12-20", None, "正在整改", None, None],
    [3, "预算执行进度偏慢", "刘洋", "2026-12-31", "已召开专题会", "正在整改", None, None],
]
WEEK2: list[list[Any]] = [
    ["市财政局整改台账"], ["填报日期：2026年11月20日"], HEAD,
    [1, "公务支出管理不严", "何勇", "2026-12-31", "办法已印发", "已完成", "2026-11-18", None],
    [2, "资金拨付 不及时", "陈静", "2026-12-20", None, "已完成", "2026-11-19", None],
    [3, "预算执行进度偏慢", "刘洋", "2026-12-31", "已约谈进度慢的科室", "正在整改", None, "需审计局配合"],
    [4, "政府采购流程繁琐", "王芳", "2027-01-31", None, "正在整改", None, None],
]


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch, cli) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-20")
    (ledger / "checklist.toml").write_text(ROSTER, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    workbook(ledger / "第1周.xlsx", WEEK1)
    assert cli("import", "第1周.xlsx", "--dept", "CZJ").code == 0
    workbook(ledger / "第2周.xlsx", WEEK2)
    return ledger


def test_without_update_the_items_already_there_are_listed_and_skipped(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    before = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    result = cli("import", "第2周.xlsx", "--dept", "CZJ")
    assert result.code == 0, result
    assert result.out == "imported 1 item(s) into lists/CZJ.yaml: CZJ-004 … CZJ-004\n"
    assert result.err.splitlines()[:4] == [
        "第2周.xlsx:4: already in the ledger as CZJ-001 (公务支出管理不严): skipped",
        "第2周.xlsx:5: already in the ledger as CZJ-002 (资金拨付不及时): skipped",
        "第2周.xlsx:6: already in the ledger as CZJ-003 (预算执行进度偏慢): skipped",
        "3 row(s) already in the ledger were skipped; --update applies their changes",
    ]
    after = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("  - id:") == 4


def test_update_closes_two_items_adds_a_note_and_a_new_item_in_one_commit(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    before = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    dry = cli("import", "第2周.xlsx", "--dept", "CZJ", "--update", "--dry-run")
    assert dry.code == 0, dry
    assert (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8") == before
    assert "1 new item(s), 3 update(s) (dry run: nothing written)" in dry.err
    result = cli("import", "第2周.xlsx", "--dept", "CZJ", "--update")
    assert result.code == 0, result
    assert result.out == ("imported 1 item(s) into lists/CZJ.yaml: CZJ-004 … CZJ-004\n"
                          "updated 3 item(s): CZJ-001、CZJ-002、CZJ-003\n")
    assert git(repo, "rev-list", "--count", "HEAD") == "3\n"
    diff = git(repo, "diff", "HEAD~1", "--", "lists/CZJ.yaml")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-    status: open",
        "+    status: closed",
        "+    closed_on: 2026-11-18",
        "+    result: 办法已印发",
        "-    status: open",
        "+    status: closed",
        "+    closed_on: 2026-11-19",
        "+    result: 已完成",
        "+    remarks: 需审计局配合",
        "+      - {date: 2026-11-20, note: 已约谈进度慢的科室}",
        "+  - id: CZJ-004",
        "+    title: 政府采购流程繁琐",
        "+    owner: 王芳",
        "+    deadline: 2027-01-31",
        "+    status: open",
        "+    created_on: 2026-11-20",
    ]
    body = git(repo, "log", "-1", "--format=%B")
    assert body.startswith("import 4 items: 第2周.xlsx\n")
    assert all(f"Checklist-Item: CZJ-00{n}\n" in body for n in (1, 2, 3, 4))
    again = cli("import", "第2周.xlsx", "--dept", "CZJ", "--update")
    assert (again.code, again.out) == (0, "nothing to import: all 4 row(s) are already in the ledger\n")
    assert git(repo, "rev-list", "--count", "HEAD") == "3\n"
    assert cli("validate").code == 0


def test_an_update_the_commands_would_refuse_is_a_row_problem(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [*WEEK2[:3], [1, "公务支出管理不严", "何勇", "2026-12-31", None, "已完成", "2026-11-01", None]]
    workbook(repo / "早.xlsx", rows)
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    result = cli("import", "早.xlsx", "--dept", "CZJ", "--update")
    assert result.code == 1
    assert result.err.splitlines()[0].startswith("早.xlsx:4: CZJ-001: the sheet's change is refused: ")
    assert "2026-11-01" in result.err.splitlines()[0]
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before


# ---------------------------------------------------------------- untrusted spreadsheets


def test_a_csv_cell_longer_than_the_csv_module_allows(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    huge = "很" * 140_000
    (repo / "a.csv").write_text(f"问题,责任人,完成时限\n{huge},何勇,2026-12-31\n", encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "CZJ")
    assert (result.code, result.err) == (1, "a.csv:2: 问题: 140000 characters, more than a cell holds (32767)\n"
                                            "1 bad row(s): nothing was imported. Fix them in the sheet and run the import again\n")


def test_a_workbook_whose_shared_strings_would_expand_hugely(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(repo / "bomb.xlsx", [["问题", "责任人", "完成时限"], ["甲", "何勇", "2026-12-31"]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings.xml", "w") as handle:  # 200 MB written a megabyte at a time
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            chunk = b"A" * (1024 * 1024)
            for _ in range(200):
                handle.write(chunk)
            handle.write(b"</t></si></sst>")
    assert path.stat().st_size < 1024 * 1024
    result = cli("import", "bomb.xlsx", "--dept", "CZJ")
    assert result.code == 1
    assert result.err.startswith("bomb.xlsx: the workbook unpacks to 200 MB (xl/sharedStrings.xml), more than a 台账 holds")


def test_a_huge_shared_string_under_the_cap_is_one_bad_cell(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(repo / "long.xlsx", [["问题", "责任人", "完成时限"], ["X", "何勇", "2026-12-31"]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<c r="A2" t="inlineStr"><is><t>X</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>')
    assert parts["xl/worksheets/sheet1.xml"] != sheet
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>' + "很".encode() * 100_000 + b"</t></si></sst>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr("xl/sharedStrings.xml", strings)
    result = cli("import", "long.xlsx", "--dept", "CZJ")
    assert (result.code, result.err.splitlines()[0]) == (1, "long.xlsx:2: 问题: 100000 characters, more than a cell holds (32767)")


def test_formulas_give_their_cached_value_and_dates_come_as_serials_or_text(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(repo / "f.xlsx", [["问题", "责任人", "完成时限", "问题金额"], ["甲", "何勇", 46387, "=1+1"],
                                       ["乙", "陈静", "2026年12月中旬", 3]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    # As openpyxl writes it, no value cached (`<v />`, or `<v></v>` when lxml is installed); as Excel saves it, 86.5.
    cached = re.sub(rb"<f>1\+1</f><v\s*/>|<f>1\+1</f><v></v>", b"<f>1+1</f><v>86.5</v>", sheet)
    assert cached != sheet
    parts["xl/worksheets/sheet1.xml"] = cached
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = cli("import", "f.xlsx", "--dept", "CZJ", "--no-commit")
    assert result.code == 0, result
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert "    title: 甲\n    owner: 何勇\n    deadline: 2026-12-31\n" in text and "    amount: 86.5\n" in text
    assert "    title: 乙\n    owner: 陈静\n    deadline: 2026-12-20\n" in text


def test_a_gbk_csv_with_a_title_row_and_a_signature_row(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    text = ("市财政局整改台账,,,\n填报单位：市财政局,,填报日期：2026年11月18日,\n序号,存在问题,责任人,完成时限\n"
            "1,会议经费超标,\"何勇\n陈静\",2026年12月底\n合计,共1项,,\n填表人：张三,,审核人：李四,\n")
    (repo / "财政.csv").write_bytes(text.encode("gbk"))
    result = cli("import", "财政.csv", "--no-commit")
    assert result.code == 0, result
    assert (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8").endswith(
        "    title: 会议经费超标\n    owner: 何勇\n    co_owners: [陈静]\n    deadline: 2026-12-31\n"
        "    status: open\n    created_on: 2026-11-18\n")


def test_with_a_created_on_column_the_same_title_listed_another_day_is_a_new_item(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    text = "问题,责任人,完成时限,交办时间\n会议经费超标,何勇,2026-12-31,2026-11-02\n"
    (repo / "a.csv").write_text(text, encoding="utf-8")
    assert cli("import", "a.csv", "--dept", "CZJ").code == 0
    (repo / "a.csv").write_text(text + "会议经费超标,何勇,2026-12-31,2026-11-16\n会议经费超标,何勇,2026-12-31,\n", encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "CZJ")
    assert result.code == 0, result
    assert result.out == "imported 1 item(s) into lists/CZJ.yaml: CZJ-005 … CZJ-005\n"
    assert result.err.splitlines()[:2] == [
        "a.csv:2: already in the ledger as CZJ-004 (会议经费超标): skipped",
        "a.csv:4: already in the ledger as CZJ-004 (会议经费超标): skipped",  # no 交办时间: the title alone
    ]


def test_update_moves_a_deadline_as_extend_would_unless_extensions_need_approval(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [*WEEK1[:3], [2, "资金拨付不及时", "陈静", "2027-01-15", None, "正在整改", None, None]]
    workbook(repo / "延期.xlsx", rows)
    result = cli("import", "延期.xlsx", "--dept", "CZJ", "--update", "--no-commit")
    assert result.code == 0, result
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert ("    deadline: 2027-01-15\n" in text and
            "    extensions:\n      - {date: 2026-11-20, from: 2026-12-20, to: 2027-01-15, reason: 依据《延期.xlsx》调整}\n" in text)
    git(repo, "checkout", "--", "lists")
    config = repo / "checklist.toml"
    config.write_text("extension_needs_approval = true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "commit", "-qam", "approval")
    result = cli("--lang", "zh", "import", "延期.xlsx", "--dept", "CZJ", "--update")
    assert (result.code, result.err.splitlines()[0]) == (
        1, "延期.xlsx:4: CZJ-002: 表中调整了 CZJ-002 的时限，而延期须经批准：请使用 checklist extend CZJ-002 --approved-by 批准人")


def test_a_verifier_who_is_the_owner_is_refused(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    text = "问题,责任人,完成时限,完成情况,销号时间\n会议经费超标,何勇,2026-12-31,已销号,2026-11-18\n"
    (repo / "a.csv").write_text(text, encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "CZJ", "--verified-by", "何 勇")
    assert (result.code, result.err.splitlines()[0]) == (
        1, "a.csv:2: 销号时间: 何 勇 is the item's responsible person and cannot verify it")


def _raw_xlsx(path: Path, sheet_data: str, after: str = "") -> Path:
    """A minimal workbook written by hand: one sheet of the given XML rows."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                                            '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData>{after}</worksheet>')
    return path


HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>问题</t></is></c><c r="B1" t="inlineStr"><is><t>责任人</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>完成时限</t></is></c></row>')
DATA_ROW = ('<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>问题{n}</t></is></c><c r="B{n}" t="inlineStr"><is><t>何勇</t></is></c>'
            '<c r="C{n}" t="inlineStr"><is><t>2026-12-31</t></is></c></row>')


def test_a_merge_over_a_million_rows_and_a_cell_past_the_last_column(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = HEADER_ROW + DATA_ROW.format(n=2) + '<row r="3"><c r="A3" t="inlineStr"><is><t>问题3</t></is></c></row>'
    _raw_xlsx(repo / "m.xlsx", rows, '<mergeCells count="1"><mergeCell ref="B2:B1048576"/></mergeCells>')
    result = cli("import", "m.xlsx", "--dept", "CZJ", "--dry-run")
    assert result.code == 1  # row 3's 责任人 is filled down (the merge), its deadline is missing
    assert result.err.splitlines()[0] == "m.xlsx:3: 完成时限: empty (write a date, 长期坚持 or 立行立改)"
    _raw_xlsx(repo / "c.xlsx", HEADER_ROW + '<row r="2"><c r="ZZZZZZZZ2"><v>1</v></c></row>')
    result = cli("import", "c.xlsx", "--dept", "CZJ")
    assert (result.code, result.err) == (1, "c.xlsx: not a readable .xlsx workbook (cell ZZZZZZZZ2 is beyond column XFD); "
                                            "open it in Excel or WPS and save it again as .xlsx\n")


def test_too_many_rows_or_merges(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from checklist.ledger import sheet_xlsx

    monkeypatch.setattr(sheet_xlsx, "MAX_ROWS", 50)
    monkeypatch.setattr(sheet_xlsx, "MAX_MERGES", 5)
    _raw_xlsx(repo / "r.xlsx", HEADER_ROW + "".join(DATA_ROW.format(n=n) for n in range(2, 60)))
    result = cli("import", "r.xlsx", "--dept", "CZJ")
    assert (result.code, result.err) == (1, "r.xlsx: more than 50 rows, more than a 台账 holds\n")
    merges = "".join(f'<mergeCell ref="D{n}:D{n + 1}"/>' for n in range(2, 12))
    _raw_xlsx(repo / "g.xlsx", HEADER_ROW + DATA_ROW.format(n=2), f"<mergeCells>{merges}</mergeCells>")
    result = cli("import", "g.xlsx", "--dept", "CZJ")
    assert result.code == 1 and result.err.startswith("g.xlsx: more than 5 merged ranges")
