"""IDs on input: case, width, spaces and padding aside, `ＣＺＪ－００１`, `czj-1` and
` CZJ-001 ` name CZJ-001 in every command that takes an ID; two IDs that both fit are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.domain.ids import id_matcher, normalize_id, pick
from checklist.errors import ChecklistError

from conftest import git

LIST = """\
department: 市财政局
code: CZJ
items:
  - id: CZJ-001
    title: 部分干部思想松懈
    owner: 王芳
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
  - id: CZJ-002
    title: 会议经费超标
    owner: 何勇
    deadline: 2026-12-31
    status: closed
    created_on: 2026-11-02
    closed_on: 2026-11-20
    result: 已清退
  - id: CZJ-010
    title: 公车使用不规范
    owner: 陈静
    deadline: 2026-12-31
    status: open
    created_on: 2026-11-02
"""
# Each ID as a clerk may type it: full width from a Chinese input method, lower case without
# the padding, stray spaces around it.
TYPED = ["ＣＺＪ－００{n}", "czj-{n}", " CZJ-00{n} "]


@pytest.mark.parametrize(("typed", "canonical"), [
    ("CZJ-001", "CZJ-001"),
    ("czj-001", "CZJ-001"),
    (" CZJ-001 ", "CZJ-001"),
    ("ＣＺＪ－００１", "CZJ-001"),
    ("ｃｚｊ－１", "CZJ-1"),
    ("CZJ\u3000-\t001", "CZJ-001"),
    ("CZJ\u2014001", "CZJ-001"),   # the dash a Chinese input method gives for shift+minus
    ("CZJ\u2013001", "CZJ-001"),
    ("CZJ﹣001", "CZJ-001"),
    ("fgw2-0042", "FGW2-0042"),
    ("no id", "NOID"),
])
def test_normalize_id(typed: str, canonical: str) -> None:
    assert normalize_id(typed) == canonical


@pytest.mark.parametrize(("typed", "written", "same"), [
    ("CZJ-001", "CZJ-001", True),
    ("czj-1", "CZJ-001", True),
    ("czj-01", "CZJ-001", True),
    ("CZJ-0001", "CZJ-001", True),     # the padding is optional both ways
    ("czj-1", "CZJ-0001", True),
    ("ＣＺＪ－００１", "CZJ-001", True),
    ("czj-1", "CZJ-010", False),
    ("czj-10", "CZJ-010", True),
    ("czj-10", "CZJ-100", False),
    ("czj-1", "CZJ-1000", False),
    ("czj-0", "CZJ-000", True),
    ("czj-1", "FGW-001", False),
    ("czj-1", "XCZJ-001", False),
    ("czj-1", "CZJ2-001", False),
    ("czj-1", "CZJ-00１", False),      # a file's ID is ASCII or it is not this one
    ("czj-1", 1, False),
    ("czj-1", None, False),
    ("CZJ-" + "0" * 5000 + "1", "CZJ-001", True),   # compared as text: no int() limit
    ("CZJ", "CZJ", True),
    ("CZJ", "CZJ-001", False),
])
def test_id_matcher(typed: str, written: object, same: bool) -> None:
    assert id_matcher(typed)(written) is same


def find(typed: str, ids: list[str]) -> list[str]:
    """The lookup every command makes: one pass with the matcher, then pick."""
    wanted = id_matcher(typed)
    return pick(typed, [i for i in ids if wanted(i)], str)


def test_the_exact_id_wins_and_two_that_fit_are_refused() -> None:
    ids = ["CZJ-001", "CZJ-0001", "CZJ-010", "FGW-001"]
    assert find("czj-001", ids) == ["CZJ-001"]
    assert find("ＣＺＪ－０００１", ids) == ["CZJ-0001"]
    assert find("czj-10", ids) == ["CZJ-010"]
    assert find("czj-2", ids) == []
    with pytest.raises(ChecklistError) as caught:
        find("czj-1", ids)
    assert caught.value.key == "id_ambiguous"
    assert caught.value.message() == "ID 'czj-1' could be CZJ-0001、CZJ-001: type it in full, as the list writes it"


def test_pick_leaves_the_same_id_twice_to_the_caller() -> None:
    assert pick("czj-1", [("a", "CZJ-001"), ("b", "CZJ-001")], lambda e: e[1]) == [("a", "CZJ-001"), ("b", "CZJ-001")]


def test_find_in_a_hundred_thousand_ids() -> None:
    ids = [f"D{d:03d}-{n:03d}" for d in range(100) for n in range(1, 1001)]
    assert find("d042-7", ids) == ["D042-007"]
    assert find("ｄ０９９－１０００", ids) == ["D099-1000"]


# ---------------------------------------------------------------- the commands


@pytest.fixture
def repo(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "lists" / "CZJ.yaml").write_text(LIST, encoding="utf-8")
    git(ledger, "init", "-q")
    git(ledger, "add", "-A")
    git(ledger, "commit", "-qm", "start")
    return ledger


OPEN_BLOCK = "    status: open\n    created_on: 2026-11-02\n  - id: CZJ-002\n"
CLOSED_BLOCK = "    closed_on: 2026-11-20\n    result: 已清退\n  - id: CZJ-010\n"
# (command, its arguments after the ID, the item's number, what it prints, the text replaced, its replacement)
EDITS = [
    ("close", ["--result", "已整改"], 1, "closed CZJ-001: 部分干部思想松懈", OPEN_BLOCK,
     "    status: closed\n    created_on: 2026-11-02\n    closed_on: 2026-11-25\n    result: 已整改\n  - id: CZJ-002\n"),
    ("note", ["已召开专题会议"], 1, "noted progress on CZJ-001: 部分干部思想松懈", OPEN_BLOCK,
     OPEN_BLOCK.replace("  - id", "    progress:\n      - {date: 2026-11-25, note: 已召开专题会议}\n  - id")),
    ("extend", ["--to", "2027-01-31", "--reason", "等待批复"], 1, "extended CZJ-001 to 2027-01-31: 部分干部思想松懈",
     "    deadline: 2026-12-31\n" + OPEN_BLOCK,
     "    deadline: 2027-01-31\n" + OPEN_BLOCK.replace(
         "  - id", "    extensions:\n      - {date: 2026-11-25, from: 2026-12-31, to: 2027-01-31, reason: 等待批复}\n  - id")),
    ("update", ["--owner", "李强"], 1, "updated CZJ-001: 部分干部思想松懈", "    owner: 王芳\n", "    owner: 李强\n"),
    ("reopen", ["--reason", "回访发现反弹"], 2, "reopened CZJ-002: 会议经费超标",
     "    status: closed\n    created_on: 2026-11-02\n" + CLOSED_BLOCK,
     "    status: open\n    created_on: 2026-11-02\n    reopenings:\n"
     "      - {date: 2026-11-25, reason: 回访发现反弹, closed_on: 2026-11-20, result: 已清退}\n  - id: CZJ-010\n"),
    ("verify", ["--by", "市委督查室"], 2, "verified CZJ-002: 会议经费超标",
     "    status: closed\n    created_on: 2026-11-02\n" + CLOSED_BLOCK,
     "    status: verified\n    created_on: 2026-11-02\n" + CLOSED_BLOCK.replace(
         "  - id", "    verified_on: 2026-11-25\n    verified_by: 市委督查室\n  - id")),
]


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize(("command", "args", "number", "printed", "old", "new"), EDITS, ids=[e[0] for e in EDITS])
def test_edit_commands_take_the_id_as_typed(cli, repo: Path, typed: str, command: str, args: list[str],  # type: ignore[no-untyped-def]
                                            number: int, printed: str, old: str, new: str) -> None:
    assert LIST.count(old) == 1
    result = cli(command, typed.format(n=number), *args)
    assert result.code == 0, result
    assert result.out == f"{printed} (lists/CZJ.yaml)\n"
    assert (repo / "lists" / "CZJ.yaml").read_text(encoding="utf-8") == LIST.replace(old, new)
    item_id = f"CZJ-00{number}"
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith(f"{command} {item_id}: ")
    assert f"Checklist-Item: {item_id}\n" in message


@pytest.mark.parametrize("typed", TYPED)
def test_show_takes_the_id_as_typed(cli, repo: Path, typed: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", typed.format(n=1), "--format", "json")
    assert result.code == 0, result
    assert json.loads(result.out)["id"] == "CZJ-001"


@pytest.mark.parametrize("typed", TYPED)
def test_history_takes_the_id_as_typed(cli, repo: Path, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "CZJ-001", "已召开专题会议").code == 0
    result = cli("history", typed.format(n=1), "--format", "json")
    assert result.code == 0, result
    entries = json.loads(result.out)
    assert [e["subject"] for e in entries] == ["start", "note CZJ-001: 部分干部思想松懈"]
    table = cli("history", typed.format(n=1))
    assert table.code == 0, table
    assert table.out.startswith("History of CZJ-001\n")


def test_history_of_a_deleted_item_without_its_padding(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    path = repo / "lists" / "CZJ.yaml"
    path.write_text(LIST.replace(LIST[LIST.index("  - id: CZJ-001"):LIST.index("  - id: CZJ-002")], ""), encoding="utf-8")
    git(repo, "commit", "-qam", "delete CZJ-001")
    entries = json.loads(cli("history", "czj-1", "--format", "json").out)
    assert [e["subject"] for e in entries] == ["start", "delete CZJ-001"]


def test_an_id_of_another_width_mentioned_in_a_note_is_not_a_second_item(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "CZJ-010", "与CZJ-0001号问题一并整改").code == 0
    result = cli("history", "czj-1", "--format", "json")
    assert result.code == 0, result
    assert [e["subject"] for e in json.loads(result.out)] == ["start"]


def test_a_number_that_is_no_item_is_unknown(cli, repo: Path) -> None:  # type: ignore[no-untyped-def]
    before = (repo / "lists" / "CZJ.yaml").read_bytes()
    result = cli("note", "czj-3", "进展")
    assert result.code == 1, result
    assert result.err.startswith("no item CZJ-3 in the ledger")
    assert cli("show", "czj-3").err == "no item CZJ-3 in the ledger; `checklist list` shows the IDs\n"
    assert cli("history", "ｃｚｊ－３").err == "no item CZJ-3 in the git history\n"
    assert (repo / "lists" / "CZJ.yaml").read_bytes() == before


@pytest.fixture
def two_widths(repo: Path) -> Path:
    """CZJ-001 and CZJ-0001: two IDs (both valid, both unique) with one number."""
    text = LIST + "  - id: CZJ-0001\n    title: 宽编号\n    owner: 赵敏\n    deadline: 2026-12-31\n    status: open\n"
    (repo / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "a wider ID")
    return repo


@pytest.mark.parametrize("command", [("note", "czj-1", "进展"), ("show", "czj-1"), ("history", "czj-01")])
def test_two_ids_that_both_fit_are_refused(cli, two_widths: Path, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    before = (two_widths / "lists" / "CZJ.yaml").read_bytes()
    result = cli(*command)
    assert result.code == 1, result
    assert result.err == f"ID '{command[1]}' could be CZJ-0001、CZJ-001: type it in full, as the list writes it\n"
    assert (two_widths / "lists" / "CZJ.yaml").read_bytes() == before


def test_two_ids_that_both_fit_in_chinese(cli, two_widths: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "zh", "show", "czj-1")
    assert result.code == 1, result
    assert result.err == "编号“czj-1”可能是 CZJ-0001、CZJ-001：请按清单中的写法完整输入\n"


def test_the_exact_id_wins_over_another_width(cli, two_widths: Path) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(cli("show", "ｃｚｊ－０００１", "-f", "json").out)["title"] == "宽编号"
    result = cli("note", "czj-001", "进展")
    assert result.code == 0, result
    assert result.out == "noted progress on CZJ-001: 部分干部思想松懈 (lists/CZJ.yaml)\n"
    subjects = [e["subject"] for e in json.loads(cli("history", "CZJ-0001", "-f", "json").out)]
    assert subjects == ["a wider ID"]
