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
        assert dept["items"], dept["code"]
    items = items_of(departments)
    assert len(items) >= 40
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
    for dept in departments:
        for item in dept["items"]:
            assert re.fullmatch(rf"{dept['code']}-\d{{3}}", item["id"])


def test_sample_items_are_complete(departments: list[dict[str, Any]]) -> None:
    for item in items_of(departments):
        for field in ("title", "owner", "deadline", "status", "created_on", "category"):
            assert item.get(field), (item["id"], field)
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
