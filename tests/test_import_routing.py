"""`checklist import`: rows routed to departments by their 责任单位, checked against --dept
and the sheet's 填报单位; every header variant understood."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import git
from tests.test_import_office import ROSTER, workbook


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(ROSTER, encoding="utf-8")
    (ledger / "lists" / "FGW.yaml").write_text(
        "department: 市发展和改革委员会\ncode: FGW\nitems:\n  - id: FGW-001\n    title: 项目审批慢\n    owner: 张伟\n"
        "    deadline: 2026-12-31\n    status: open\n    created_on: 2026-11-01\n", encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


SUMMARY: list[list[Any]] = [
    ["全市服务发展创优环境突出问题整改汇总台账"],
    ["序号", "责任单位", "问题", "责任人", "完成时限"],
    [1, "市财政局", "公务支出管理不严", "何勇", "2026-12-31"],
    [2, "发改委", "投资项目推进慢", "李明", "2026-12-20"],
    [3, "SWJ", "招商引资质量不高", "赵敏", "2027-03-31"],
    [4, "财政局", "资金拨付不及时", "陈静", "2026-12-31"],
    [5, "市商务局、市财政局", "外贸企业帮扶不够", "孙伟", "2026-12-31"],
]


def test_a_summary_ledger_goes_to_three_departments_in_one_commit(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    workbook(repo / "汇总台账.xlsx", SUMMARY)
    result = cli("import", "汇总台账.xlsx", "--dry-run")
    assert result.code == 0, result
    rows = [line.split()[:2] for line in result.out.splitlines()[2:] if line[:4].strip().isdigit()]
    assert rows == [["3", "CZJ-001"], ["4", "FGW-002"], ["5", "SWJ-001"], ["6", "CZJ-002"], ["7", "SWJ-002"]]
    assert result.err.splitlines() == [
        "columns not imported: none", "CZJ 市财政局: 2 new, 0 update(s)", "FGW 市发展和改革委员会: 1 new, 0 update(s)",
        "SWJ 市商务局: 2 new, 0 update(s)", "5 new item(s), 0 update(s) (dry run: nothing written)"]
    result = cli("import", "汇总台账.xlsx")
    assert result.code == 0, result
    assert result.out == (
        "imported 2 item(s) into lists/CZJ.yaml: CZJ-001 … CZJ-002\n"
        "imported 1 item(s) into lists/FGW.yaml: FGW-002 … FGW-002\n"
        "imported 2 item(s) into lists/SWJ.yaml: SWJ-001 … SWJ-002\n")
    assert git(repo, "rev-list", "--count", "HEAD") == "2\n"
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        "lists/CZJ.yaml", "lists/FGW.yaml", "lists/SWJ.yaml"]
    assert "Checklist-Item: FGW-002\n" in git(repo, "log", "-1", "--format=%B")
    swj = (repo / "lists" / "SWJ.yaml").read_text(encoding="utf-8")
    assert "    title: 外贸企业帮扶不够\n    owner: 孙伟\n    deadline: 2026-12-31\n    status: open\n" in swj
    assert "    partners: [市财政局]\n" in swj  # the second department named is a partner
    assert cli("validate").code == 0


def test_a_row_naming_no_department_is_refused_with_did_you_mean(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [*SUMMARY[:3], [2, "市发改局", "投资项目推进慢", "李明", "2026-12-20"], [3, "", "无单位", "赵敏", "2027-03-31"]]
    workbook(repo / "汇总.xlsx", rows)
    result = cli("--lang", "zh", "import", "汇总.xlsx")
    assert result.code == 1
    assert result.err.splitlines() == [
        "汇总.xlsx:4: 责任单位: “市发改局”不是名单中的单位，是否应为 市发改委 (FGW 市发展和改革委员会)？",
        "汇总.xlsx:5: 责任单位: 未填写（该行未写明责任单位）",
        "有 2 行有误，未导入任何问题。请在表格中改正后重新导入",
    ]
    assert list((repo / "lists").iterdir()) == [repo / "lists" / "FGW.yaml"]


def test_with_dept_a_sheet_of_another_department_is_refused(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["市财政局整改台账"], ["填报单位：市财政局（盖章）    填报日期：2026年11月20日"],
            ["问题", "责任人", "完成时限"], ["公务支出管理不严", "何勇", "2026-12-31"]]
    workbook(repo / "财政.xlsx", rows)
    result = cli("--lang", "zh", "import", "财政.xlsx", "--dept", "市商务局")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("财政.xlsx：该表是市财政局的（“市财政局”），不是市商务局的；"
                          "请用 --dept 指定市财政局，或不加 --dept 导入\n")
    # Without --dept, the 填报单位 says where the rows go.
    result = cli("import", "财政.xlsx")
    assert result.code == 0, result
    assert result.out == "imported 1 item(s) into lists/CZJ.yaml: CZJ-001 … CZJ-001\n"


def test_with_dept_the_unit_column_may_name_an_office_not_another_department(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["问题", "责任单位", "责任人", "完成时限"], ["公务支出管理不严", "预算科", "何勇", "2026-12-31"],
            ["投资项目推进慢", "市发改委", "李明", "2026-12-31"], ["资金拨付不及时", "市财政局", "陈静", "2026-12-31"]]
    workbook(repo / "a.xlsx", rows)
    result = cli("import", "a.xlsx", "--dept", "CZJ")
    assert result.code == 1
    assert result.err.splitlines()[0] == "a.xlsx:3: 责任单位: '市发改委' is another department, not 市财政局"
    workbook(repo / "a.xlsx", [rows[0], rows[1], rows[3]])
    assert cli("import", "a.xlsx", "--dept", "CZJ").code == 0
    text = (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8")
    assert "    title: 公务支出管理不严\n    owner: 何勇\n    unit: 预算科\n" in text
    assert "    title: 资金拨付不及时\n    owner: 陈静\n    deadline" in text


def test_no_department_anywhere_asks_for_dept(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    (repo / "a.csv").write_text("问题,责任人,完成时限\n甲,何勇,2026-12-31\n", encoding="utf-8")
    result = cli("import", "a.csv")
    assert (result.code, result.err) == (
        2, "a.csv: the sheet has no 责任单位 column and names no department of the roster; say which with --dept\n")


# Every header name of SPEC's Import section, each in a sheet with the three columns every row needs.
HEADERS = {
    "title": ["问题", "问题描述", "存在问题", "存在的突出问题", "问题表现", "主要问题", "title", "存在的问题"],
    "measures": ["整改措施"], "leader": ["责任领导", "分管领导"], "unit": ["责任科室", "责任处室"],
    "target": ["整改目标"], "progress": ["整改进展", "进展情况"], "result": ["整改结果", "完成情况说明"],
    "remarks": ["备注"], "category": ["问题类别", "类别"], "source": ["问题来源"], "partners": ["配合单位"],
    "created_on": ["交办时间", "登记时间", "发现时间"], "amount": ["问题金额", "涉及金额"],
    "recovered": ["整改金额", "整改到位金额"], "deadline": ["整改时限", "完成时限", "时限要求"],
    "owner": ["责任人", "责 任 人", "责任人\n（姓名）", "责任人的", "ＯＷＮＥＲ"], "closed_on": ["完成时间", "完成日期"],
    "verified_on": ["销号时间"],  # closed_on as SPEC says, and the verification day of a 已销号 row
    "status": ["完成情况", "整改状态", "是否完成"], "department": ["责任单位", "牵头单位"], "number": ["序号"],
}


@pytest.mark.parametrize(("field", "header"), [(f, h) for f, names in HEADERS.items() for h in names])
def test_every_header_name(field: str, header: str) -> None:
    from checklist.domain.import_header import find_header, header_field

    assert header_field(header) == field
    if field not in ("status", "progress") and not header.endswith("的"):
        assert header_field(f" {header}情况 ") == field  # a trailing 情况 is tolerated
    found = find_header([["市财政局整改台账"], ["存在问题" if field != "title" else header, "责任人" if field != "owner" else header,
                                                 "完成时限" if field != "deadline" else header, header]])
    assert found is not None and found.first == 1 and field in found.columns.values()


def test_a_commit_that_fails_puts_every_file_back(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    workbook(repo / "汇总台账.xlsx", SUMMARY)
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 台账未经审核 >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = (repo / "lists" / "FGW.yaml").read_bytes()
    result = cli("import", "汇总台账.xlsx")
    assert result.code == 1
    assert "台账未经审核" in result.err
    assert (repo / "lists" / "FGW.yaml").read_bytes() == before
    assert sorted(p.name for p in (repo / "lists").iterdir()) == ["FGW.yaml"]  # the new files removed
    assert git(repo, "-c", "core.quotepath=false", "status", "--porcelain") == "?? 汇总台账.xlsx\n"  # as they were
