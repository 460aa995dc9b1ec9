"""Shell completion, driven the way bash drives it: the completion variables, a separate process."""

from __future__ import annotations

from pathlib import Path

import pytest

LIST = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 王芳
    leader: 刘志刚
    unit: 机关党委
    deadline: 2026-12-31
    status: open
  - id: CZJ-002
    title: 会议经费超标
    category: 作风
    owner: 何勇
    deadline: 2026-12-31
    status: closed
    closed_on: 2026-11-20
    result: 已清退
  - id: CZJ-003
    title: 公车使用不规范
    owner: 陈静
    deadline: 2026-12-31
    status: verified
    closed_on: 2026-11-20
    result: 已整改
    verified_on: 2026-11-22
    verified_by: 市委督查室
"""


@pytest.fixture
def root(ledger: Path) -> Path:
    (ledger / "checklist.toml").write_text(
        'lists = "lists"\ncategories = ["作风", "工作"]\n[departments]\nCZJ = "市财政局"\nFGW = "市发展和改革委员会"\n',
        encoding="utf-8",
    )
    (ledger / "lists" / "CZJ.yaml").write_text(LIST, encoding="utf-8")
    return ledger


def complete(cli_proc, cwd: Path, line: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What bash is offered for the command line typed so far (the last word is being completed)."""
    words = line.split(" ")
    result = cli_proc(cwd=cwd, env={"_CHECKLIST_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
    assert (result.code, result.err) == (0, ""), result
    return [word for word in result.out.splitlines() if word]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("checklist close ", ["CZJ-001"]),
        ("checklist note ", ["CZJ-001"]),
        ("checklist extend ", ["CZJ-001"]),
        ("checklist verify ", ["CZJ-002"]),
        ("checklist reopen ", ["CZJ-002", "CZJ-003"]),
        ("checklist show ", ["CZJ-001", "CZJ-002", "CZJ-003"]),
        ("checklist history czj-00", ["czj-001", "czj-002", "czj-003"]),
        ("checklist update CZJ-003", ["CZJ-003"]),
        ("checklist add --dept ", ["CZJ", "FGW"]),
        ("checklist list --dept 市", ["市财政局", "市发展和改革委员会"]),
        ("checklist import 台账.xlsx --dept f", ["fGW"]),
        ("checklist list --owner ", ["何勇", "王芳", "陈静"]),
        ("checklist add --category ", ["作风", "工作"]),
        ("checklist task done ", ["CZJ-001"]),
        ("checklist rule CZJ-00", ["CZJ-001", "CZJ-002", "CZJ-003"]),
        ("checklist accountability CZJ-001 --measure 约", ["约谈"]),
        ("checklist add --type ", ["immediate", "deadline", "ongoing"]),
        ("checklist list --leader ", ["刘志刚"]),
        ("checklist update CZJ-001 --unit ", ["机关党委"]),
        ("checklist ta", ["task"]),
        ("checklist cl", ["close"]),
        ("checklist im", ["import"]),
        ("checklist recheck ", ["CZJ-002", "CZJ-003"]),
        ("checklist recheck CZJ-002 --result ", ["ok", "rebound", "false"]),
        ("checklist sample --dept C", ["CZJ"]),
        ("checklist notice --dept ", ["CZJ", "FGW"]),
        ("checklist sa", ["sample"]),
    ],
)
def test_completion(cli_proc, root: Path, line: str, offered: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert complete(cli_proc, root, line) == offered


def test_outside_a_ledger_completes_nothing_and_prints_no_error(cli_proc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert complete(cli_proc, tmp_path, "checklist close ") == []


def test_a_broken_list_file_completes_the_valid_items(cli_proc, root: Path) -> None:  # type: ignore[no-untyped-def]
    (root / "lists" / "bad.yaml").write_text("department: [\n", encoding="utf-8")
    assert complete(cli_proc, root, "checklist close ") == ["CZJ-001"]
