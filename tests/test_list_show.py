"""`checklist list` and `checklist show` end to end: filters, sorting, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from report_fixtures import AS_OF, make_edge_ledger


@pytest.fixture
def edge(ledger: Path) -> Path:
    return make_edge_ledger(ledger)


def ids(out: str) -> list[str]:
    return [item["id"] for item in json.loads(out)]


def test_list_json_sorted_attention_first(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--as-of", AS_OF, "--format", "json")
    assert r.code == 0, r
    assert ids(r.out) == ["BBB-001", "AAA-004", "AAA-001", "AAA-002", "AAA-003", "BBB-002",
                          "AAA-005", "AAA-006", "AAA-007"]
    item = json.loads(r.out)[1]
    assert list(item)[-6:] == ["department", "code", "file", "state", "flags", "escalation"]
    assert item["department"] == "市甲局" and item["code"] == "AAA" and item["file"] == "lists/aaa.yaml"
    assert item["state"] == "overdue" and item["deadline"] == "2026-11-30"
    assert item["progress"] == [{"date": "2026-11-10", "note": "已召开专题会议"}]
    assert {i["state"] for i in json.loads(r.out)} == {"overdue", "due_soon", "on_track", "done"}


@pytest.mark.parametrize(("args", "expected"), [
    (["--state", "overdue"], ["BBB-001", "AAA-004"]),
    (["--state", "due_soon"], ["AAA-001", "AAA-002"]),
    (["--state", "due-soon"], ["AAA-001", "AAA-002"]),
    (["--state", "on_track"], ["AAA-003", "BBB-002"]),
    (["--state", "late"], ["AAA-006"]),
    (["--state", "done"], ["AAA-005", "AAA-006", "AAA-007"]),
    (["--state", "verified"], ["AAA-007"]),
    (["--dept", "bbb"], ["BBB-001", "BBB-002"]),
    (["--dept", "市乙局"], ["BBB-001", "BBB-002"]),
    (["--owner", "李强"], ["AAA-004", "AAA-003"]),
    (["--category", "作风", "--dept", "AAA"], ["AAA-004"]),
    (["--owner", "无此人"], []),
])
def test_list_filters(cli, edge: Path, args: list[str], expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--as-of", AS_OF, "-f", "json", *args)
    assert r.code == 0, r
    assert ids(r.out) == expected


def test_list_as_of_uses_checklist_today(cli, edge: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-12-09")
    assert ids(cli("list", "--state", "overdue", "-f", "json").out) == ["BBB-001", "AAA-004", "AAA-001", "AAA-002"]


def test_list_paths(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    assert ids(cli("list", "lists/bbb.yaml", "--as-of", AS_OF, "-f", "json").out) == ["BBB-001", "BBB-002"]


def test_list_bad_state_is_exit_2(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--state", "soon")
    assert r.code == 2, r
    assert "due_soon" in r.err


def test_list_bad_date_is_exit_2(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("list", "--as-of", "yesterday-ish").code == 2


def test_list_unknown_department_is_exit_1_with_hint(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--dept", "市乙")
    assert r.code == 1, r
    assert "市乙局" in r.err


def test_list_refuses_invalid_data(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    (edge / "lists" / "bad.yaml").write_text("department: 坏\ncode: CC\nitems:\n  - id: CC-001\n", encoding="utf-8")
    for args in (("list",), ("report",), ("show", "AAA-001")):
        r = cli(*args)
        assert r.code == 1, r
        assert "lists/bad.yaml:" in r.err and r.out == ""


def test_list_table_and_empty(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--as-of", AS_OF)
    assert r.code == 0, r
    assert r.out.index("BBB-001") < r.out.index("AAA-004") < r.out.index("AAA-001") < r.out.index("AAA-007")
    assert "overdue" in r.out and "due soon" in r.out and "on track" in r.out and "done late" in r.out
    zh = cli("--lang", "zh", "list", "--as-of", AS_OF)
    assert "逾期" in zh.out and "即将到期" in zh.out and "正常推进" in zh.out and "已销号" in zh.out
    empty = cli("list", "--owner", "无此人")
    assert empty.code == 0 and "No items match." in empty.out


def test_list_csv_and_markdown(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("list", "--as-of", AS_OF, "-f", "csv").out
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [row["ID"] for row in rows][:2] == ["BBB-001", "AAA-004"]
    assert rows[1]["Progress"] == "2026-11-10 已召开专题会议" and rows[1]["State"] == "overdue"
    md = cli("list", "--as-of", AS_OF, "-f", "markdown").out.splitlines()
    assert md[0].startswith("| ID | State |") and md[1].startswith("|---|")
    assert md[2].startswith("| BBB-001 | overdue | 市乙局 | 逾期三十天 |")
    assert len(md) == 2 + 9


def test_show_is_case_insensitive_and_full(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "aaa-004", "--as-of", AS_OF)
    assert r.code == 0, r
    for text in ("AAA-004", "市甲局 (AAA)", "overdue, 1 day(s) overdue", "开展专题教育", "2026-11-10 已召开专题会议",
                 "等待上级批复", "市委督查室", "市乙局", "lists/aaa.yaml"):
        assert text in r.out, text
    zh = cli("--lang", "zh", "show", "AAA-004", "--as-of", AS_OF).out
    for text in ("整改措施", "整改进展", "延期记录", "配合单位", "逾期 1 天", "整改时限", "责任人"):
        assert text in zh, text


def test_show_json_is_one_list_object(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "AAA-007", "--as-of", AS_OF, "--format", "json")
    assert r.code == 0, r
    item = json.loads(r.out)
    listed = next(i for i in json.loads(cli("list", "--as-of", AS_OF, "-f", "json").out) if i["id"] == "AAA-007")
    assert item == listed
    assert item["state"] == "done" and item["verified_by"] == "市委督查室"


def test_show_reopenings_and_evidence(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    (ledger / "lists" / "x.yaml").write_text(
        "department: 市丙局\ncode: CCC\nitems:\n  - id: CCC-001\n    title: 重新整改\n    owner: 王\n"
        "    deadline: 2026-12-20\n    status: closed\n    closed_on: 2026-11-28\n    result: 第二次整改到位\n"
        "    evidence:\n      - {path: evidence/方案.pdf, sha256: " + "a" * 64 + "}\n"
        "    reopenings:\n      - {date: 2026-11-10, reason: 回访发现反弹, closed_on: 2026-11-05, result: 第一次整改}\n",
        encoding="utf-8")
    out = cli("show", "ccc-001", "--as-of", AS_OF).out
    assert "evidence/方案.pdf" in out and "回访发现反弹" in out and "第一次整改" in out and "2026-11-05" in out
    md = cli("show", "CCC-001", "-f", "markdown").out
    assert md.startswith("## CCC-001 重新整改") and "| Evidence |" in md
    rows = list(csv.reader(io.StringIO(cli("show", "CCC-001", "-f", "csv").out.removeprefix("\ufeff"))))
    assert rows[0] == ["Field", "Value"] and ["ID", "CCC-001"] in rows


def test_show_unknown_id_is_exit_1(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "AAA-999")
    assert r.code == 1, r
    assert "AAA-999" in r.err and r.out == ""


def test_show_bad_format_is_exit_2(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("show", "AAA-001", "-f", "html").code == 2


def test_commands_have_help_in_both_languages(cli) -> None:  # type: ignore[no-untyped-def]
    for command in ("list", "show", "report"):
        r = cli(command, "--help")
        assert r.code == 0 and "--format" in r.out, r
    from checklist.i18n.messages.report import MESSAGES

    assert all(en.strip() and zh.strip() for en, zh in MESSAGES.values())
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in zh) for key, (en, zh) in MESSAGES.items()
               if key not in ("rpt_col_rank", "rpt_state_days"))


def test_show_accepts_paths(cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE

    result = cli("show", "czj-006", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json")
    assert result.code == 0, result
    import json

    shown = json.loads(result.out)
    assert (shown["id"], shown["state"], shown["department"]) == ("CZJ-006", "overdue", "市财政局")
