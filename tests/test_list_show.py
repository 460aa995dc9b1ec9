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
    r = cli("show", "AAA-001")
    assert r.code == 1, r
    assert "lists/bad.yaml:" in r.err and r.out == ""
    # v2: list and report show every valid file and name the department left out (exit 1).
    for args in (("list",), ("report",)):
        r = cli(*args)
        assert r.code == 1, r
        assert "lists/bad.yaml:" in r.err and "坏 (CC): lists/bad.yaml:4:" in r.out and "AAA-001" in r.out


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
    # Every message with words has Chinese words; a pure layout ("{state}（{level}）", "、") has none to translate.
    import re

    worded = {key: zh for key, (en, zh) in MESSAGES.items() if re.search("[A-Za-z]", re.sub(r"\{\w*\}", "", en))}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in zh) for zh in worded.values())
    assert {"rpt_col_rank", "rpt_state_days", "rpt_list_sep"}.isdisjoint(worded) and len(worded) > 50


def test_show_accepts_paths(cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE

    result = cli("show", "czj-006", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json")
    assert result.code == 0, result
    import json

    shown = json.loads(result.out)
    assert (shown["id"], shown["state"], shown["department"]) == ("CZJ-006", "overdue", "市财政局")


# SPEC v2 items in `list` and `show`: the ledger of tests/v2_fixtures.py (its docstring says what each item is).

@pytest.fixture
def v2(ledger: Path) -> Path:
    from v2_fixtures import make_v2_ledger

    return make_v2_ledger(ledger)


def _rows_of(out: str, width: int) -> dict[str, list[str]]:
    """A terminal table's rows by ID: each row's lines (a row goes on until the next ID)."""
    lines = out.splitlines()
    assert all(_cells(line) <= width for line in lines), out
    rows: dict[str, list[str]] = {}
    current = None
    for line in lines[2:]:
        if line[:1].strip():
            current = line.split()[0]
            rows[current] = []
        assert current is not None
        rows[current].append(line)
    return rows


def _cells(line: str) -> int:
    from checklist.render.grid import cell_len

    return cell_len(line)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("lang", "words"), [
    ("en", {"FGW-001": ["overdue", "(interview)", "not updated"], "CZJ-002": ["overdue", "(supervise)", "partly done",
            "behind", "not updated"], "CZJ-001": ["overdue", "(remind)", "partly done", "behind", "extended"],
            "FGW-003": ["on track", "extended"], "CZJ-003": ["ongoing", "partly done"], "FGW-004": ["done"]}),
    ("zh", {"FGW-001": ["逾期（约谈）", "未按时报送"], "CZJ-002": ["逾期（督办）", "部分整改", "进度滞后", "未按时报送"],
            "CZJ-001": ["逾期（催办）", "部分整改", "进度滞后", "已延期"], "FGW-003": ["正常推进", "已延期"],
            "CZJ-003": ["持续整改", "部分整改"], "FGW-004": ["已完成"]}),
])
def test_list_table_shows_state_level_and_flags_in_words(cli, v2: Path, monkeypatch: pytest.MonkeyPatch, width: int,
                                                         lang: str, words: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(width))
    r = cli("--lang", lang, "list", "--as-of", AS_OF)
    assert r.code == 0, r
    assert "None" not in r.out
    rows = _rows_of(r.out, width)
    state_at = len("FGW-001") + 2  # the ID column (ASCII), then the gap
    for item_id, expected in words.items():
        # the state column holds the state, its level, then one flag a line, in that order
        column_ = [line[state_at:].split("  ")[0] for line in rows[item_id] if line[state_at:state_at + 1].strip()]
        joined = " ".join(column_)
        assert joined == " ".join(expected), (item_id, rows[item_id])
    # an ongoing item: 长期坚持 in the deadline column, and no day count after it
    assert rows["CZJ-003"][0].split()[-1] == ("long-term" if lang == "en" else "长期坚持")


def test_list_ongoing_is_blue_with_its_word_on_a_terminal(v2: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from checklist.domain.states import select
    from checklist.ledger.files import open_ledger
    from checklist.render import table

    class TTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    ledger_ = open_ledger(None)
    views = select(ledger_.records(), date(2026, 12, 1), ledger_.policy(), state="ongoing")
    out = TTY()
    table.items(views, file=out)
    assert "\x1b[34mongoing\x1b[0m" in out.getvalue()  # blue, and the word itself


@pytest.mark.parametrize(("args", "expected"), [
    (["--state", "ongoing"], ["CZJ-003"]),
    (["--state", "持续整改"], ["CZJ-003"]),
    (["--state", "partial"], ["CZJ-002", "CZJ-001", "CZJ-003"]),
    (["--state", "进度滞后"], ["CZJ-002", "CZJ-001", "FGW-002"]),
    (["--state", "extended"], ["CZJ-001", "FGW-003"]),
    (["--state", "未按时报送"], ["FGW-001", "CZJ-002"]),
    (["--leader", "刘志刚"], ["CZJ-001", "CZJ-003"]),
    (["--unit", "预算科"], ["CZJ-001"]),
    (["--type", "长期坚持"], ["CZJ-003"]),
])
def test_list_v2_filters(cli, v2: Path, args: list[str], expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = cli("list", "--as-of", AS_OF, "-f", "json", *args)
    assert r.code == 0, r
    assert ids(r.out) == expected


def test_list_markdown_has_flags_and_escalation(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    md = cli("list", "--as-of", AS_OF, "-f", "markdown").out.splitlines()
    assert md[0] == "| ID | State | Department | Problem | Owner | Deadline | Days | Flags | Escalation |"
    assert ("| CZJ-001 | overdue | 市财政局 | 公务支出管理不严，会议培训存在浪费 | 王芳 | 2026-11-28 | 3 day(s) overdue "
            "| partly done, behind, extended | remind |") in md
    assert "| CZJ-003 | ongoing | 市财政局 | 预算绩效管理长效机制不健全 | 王芳 | long-term |  | partly done |  |" in md
    zh = cli("--lang", "zh", "list", "--as-of", AS_OF, "-f", "markdown").out.splitlines()
    assert zh[0] == "| 编号 | 状态 | 责任单位 | 问题 | 责任人 | 整改时限 | 天数 | 状态标记 | 督办级别 |"
    assert "| FGW-001 | 逾期 | 市发展和改革委员会 | 项目审批服务不主动 | 李卫东 | 2026-10-22 | 逾期 40 天 | 未按时报送 | 约谈 |" in zh
    assert "| CZJ-003 | 持续整改 | 市财政局 | 预算绩效管理长效机制不健全 | 王芳 | 长期坚持 |  | 部分整改 |  |" in zh


def test_list_csv_has_v2_fields_flags_and_escalation(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("--lang", "zh", "list", "--as-of", AS_OF, "-f", "csv").out
    rows = {row["编号"]: row for row in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))}
    assert "None" not in out
    one = rows["CZJ-001"]
    assert (one["状态"], one["状态标记"], one["督办级别"]) == ("逾期", "部分整改、进度滞后、已延期", "催办")
    assert (one["责任领导"], one["责任科室"], one["整改类型"], one["整改进度"]) == ("刘志刚", "预算科", "限期整改", "40")
    assert (one["问题金额（万元）"], one["整改到位金额（万元）"]) == ("120", "50")
    assert one["建章立制"] == "2026-11-20 市财政局公务支出管理办法（市财发〔2026〕12号）"
    assert one["问责情况"] == "2026-11-21 何勇：约谈（审批把关不严）"
    ongoing = rows["CZJ-003"]
    assert (ongoing["状态"], ongoing["整改时限"], ongoing["其他责任人"]) == ("持续整改", "长期坚持", "赵敏、孙伟")
    assert ongoing["任务清单"] == "1. 制定绩效评价办法（赵敏，2026-11-30 前完成）：2026-11-27 已完成\n2. 开展年度绩效评价（2027-03-31 前完成）：未完成"
    assert rows["FGW-001"]["督办级别"] == "约谈" and rows["CZJ-002"]["督办级别"] == "督办"
    assert rows["CZJ-004"]["回头看"] == "2026-11-25 市委督查室：巩固（抽查3个项目未发现反弹）"
    assert rows["CZJ-005"]["重新整改记录"] == "2026-11-27：反弹，回头看发现反弹（原完成日期 2026-11-01：已征缴）"


def _show(cli, lang: str, item_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = cli("--lang", lang, "show", item_id, "--as-of", AS_OF, "-f", "csv")
    assert r.code == 0, r
    return dict(csv.reader(io.StringIO(r.out.removeprefix("\ufeff"))))


def test_show_v2_fields_in_english(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    one = _show(cli, "en", "CZJ-001")
    assert {k: one[k] for k in ("State", "Flags", "Escalation", "Type", "Leader", "Unit", "Progress %", "Amount",
                                "Recovered", "Rules issued", "Accountability")} == {
        "State": "overdue, 3 day(s) overdue", "Flags": "partly done, behind, extended", "Escalation": "remind",
        "Type": "by a deadline", "Leader": "刘志刚", "Unit": "预算科", "Progress %": "40%", "Amount": "120 万元",
        "Recovered": "50 万元", "Rules issued": "2026-11-20 市财政局公务支出管理办法 (市财发〔2026〕12号)",
        "Accountability": "2026-11-21 何勇: 约谈 (审批把关不严)"}
    ongoing = _show(cli, "en", "CZJ-003")
    assert (ongoing["State"], ongoing["Deadline"], ongoing["Type"], ongoing["Co-owners"]) == (
        "ongoing", "long-term", "ongoing", "赵敏, 孙伟")
    assert ongoing["Tasks"] == ("1. 制定绩效评价办法 (赵敏, due 2026-11-30): done 2026-11-27\n"
                                "2. 开展年度绩效评价 (due 2027-03-31): not done")
    assert (ongoing["Target"], ongoing["Remarks"]) == ("建立预算绩效管理长效机制", "需市审计局配合")
    assert "Escalation" not in ongoing
    assert _show(cli, "en", "CZJ-004")["Rechecks"] == "2026-11-25 市委督查室: holds (抽查3个项目未发现反弹)"
    assert _show(cli, "en", "CZJ-005")["Reopenings"] == (
        "2026-11-27: rebound, 回头看发现反弹 (earlier closure 2026-11-01: 已征缴)")


def test_show_v2_fields_in_chinese(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    one = _show(cli, "zh", "CZJ-001")
    assert {k: one[k] for k in ("状态", "状态标记", "督办级别", "整改类型", "整改进度", "问题金额", "整改到位金额",
                                "延期记录")} == {
        "状态": "逾期，逾期 3 天", "状态标记": "部分整改、进度滞后、已延期", "督办级别": "催办", "整改类型": "限期整改",
        "整改进度": "40%", "问题金额": "120 万元", "整改到位金额": "50 万元",
        "延期记录": "2026-11-14：2026-11-15 延至 2026-11-28，等待审计结果（刘志刚 批准）"}
    ongoing = _show(cli, "zh", "CZJ-003")
    assert (ongoing["状态"], ongoing["整改时限"], ongoing["整改类型"], ongoing["其他责任人"]) == (
        "持续整改", "长期坚持", "长期坚持", "赵敏、孙伟")
    late = _show(cli, "zh", "CZJ-004")
    assert (late["状态"], late["整改进度"], late["建章立制"], late["问责情况"], late["回头看"]) == (
        "已销号（逾期完成）", "100%", "2026-11-05 政府采购内控规程", "2026-11-06 周涛：提醒谈话",
        "2026-11-25 市委督查室：巩固（抽查3个项目未发现反弹）")
    assert "状态标记" not in late  # done late is in the state already
    assert _show(cli, "zh", "FGW-001")["督办级别"] == "约谈"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_table_reads_as_a_sheet(cli, v2: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("--lang", lang, "show", "CZJ-003", "--as-of", AS_OF)
    assert r.code == 0, r
    assert all(_cells(line) <= 80 for line in r.out.splitlines())
    assert "None" not in r.out and "due today" not in r.out
    label, value = ("Deadline", "long-term") if lang == "en" else ("整改时限", "长期坚持")
    assert any(line.split() == [label, value] for line in r.out.splitlines()), r.out


def test_show_json_has_flags_and_escalation(cli, v2: Path) -> None:  # type: ignore[no-untyped-def]
    item = json.loads(cli("show", "CZJ-002", "--as-of", AS_OF, "-f", "json").out)
    assert (item["state"], item["flags"], item["escalation"]) == ("overdue", ["partial", "behind", "stale"], "supervise")
