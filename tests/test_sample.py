"""The product's sample data (data/sample_issues.yaml): valid, rich, drawn from the speech.

States on a given day (overdue, due soon, ...) are tested elsewhere.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from checklist.ledger.disk import parse_bytes

from conftest import SAMPLE

CATEGORIES = {"疫情防控", "思想", "认识", "工作", "作风", "廉洁自律"}


@pytest.fixture(scope="module")
def departments() -> list[dict[str, Any]]:
    departments, problems = parse_bytes(SAMPLE.read_bytes(), "sample")
    assert problems == []
    return departments


def items_of(departments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for dept in departments for item in dept["items"]]


def test_sample_validates(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(SAMPLE))
    assert result.code == 0, result


def test_sample_is_a_consolidated_file_of_many_departments(departments: list[dict[str, Any]]) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert first.startswith("- department:")  # a YAML sequence of department lists
    assert len(departments) >= 6
    codes = [dept["code"] for dept in departments]
    assert len(set(codes)) == len(codes)
    for dept in departments:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", dept["code"])
        assert re.search(r"[\u4e00-\u9fff]", dept["department"])
    # One department is listed but has not reported its items yet (未报送).
    assert [dept["code"] for dept in departments if not dept["items"]] == ["ZJJ"]
    items = items_of(departments)
    assert len(items) >= 40
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    for dept in departments:
        for item in dept["items"]:
            assert re.fullmatch(rf"{dept['code']}-\d{{3}}", item["id"])


def test_sample_items_are_complete(departments: list[dict[str, Any]]) -> None:
    for item in items_of(departments):
        for field in ("title", "owner", "status", "created_on", "category"):
            assert item.get(field), (item["id"], field)
        assert item.get("deadline") or item.get("type") == "ongoing", item["id"]
        assert re.search(r"[\u4e00-\u9fff]", item["title"]), item["id"]
        assert "evidence" not in item, item["id"]
        if item["status"] in ("closed", "verified"):
            assert item["created_on"] <= item["closed_on"] <= "2026-12-01", item["id"]
        if item["status"] == "verified":
            assert item["verified_by"] != item["owner"]
            assert item["closed_on"] <= item["verified_on"] <= "2026-12-01", item["id"]


def test_sample_has_the_six_categories(departments: list[dict[str, Any]]) -> None:
    assert {item["category"] for item in items_of(departments)} == CATEGORIES


def test_sample_has_every_status(departments: list[dict[str, Any]]) -> None:
    statuses = [item["status"] for item in items_of(departments)]
    for status in ("open", "closed", "verified"):
        assert statuses.count(status) >= 2, status


def test_sample_has_extensions(departments: list[dict[str, Any]]) -> None:
    extended = [item for item in items_of(departments) if item.get("extensions")]
    assert extended
    for item in extended:
        assert item["deadline"] == item["extensions"][-1]["to"], item["id"]
        for ext in item["extensions"]:
            assert ext["to"] > ext["from"], item["id"]
            assert ext["reason"] and ext.get("approved_by"), item["id"]


def test_sample_has_a_reopened_item(departments: list[dict[str, Any]]) -> None:
    reopened = [item for item in items_of(departments) if item.get("reopenings")]
    assert reopened
    for item in reopened:
        assert item["status"] == "open"
        assert "closed_on" not in item and "result" not in item
        for past in item["reopenings"]:
            assert past["reason"] and past["closed_on"] and past["result"]
            assert past["closed_on"] <= past["date"]


def test_sample_has_progress_notes_and_partners(departments: list[dict[str, Any]]) -> None:
    items = items_of(departments)
    with_progress = [item for item in items if item.get("progress")]
    assert len(with_progress) >= 10
    for item in with_progress:
        dates = [note["date"] for note in item["progress"]]
        assert dates == sorted(dates), item["id"]
        assert all(note["note"] for note in item["progress"])
    assert sum(1 for item in items if item.get("partners")) >= 3


def test_sample_has_comments() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    whole_line = [line for line in lines if line.lstrip().startswith("#")]
    trailing = [line for line in lines if not line.lstrip().startswith("#") and re.search(r"\s#\s", line)]
    assert len(whole_line) >= 6
    assert trailing


def test_sample_holds_every_state_on_2026_12_01() -> None:
    """Against 2026-12-01 the sample shows every state a report knows (figures from checklist.domain.states)."""
    from datetime import date

    from checklist.domain.figures import build_report
    from checklist.domain.states import select
    from checklist.ledger.files import open_ledger

    ledger = open_ledger(None, [str(SAMPLE)])
    assert ledger.problems == []
    records = ledger.records()
    as_of = date(2026, 12, 1)
    totals = build_report(records, as_of, ledger.policy())["totals"]
    for key in ("overdue", "due_soon", "on_track", "done", "late", "closed", "verified"):
        assert totals[key] > 0, key
    assert totals["done"] - totals["late"] > 0  # done on time
    on_time_verified = [v for v in select(records, as_of, ledger.policy(), state="verified") if not v.late]
    assert on_time_verified


def test_sample_holds_every_v2_figure_on_2026_12_01(cli) -> None:  # type: ignore[no-untyped-def]
    """Each SPEC v2 figure is shown by a named item of the sample, counted by hand."""
    import json

    report = json.loads(cli("report", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json").out)
    items = {i["id"]: i for i in json.loads(cli("list", str(SAMPLE), "--as-of", "2026-12-01", "--format", "json").out)}
    totals = report["totals"]
    # Each type: FGW-009 is ongoing with no deadline, SWJ-008 was fixed the day it was listed.
    assert items["FGW-009"]["state"] == "ongoing" and "deadline" not in items["FGW-009"]
    assert items["SWJ-008"]["type"] == "immediate" and items["SWJ-008"]["closed_on"] == items["SWJ-008"]["created_on"]
    assert totals["ongoing"] == 1
    # Behind: FGW-003 at 10% with more than half its time gone; FGW-004 has a task due 2026-11-28 undone.
    assert "behind" in items["FGW-003"]["flags"] and "behind" in items["FGW-004"]["flags"] and totals["behind"] == 2
    # Partial: FGW-003 (10%), FGW-004 (a task done), CZJ-002 (60%, not behind).
    assert {i for i in items if "partial" in items[i]["flags"]} == {"FGW-003", "FGW-004", "CZJ-002"}
    assert totals["partial"] == 3 and "behind" not in items["CZJ-002"]["flags"]
    # Escalation: ZRZY-003 32 days overdue (约谈), XFJ-003 19 days (督办), the other six under 15 (催办).
    assert (items["ZRZY-003"]["escalation"], items["XFJ-003"]["escalation"]) == ("interview", "supervise")
    assert (totals["remind"], totals["supervise"], totals["interview"]) == (6, 1, 1)
    assert "extended" in items["CZJ-006"]["flags"] and totals["extended"] == 4
    assert "stale" in items["YJJ-001"]["flags"] and totals["stale"] > 0
    # Rules issued (CZJ-005: 2), accountability (CZJ-006 提醒谈话, CZJ-007 约谈), rechecks (CZJ-001 ok, CZJ-007 false).
    assert (totals["rules"], totals["accountability"], totals["rechecked"], totals["rebound"]) == (2, 2, 2, 1)
    assert {a["measure"]: a["count"] for a in report["accountability"] if a["count"]} == {"提醒谈话": 1, "约谈": 1}
    assert (totals["amount"], totals["recovered"]) == (1250.5, 860.0)
    assert items["CZJ-002"]["co_owners"] == ["赵敏"] and items["CZJ-002"]["leader"] == "李明华"
    assert items["CZJ-007"]["reopenings"][-1]["kind"] == "false"
    # A department listed with no items yet: 未报送, ranked last.
    last = report["departments"][-1]
    assert (last["code"], last["reported"], last["total"], last["last_update"]) == ("ZJJ", False, 0, None)
    assert [d["light"] for d in report["departments"] if d["code"] in ("GXJ", "YJJ")] == ["yellow", "red"]
