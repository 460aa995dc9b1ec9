"""SPEC v2's editing: tasks, rules issued, accountability, note --percent, reopen --kind,
update's new fields and add's new options, byte for byte on the four file layouts, on
both read paths; and their refusals, each leaving the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_edit_surgical import VARIANTS, _check, _pad, _setup

pytestmark = pytest.mark.usefixtures("both_read_paths")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")


def _flush(variant: str) -> bool:
    return variant in ("flush", "bom-crlf-flush")


@pytest.mark.parametrize("variant", VARIANTS)
def test_task_add_then_done(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    first = cli("task", "add", "czj-1", "修订公务支出管理办法", "--owner", "何勇", "--deadline", "2026-11-30")
    assert (first.code, first.out) == (0, "1\n"), first
    second = cli("task", "add", "CZJ-001", "开展警示教育")
    assert (second.code, second.out) == (0, "2\n"), second
    assert cli("task", "done", "CZJ-001", "1", "--date", "2026-11-24").code == 0
    entries = ["      - {task: 修订公务支出管理办法, owner: 何勇, deadline: 2026-11-30, done_on: 2026-11-24}\n",
               "      - {task: 开展警示教育}\n"]
    expected = ["+" + _pad(variant, "    tasks:\n"), *("+" + _pad(variant, line) for line in entries)]
    _check(path, before, expected, variant)
    assert cli("validate").code == 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_rule_and_accountability(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    assert cli("rule", "CZJ-001", "市财政局公务支出管理办法", "--doc-no", "市财发〔2026〕12号", "--date", "2026-11-10").code == 0
    result = cli("accountability", "CZJ-001", "--person", "何勇", "--measure", "约谈", "--note", "审批把关不严")
    assert result.code == 0, result
    lines = ["    rules:\n", "      - {date: 2026-11-10, title: 市财政局公务支出管理办法, doc_no: 市财发〔2026〕12号}\n",
             "    accountability:\n", "      - {date: 2026-11-25, person: 何勇, measure: 约谈, note: 审批把关不严}\n"]
    _check(path, before, ["+" + _pad(variant, line) for line in lines], variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_note_with_percent(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    assert cli("note", "CZJ-001", "完成方案起草", "--percent", "40", "--date", "2026-11-20").code == 0
    note = ["+  - date: 2026-11-20\n", "+    note: 完成方案起草\n"] if _flush(variant) else \
        ["+      - {date: 2026-11-20, note: 完成方案起草}\n"]
    percent = "+" + _pad(variant, "    percent: 40\n")
    # percent goes in its place in the field table's order, before progress; the note after the last one.
    _check(path, before, [percent, *note], variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_update_new_fields(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    result = cli("update", "CZJ-001", "--leader", "刘志刚", "--unit", "预算科", "--co-owner", "赵敏",
                 "--co-owner", "孙　伟", "--amount", "86.5", "--remarks", "需市公共资源交易中心配合")
    assert result.code == 0, result
    # Each new key in its place in the field table's order; the name keeps its padding.
    lines = ["    co_owners: [赵敏, 孙　伟]\n", "    leader: 刘志刚\n", "    unit: 预算科\n",
             "    remarks: 需市公共资源交易中心配合\n", "    amount: 86.5\n"]
    _check(path, before, ["+" + _pad(variant, line) for line in lines], variant)
    assert cli("update", "CZJ-001", "--co-owner", "", "--amount", "").code == 0
    _check(path, before, ["+" + _pad(variant, line) for line in lines if "co_owners" not in line and "amount" not in line], variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_reopen_as_rebound(cli, ledger: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, variant)
    assert cli("reopen", "CZJ-002", "--reason", "回访发现问题反弹", "--kind", "反弹").code == 0
    text = path.read_bytes().decode("utf-8-sig")
    assert "reason: 回访发现问题反弹, closed_on: 2026-11-20, result: 已全面清理, kind: rebound}" in text \
        or "kind: rebound" in text
    assert cli("validate").code == 0


def test_add_with_every_v2_option(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, "indented")
    result = cli("add", "--dept", "CZJ", "--title", "公务支出把关不严", "--owner", "王芳", "--deadline", "2026-12-31",
                 "--type", "限期整改", "--created-on", "2026-11-02", "--leader", "刘志刚", "--unit", "预算科",
                 "--co-owner", "赵敏", "--target", "同比下降5%", "--remarks", "需配合")
    assert (result.code, result.out) == (0, "CZJ-003\n"), result
    lines = ["  - id: CZJ-003\n", "    title: 公务支出把关不严\n", "    owner: 王芳\n", "    co_owners: [赵敏]\n",
             "    leader: 刘志刚\n", "    unit: 预算科\n", "    deadline: 2026-12-31\n", "    status: open\n",
             "    created_on: 2026-11-02\n", "    target: 同比下降5%\n", "    remarks: 需配合\n"]
    _check(path, before, ["+" + line for line in lines], "indented")


@pytest.mark.parametrize(("kind", "expected"), [
    ("ongoing", ["    type: ongoing\n"]),
    ("立行立改", ["    type: immediate\n", "    deadline: 2026-11-25\n"]),
])
def test_add_without_a_deadline(cli, ledger: Path, kind: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    path, _ = _setup(ledger, "indented")
    result = cli("add", "--dept", "CZJ", "--title", "制度建设", "--owner", "王芳", "--type", kind)
    assert (result.code, result.out) == (0, "CZJ-003\n"), result
    text = path.read_text(encoding="utf-8")
    for line in expected:
        assert line in text.split("CZJ-003")[1]


# ---------------------------------------------------------------- refusals


WITH_TASK = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 王芳
    co_owners: [赵　敏]
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
    tasks:
      - {task: 修订办法, done_on: 2026-11-10}
      - {task: 开展培训}
"""


