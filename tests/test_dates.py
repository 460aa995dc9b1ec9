"""DATE: every form SPEC lists, the year-less forms on both sides of the reference day,
the errors, and the commands that take a DATE end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checklist import i18n
from checklist.domain.dates import parse_date, shift
from checklist.errors import UsageError

from conftest import ONE_ITEM
from report_fixtures import make_edge_ledger

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", TODAY.isoformat())


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-31", date(2026, 12, 31)),
    ("2026-1-5", date(2026, 1, 5)),
    ("2026/12/31", date(2026, 12, 31)),
    ("2026.12.31", date(2026, 12, 31)),
    ("２０２６－１２－３１", date(2026, 12, 31)),
    ("２０２６／１２／３１", date(2026, 12, 31)),
    (" 2026-12-31 ", date(2026, 12, 31)),
    ("2026年12月31日", date(2026, 12, 31)),
    ("2026年12月31号", date(2026, 12, 31)),
    ("2026 年 12 月 31 日", date(2026, 12, 31)),
    ("2026\u3000年\u300012\u3000月\u30001\u3000日", date(2026, 12, 1)),
    ("２０２６年１２月３１日", date(2026, 12, 31)),
    ("today", TODAY),
    ("TODAY", TODAY),
    ("今天", TODAY),
    ("+10d", date(2026, 12, 5)),
    ("+2w", date(2026, 12, 9)),
    ("+1m", date(2026, 12, 25)),
    ("+3m", date(2027, 2, 25)),
    ("+0d", TODAY),
    ("＋１０ｄ", date(2026, 12, 5)),
    ("-7d", date(2026, 11, 18)),
    ("-2w", date(2026, 11, 11)),
    ("-1m", date(2026, 10, 25)),
    ("-12m", date(2025, 11, 25)),
    ("－7d", date(2026, 11, 18)),   # full-width hyphen-minus
    ("\u22127d", date(2026, 11, 18)),  # the minus sign
    ("2026年12月底", date(2026, 12, 31)),
    ("2026年12月末", date(2026, 12, 31)),
    ("2026年2月底", date(2026, 2, 28)),
    ("2028年2月底", date(2028, 2, 29)),
    ("2026年底", date(2026, 12, 31)),
    ("2026年末", date(2026, 12, 31)),
    ("2026年年底", date(2026, 12, 31)),
    ("2026年12月", date(2026, 12, 31)),
    ("2026年9月", date(2026, 9, 30)),
    ("2026年9月份", date(2026, 9, 30)),
    ("2026年12月上旬", date(2026, 12, 10)),
    ("2026年12月中旬", date(2026, 12, 20)),
    ("2026年12月下旬", date(2026, 12, 31)),
    ("2026年2月下旬", date(2026, 2, 28)),
    ("2026年第一季度", date(2026, 3, 31)),
    ("2026年第二季度", date(2026, 6, 30)),
    ("2026年第三季度", date(2026, 9, 30)),
    ("2026年第四季度", date(2026, 12, 31)),
    ("2026年一季度", date(2026, 3, 31)),
    ("2026年四季度", date(2026, 12, 31)),
    ("2026年第4季度", date(2026, 12, 31)),
    ("2026年四季度末", date(2026, 12, 31)),
    ("2026年上半年", date(2026, 6, 30)),
    ("2026年下半年", date(2026, 12, 31)),
    ("2026年12月31日前", date(2026, 12, 31)),
    ("2026年12月31日以前", date(2026, 12, 31)),
    ("2026年12月31日之前", date(2026, 12, 31)),
    ("2026年12月底前", date(2026, 12, 31)),
    ("2026年底前", date(2026, 12, 31)),
    ("2026年底以前", date(2026, 12, 31)),
    ("2026年12月前", date(2026, 12, 31)),
    ("2026年12月中旬前", date(2026, 12, 20)),
    ("2026年第四季度前", date(2026, 12, 31)),
    ("2026年上半年以前", date(2026, 6, 30)),
    ("2026-12-31前", date(2026, 12, 31)),
    ("２０２６年１２月底前", date(2026, 12, 31)),
    ("9999-12-31", date(9999, 12, 31)),
    ("0001-01-01", date(1, 1, 1)),
])
def test_each_form(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


# Year-less forms on the reference day (2026-11-25): this year's day when it is still to come
# (the reference day itself included), next year's once it has passed.
@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("12月31日前", TODAY, date(2026, 12, 31)),
    ("12月31日前", date(2027, 1, 1), date(2027, 12, 31)),
    ("12月31号", TODAY, date(2026, 12, 31)),
    ("11月25日", TODAY, date(2026, 11, 25)),       # the reference day itself has not passed
    ("11月24日", TODAY, date(2027, 11, 24)),       # the day before it has
    ("１１月２６日", TODAY, date(2026, 11, 26)),
    ("12月底", TODAY, date(2026, 12, 31)),
    ("12月底前", date(2026, 1, 1), date(2026, 12, 31)),
    ("3月底", TODAY, date(2027, 3, 31)),
    ("3月底", date(2026, 3, 31), date(2026, 3, 31)),
    ("3月底", date(2026, 4, 1), date(2027, 3, 31)),
    ("12月", TODAY, date(2026, 12, 31)),
    ("11月", TODAY, date(2026, 11, 30)),
    ("10月", TODAY, date(2027, 10, 31)),
    ("12月上旬", TODAY, date(2026, 12, 10)),
    ("11月中旬", TODAY, date(2027, 11, 20)),
    ("11月中旬", date(2026, 11, 20), date(2026, 11, 20)),
    ("11月下旬", TODAY, date(2026, 11, 30)),
    ("2月下旬", date(2027, 1, 1), date(2027, 2, 28)),
    ("2月下旬", date(2027, 3, 1), date(2028, 2, 29)),
    ("第四季度", TODAY, date(2026, 12, 31)),
    ("四季度前", TODAY, date(2026, 12, 31)),
    ("三季度", TODAY, date(2027, 9, 30)),
    ("三季度", date(2026, 9, 30), date(2026, 9, 30)),
    ("上半年", TODAY, date(2027, 6, 30)),
    ("上半年", date(2026, 6, 1), date(2026, 6, 30)),
    ("下半年", TODAY, date(2026, 12, 31)),
    ("年底", TODAY, date(2026, 12, 31)),
    ("年底前", date(2026, 12, 31), date(2026, 12, 31)),
    ("年底前", date(2027, 1, 1), date(2027, 12, 31)),
    ("2月29日", date(2027, 3, 1), date(2028, 2, 29)),    # 2027 has none: the next one
    ("2月29日", date(2028, 2, 1), date(2028, 2, 29)),
    ("12月31日", date(9999, 12, 31), date(9999, 12, 31)),
])
def test_year_less_forms_fall_on_or_after_the_reference_day(text: str, reference: date, expected: date) -> None:
    assert parse_date(text, reference) == expected


def test_year_less_forms_default_to_today() -> None:
    assert parse_date("11月24日") == date(2027, 11, 24)
    assert parse_date("11月25日") == TODAY


def test_relative_forms_count_from_today_whatever_the_reference() -> None:
    assert parse_date("-7d", date(2020, 1, 1)) == date(2026, 11, 18)
    assert parse_date("today", date(2020, 1, 1)) == TODAY


@pytest.mark.parametrize("text", [
    "", "   ", "yesterday", "下个月", "2026", "2026年", "底", "前", "12", "2026-13-01", "2026-02-30",
    "2026/02/29", "2026年2月30日", "2026年13月", "2026年0月底", "13月底", "2026年第五季度", "第0季度",
    "2026年中半年", "2026年12月初旬", "0000-01-01", "+1", "+1y", "1m", "+-1m", "+10d前", "today前",
    "2026-12-31 12:00", "2026年12月31日后", "2月30日", "2月29日", "１２月３２日", "+1234567d",
    "２６年１２月底",
])
def test_anything_else_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, TODAY)
    assert caught.value.key == "bad_date"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(("text", "today"), [
    ("+1m", "9999-12-15"),
    ("+17d", "9999-12-15"),
    ("+1w", "9999-12-30"),
    ("+999999w", "2026-11-25"),
    ("+120000m", "2026-11-25"),
    ("-1m", "0001-01-15"),
    ("-1d", "0001-01-01"),
    ("-999999w", "2026-11-25"),
    ("12月30日", "9999-12-31"),
    ("3月底", "9999-12-31"),
])
def test_beyond_the_calendar_is_a_usage_error_not_a_crash(monkeypatch: pytest.MonkeyPatch, text: str, today: str) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", today)
    with pytest.raises(UsageError) as caught:
        parse_date(text)
    assert caught.value.key == "date_out_of_range"


def test_shift_holds_within_the_calendar() -> None:
    assert shift(date(2026, 11, 25), 7) == date(2026, 12, 2)
    assert shift(date(9999, 12, 30), 7) == date.max
    assert shift(date(1, 1, 2), -7) == date.min


@pytest.mark.parametrize(("lang", "forms"), [
    ("en", ("2026-12-31", "2026/12/31", "2026.12.31", "2026年12月31日", "2026年12月", "2026年12月底",
            "上旬/中旬/下旬", "2026年第四季度", "2026年上半年/下半年", "2026年底", "前", "today", "+10d", "+2w",
            "+1m", "-7d", "-2w", "-1m", "next year's once passed")),
    ("zh", ("2026-12-31", "2026/12/31", "2026.12.31", "2026年12月31日", "2026年12月", "2026年12月底",
            "上旬/中旬/下旬", "2026年第四季度", "2026年上半年/下半年", "2026年底", "均可加“前”", "today", "+10d",
            "+2w", "+1m", "-7d", "-2w", "-1m", "该日已过则取明年")),
])
def test_the_error_names_every_form(lang: str, forms: tuple[str, ...]) -> None:
    i18n.set_lang(lang)
    with pytest.raises(UsageError) as caught:
        parse_date("下个月")
    message = caught.value.message()
    assert "下个月" in message
    assert [f for f in forms if f not in message] == []


# ---------------------------------------------------------------- the commands


@pytest.fixture
def czj(ledger: Path) -> Path:
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ONE_ITEM, encoding="utf-8")
    return path


@pytest.mark.parametrize(("deadline", "written"), [
    ("2026年12月31日前", "2026-12-31"),
    ("２０２６／１２／２０", "2026-12-20"),
    ("12月中旬", "2026-12-20"),
    ("3月底前", "2027-03-31"),   # March 2026 has passed
    ("2027年上半年", "2027-06-30"),
    ("四季度", "2026-12-31"),
    ("+2w", "2026-12-09"),
])
def test_add_deadline_forms(cli, czj: Path, deadline: str, written: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "赵六", "--deadline", deadline)
    assert result.code == 0, result
    assert result.out == "CZJ-002\n"
    assert czj.read_text(encoding="utf-8") == ONE_ITEM + (
        "  - id: CZJ-002\n    title: 新问题\n    owner: 赵六\n"
        f"    deadline: {written}\n    status: open\n    created_on: 2026-11-25\n"
    )


def test_a_minus_deadline_is_read_and_refused_as_before_created(cli, czj: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "赵六", "--deadline", "-7d")
    assert result.code == 1, result
    assert "2026-11-18" in result.err and "2026-11-25" in result.err
    assert czj.read_text(encoding="utf-8") == ONE_ITEM


def test_a_minus_date_records_a_past_day(cli, czj: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("note", "CZJ-001", "已召开专题会议", "--date", "-3d")
    assert result.code == 0, result
    assert czj.read_text(encoding="utf-8") == ONE_ITEM + "    progress:\n      - {date: 2026-11-22, note: 已召开专题会议}\n"


def test_an_empty_date_is_today_for_an_edit(cli, czj: Path) -> None:  # type: ignore[no-untyped-def]
    """A script passing an empty variable to --date records the day it ran (2026-11-25 here)."""
    result = cli("note", "CZJ-001", "已召开专题会议", "--date", "")
    assert result.code == 0, result
    assert czj.read_text(encoding="utf-8") == ONE_ITEM + "    progress:\n      - {date: 2026-11-25, note: 已召开专题会议}\n"


@pytest.mark.parametrize("command", [("report",), ("list",), ("show", "CZJ-001")])
def test_an_empty_as_of_is_refused_by_a_reading_command(cli, czj: Path, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """A report of the wrong day would look right: an empty --as-of is a bad date, exit 2."""
    result = cli(*command, "--as-of", "")
    assert result.code == 2, result
    assert "-7d" in result.err and result.out == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_deadline_is_exit_2_naming_the_forms(cli, czj: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", lang, "add", "--dept", "CZJ", "--title", "新问题", "--owner", "赵六", "--deadline", "下个月")
    assert result.code == 2, result
    assert "下个月" in result.err and "2026年第四季度" in result.err and "-7d" in result.err
    assert ("not a date" in result.err) == (lang == "en")
    assert ("不是有效日期" in result.err) == (lang == "zh")
    assert czj.read_text(encoding="utf-8") == ONE_ITEM


def test_extend_to_a_clerks_form(cli, czj: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("extend", "CZJ-001", "--to", "2027年一季度", "--reason", "等待上级批复")
    assert result.code == 0, result
    assert "deadline: 2027-03-31\n" in czj.read_text(encoding="utf-8")


@pytest.fixture
def edge(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-12-08")
    return make_edge_ledger(ledger)


def _report(cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = cli("report", "--format", "json", *args)
    assert result.code == 0, result
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_report_as_of_minus_days(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    data = _report(cli, "--as-of", "-7d")
    assert data["as_of"] == "2026-12-01"
    assert [e["id"] for e in data["overdue"]] == ["BBB-001", "AAA-004"]


def test_report_since_minus_a_month(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    data = _report(cli, "--since", "-1m")
    assert data["as_of"] == "2026-12-08" and data["since"] == "2026-11-08"
    assert data["new_since"] == ["AAA-001"]
    assert data["done_since"] == ["AAA-005", "AAA-006", "AAA-007"]


def test_report_since_without_a_year_counts_from_the_as_of_day(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    # Today (2026-12-08) 12月1日 has passed, so on its own it is 2027-12-01; as of 2026-12-01 it is that day.
    assert _report(cli, "--since", "12月1日")["since"] == "2027-12-01"
    data = _report(cli, "--as-of", "2026年12月1日", "--since", "12月1日")
    assert data["as_of"] == "2026-12-01" and data["since"] == "2026-12-01"
    assert data["new_since"] == [] and data["done_since"] == []


def test_list_as_of_forms(cli, edge: Path) -> None:  # type: ignore[no-untyped-def]
    def overdue(*args: str) -> list[str]:
        result = cli("list", "--state", "overdue", "--format", "json", *args)
        assert result.code == 0, result
        return [item["id"] for item in json.loads(result.out)]

    as_of_dec_1 = ["BBB-001", "AAA-004"]
    assert overdue("--as-of", "2026-12-01") == as_of_dec_1
    assert overdue("--as-of", "-7d") == as_of_dec_1
    assert overdue("--as-of", "-1w") == as_of_dec_1
    assert overdue("--as-of", "２０２６年１２月１日") == as_of_dec_1
    assert overdue("--as-of", "2026年11月") == ["BBB-001"]
    assert overdue("--as-of", "today") == ["BBB-001", "AAA-004", "AAA-001"]


@pytest.mark.parametrize("command", [("list",), ("report",), ("show", "AAA-001")])
def test_as_of_beyond_the_calendar_is_exit_2(cli, edge: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                             command: tuple[str, ...]) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", "9999-12-15")
    result = cli(*command, "--as-of", "+1m")
    assert result.code == 2, result
    assert "'+1m' falls outside the calendar" in result.err


@pytest.mark.parametrize("command", [("list",), ("report",), ("show", "AAA-001"), ("report", "--format", "markdown")])
def test_the_calendars_last_day_reports(cli, edge: Path, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    result = cli(*command, "--as-of", "9999-12-31")
    assert result.code == 0, result


def test_add_deadline_beyond_the_calendar_is_exit_2(cli, czj: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "9999-12-15")
    result = cli("add", "--dept", "CZJ", "--title", "新问题", "--owner", "赵六", "--deadline", "+1m")
    assert result.code == 2, result
    assert czj.read_text(encoding="utf-8") == ONE_ITEM


def test_import_reads_year_less_deadlines_from_the_import_day(tmp_path: Path) -> None:
    from checklist.domain.import_header import find_header
    from checklist.domain.import_rows import Context, read_rows
    from checklist.ledger.sheet_read import read_csv

    sheet = tmp_path / "台账.csv"
    sheet.write_text("问题,责任人,整改时限\n会议经费超标,何勇,12月底前\n公车使用不规范,陈静,3月中旬\n", encoding="utf-8")
    rows = read_csv(sheet, "台账.csv").rows
    header = find_header([cells for _, cells in rows])
    assert header is not None

    def deadlines(day: date) -> list[date]:
        return [row.item["deadline"] for row in read_rows(rows[1:], header, Context(day)).rows]

    assert deadlines(date(2026, 11, 25)) == [date(2026, 12, 31), date(2027, 3, 20)]
    assert deadlines(date(2027, 1, 5)) == [date(2027, 12, 31), date(2027, 3, 20)]