@pytest.mark.parametrize(("args", "code", "message"), [
    (("close", "CZJ-001", "--result", "已整改"), 1,
     "CZJ-001 cannot be closed while task 2 '开展培训' is not done (checklist task done CZJ-001 2)\n"),
    (("task", "done", "CZJ-001", "3"), 1, "CZJ-001 has no task 3 (it has 2)\n"),
    (("task", "done", "CZJ-001", "1"), 1, "task 1 of CZJ-001 was done on 2026-11-10\n"),
    (("task", "done", "CZJ-001", "2", "--date", "2026-11-01"), 1,
     "2026-11-01 is before the item was listed (2026-11-02)\n"),
    (("task", "add", "CZJ-001", " "), 1, "the task is empty\n"),
    (("accountability", "CZJ-001", "--person", "何勇", "--measure", "罚款"), 1,
     "'罚款' is not an accountability measure of this ledger: 提醒谈话、约谈、批评教育、责令检查、通报批评、诫勉、组织处理、党纪处分、政务处分\n"),
    (("note", "CZJ-001", "进展", "--percent", "101"), 2, None),
    (("update", "CZJ-001", "--amount", "很多"), 2, "--amount '很多' is not a number of 0 or more\n"),
    (("update", "CZJ-001", "--type", "马上"), 2, None),
    (("reopen", "CZJ-001", "--reason", "x", "--kind", "other"), 2, None),
    (("add", "--dept", "CZJ", "--title", "甲", "--owner", "乙", "--deadline", "2026-12-31", "--created-on", "2026-11-26"), 1,
     "the listing day 2026-11-26 is after today (2026-11-25)\n"),
    (("add", "--dept", "CZJ", "--title", "甲", "--owner", "乙", "--type", "deadline"), 2, None),
])
def test_refusals_leave_the_file_untouched(cli, ledger: Path, args: tuple[str, ...], code: int, message: str | None) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(WITH_TASK, encoding="utf-8")
    result = cli(*args)
    assert result.code == code, result
    if message is not None:
        assert result.err == message, result
    assert "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == WITH_TASK


def test_verify_refuses_a_co_owner_however_spaced(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    closed = WITH_TASK.replace("      - {task: 开展培训}\n", "      - {task: 开展培训, done_on: 2026-11-11}\n")
    closed = closed.replace("status: open", "status: closed") + "    closed_on: 2026-11-20\n    result: 已整改\n"
    path.write_text(closed, encoding="utf-8")
    result = cli("verify", "CZJ-001", "--by", "赵敏")
    assert result.code == 1, result
    assert result.err == "赵敏 is one of the item's responsible persons: the fix must be verified by someone else\n"
    assert path.read_text(encoding="utf-8") == closed


def test_task_done_keeps_a_block_entry_and_its_comments(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path = ledger / "lists" / "CZJ.yaml"
    text = ("department: 市财政局\ncode: CZJ\nitems:\n- id: CZJ-001\n  title: 甲\n  owner: 王芳\n  deadline: 2026-12-31\n"
            "  status: open\n  tasks:\n  - task: 一\n    owner: 何勇   # 负责人\n  # 说明\n  - task: 二\n")
    path.write_text(text, encoding="utf-8")
    assert cli("task", "done", "CZJ-001", "1").code == 0
    assert path.read_text(encoding="utf-8") == text.replace("    owner: 何勇   # 负责人\n", "    owner: 何勇   # 负责人\n    done_on: 2026-11-25\n")


@pytest.mark.parametrize("given", ["150", "-1", "abc", "4.5", ""])
def test_note_percent_refused_in_the_users_words(cli, ledger: Path, given: str) -> None:  # type: ignore[no-untyped-def]
    path, before = _setup(ledger, "indented")
    result = cli("--lang", "zh", "note", "CZJ-001", "完成方案起草", "--percent", given)
    assert result.code == 2, result
    assert f"--percent：“{given}”应为 0 到 100 之间的整数" in result.err
    assert path.read_bytes() == before


def test_note_percent_as_clerks_type_it(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ = _setup(ledger, "indented")
    assert cli("note", "CZJ-001", "过半", "--percent", "６０%", "--date", "2026-11-20").code == 0
    assert "    percent: 60\n" in path.read_text(encoding="utf-8")
