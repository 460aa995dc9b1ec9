"""Report figures against hand-computed expectations on a ledger built for the edges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checklist.domain.figures import COUNT_KEYS, V2_COUNT_KEYS, build_report
from checklist.domain.records import Record
from checklist.domain.states import Policy, find, id_key, item_state, select, view
from checklist.ledger.files import open_ledger

from report_fixtures import make_edge_ledger

P7 = Policy(due_soon_days=7)
AS_OF = date(2026, 12, 1)


@pytest.fixture
def records(ledger: Path) -> list[Record]:
    make_edge_ledger(ledger)
    opened = open_ledger(None)
    assert opened.problems == []
    return opened.records()


def by_id(records: list[Record]) -> dict[str, Record]:
    return {r.id: r for r in records}


@pytest.mark.parametrize(("item_id", "state", "late", "days"), [
    ("AAA-001", "due_soon", False, 0),   # deadline is the as-of day: due soon, not overdue
    ("AAA-002", "due_soon", False, 7),   # exactly due_soon_days ahead
    ("AAA-003", "on_track", False, 8),   # one day beyond
    ("AAA-004", "overdue", False, 1),    # one day past
    ("AAA-005", "done", False, 0),       # closed on the deadline: on time
    ("AAA-006", "done", True, 0),        # closed a day late
    ("AAA-007", "done", False, 0),       # verified, on time
    ("BBB-001", "overdue", False, 30),
    ("BBB-002", "on_track", False, 30),
])
def test_state_of_each_edge(records: list[Record], item_id: str, state: str, late: bool, days: int) -> None:
    v = view(by_id(records)[item_id], AS_OF, P7)
    assert (v.state, v.late, v.days) == (state, late, days)


def test_item_state_boundaries() -> None:
    d = date(2026, 12, 1)
    assert item_state("open", d, d, 7) == "due_soon"
    assert item_state("open", date(2026, 11, 30), d, 7) == "overdue"
    assert item_state("open", date(2026, 12, 8), d, 7) == "due_soon"
    assert item_state("open", date(2026, 12, 9), d, 7) == "on_track"
    assert item_state("open", d, d, 0) == "due_soon"
    assert item_state("open", date(2026, 12, 2), d, 0) == "on_track"
    assert item_state("closed", date(2020, 1, 1), d, 7) == "done"
    assert item_state("verified", date(2020, 1, 1), d, 7) == "done"


# Counted by hand on the edge ledger as of 2026-12-01: AAA-004 is extended (and 1 day overdue:
# remind), BBB-001 is 30 days overdue (interview); an open item whose latest dated entry is before
# 2026-11-24 is stale (all but AAA-001, listed 2026-11-25).
V2_NONE = dict.fromkeys(V2_COUNT_KEYS, 0) | {"amount": 0.0, "recovered": 0.0, "rebound_rate": None}


def test_totals(records: list[Record]) -> None:
    rep = build_report(records, AS_OF, P7)
    assert rep["totals"] == {
        "total": 9, "open": 6, "closed": 2, "verified": 1, "done": 3,
        "overdue": 2, "due_soon": 2, "on_track": 2, "late": 1,
        "completion_rate": 3 / 9, "on_time_rate": 2 / 3,
        **V2_NONE, "extended": 1, "stale": 5, "remind": 1, "interview": 1,
    }
    assert rep["as_of"] == AS_OF and rep["since"] is None
    assert rep["new_since"] == [] and rep["done_since"] == []


def test_departments_ranked_and_a_department_with_nothing_done(records: list[Record]) -> None:
    rep = build_report(records, AS_OF, P7)
    aaa, bbb = rep["departments"]
    assert aaa == {"department": "市甲局", "code": "AAA", "light": "red", "reported": True,
                   "last_update": date(2026, 11, 25), "update_stale": False, "total": 7, "open": 4, "closed": 2, "verified": 1,
                   "done": 3, "overdue": 1, "due_soon": 2, "on_track": 1, "late": 1,
                   "completion_rate": 3 / 7, "on_time_rate": 2 / 3,
                   **V2_NONE, "extended": 1, "stale": 3, "remind": 1}
    assert bbb == {"department": "市乙局", "code": "BBB", "light": "red", "reported": True,
                   "last_update": date(2026, 10, 1), "update_stale": True, "total": 2, "open": 2, "closed": 0, "verified": 0,
                   "done": 0, "overdue": 1, "due_soon": 0, "on_track": 1, "late": 0,
                   "completion_rate": 0.0, "on_time_rate": None, **V2_NONE, "stale": 2, "interview": 1}


def _rec(item_id: str, status: str, deadline: date, closed: date | None = None) -> Record:
    code = item_id.split("-")[0]
    return Record(item_id, "t", "o", None, status, deadline, None, closed, f"dept {code}", code, "f.yaml", {})


def test_ranking_ties_go_to_fewer_overdue() -> None:
    past, future = date(2026, 11, 1), date(2027, 1, 1)
    records = [
        _rec("XXA-001", "closed", past, past), _rec("XXA-002", "open", past), _rec("XXA-003", "open", past),
        _rec("XXB-001", "closed", past, past), _rec("XXB-002", "open", past), _rec("XXB-003", "open", future),
        _rec("XXC-001", "closed", past, past), _rec("XXC-002", "closed", past, past),
    ]
    rep = build_report(records, AS_OF, P7)
    assert [d["code"] for d in rep["departments"]] == ["XXC", "XXB", "XXA"]


def test_categories_in_config_order_then_none(records: list[Record]) -> None:
    rep = build_report(records, AS_OF, P7, category_order=["思想", "作风", "工作"])
    assert rep["categories"] == [
        {"category": "作风", "total": 2, "done": 0, "overdue": 2},
        {"category": "工作", "total": 2, "done": 1, "overdue": 0},
        {"category": None, "total": 5, "done": 2, "overdue": 0},
    ]


def test_overdue_and_due_soon_lists(records: list[Record]) -> None:
    rep = build_report(records, AS_OF, P7)
    assert rep["overdue"] == [
        {"id": "BBB-001", "department": "市乙局", "title": "逾期三十天", "owner": "陈刚", "leader": None,
         "deadline": date(2026, 11, 1), "days_overdue": 30, "extensions": 0, "escalation": "interview",
         "latest_progress": None},
        {"id": "AAA-004", "department": "市甲局", "title": "昨天到期，存在“好好先生”现象 | 管道符", "owner": "李强",
         "leader": None, "deadline": date(2026, 11, 30), "days_overdue": 1, "extensions": 1, "escalation": "remind",
         "latest_progress": "已召开专题会议"},
    ]
    assert [(e["id"], e["days_left"]) for e in rep["due_soon"]] == [("AAA-001", 0), ("AAA-002", 7)]


def test_since(records: list[Record]) -> None:
    rep = build_report(records, AS_OF, P7, since=date(2026, 11, 21))
    assert rep["since"] == date(2026, 11, 21)
    assert rep["new_since"] == ["AAA-001"]
    assert rep["done_since"] == ["AAA-006", "AAA-007"]  # closed on the since day counts; AAA-005 (11-20) does not


def test_as_of_moves_states(records: list[Record]) -> None:
    rep = build_report(records, date(2026, 12, 9), P7)
    assert (rep["totals"]["overdue"], rep["totals"]["due_soon"], rep["totals"]["on_track"]) == (4, 1, 1)


def test_empty_ledger_rates_are_zero_and_undefined() -> None:
    rep = build_report([], AS_OF, P7)
    assert rep["totals"] == dict.fromkeys(COUNT_KEYS, 0) | {"completion_rate": 0.0, "on_time_rate": None} | V2_NONE
    assert rep["departments"] == [] and rep["categories"] == [] and rep["overdue"] == [] and rep["due_soon"] == []


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["BBB-001", "AAA-004", "AAA-001", "AAA-002", "AAA-003", "BBB-002", "AAA-005", "AAA-006", "AAA-007"]),
    ({"state": "overdue"}, ["BBB-001", "AAA-004"]),
    ({"state": "due_soon"}, ["AAA-001", "AAA-002"]),
    ({"state": "on_track"}, ["AAA-003", "BBB-002"]),
    ({"state": "done"}, ["AAA-005", "AAA-006", "AAA-007"]),
    ({"state": "late"}, ["AAA-006"]),
    ({"state": "open"}, ["BBB-001", "AAA-004", "AAA-001", "AAA-002", "AAA-003", "BBB-002"]),
    ({"state": "closed"}, ["AAA-005", "AAA-006"]),
    ({"state": "verified"}, ["AAA-007"]),
    ({"dept": "bbb"}, ["BBB-001", "BBB-002"]),
    ({"dept": "市乙局"}, ["BBB-001", "BBB-002"]),
    ({"owner": "李强"}, ["AAA-004", "AAA-003"]),
    ({"category": "作风"}, ["BBB-001", "AAA-004"]),
    ({"category": "作风", "dept": "AAA", "state": "overdue"}, ["AAA-004"]),
    ({"owner": "nobody"}, []),
])
def test_select_filters_combine_and_sort_attention_first(records: list[Record], filters: dict[str, str],
                                                        expected: list[str]) -> None:
    assert [v.record.id for v in select(records, AS_OF, P7, **filters)] == expected


def test_find_is_case_insensitive(records: list[Record]) -> None:
    found = find(records, " aaa-004 ")
    assert found is not None and found.id == "AAA-004"
    assert find(records, "AAA-999") is None


def test_id_key_is_natural() -> None:
    assert sorted(["A-1000", "A-999", "B-001"], key=id_key) == ["A-999", "A-1000", "B-001"]


def test_json_item_has_file_keys_plus_six(records: list[Record]) -> None:
    data = view(by_id(records)["AAA-004"], AS_OF, P7).to_json()
    assert list(data)[-6:] == ["department", "code", "file", "state", "flags", "escalation"]
    assert data["deadline"] == "2026-11-30" and data["state"] == "overdue" and data["file"] == "lists/aaa.yaml"
    assert data["flags"] == ["extended", "stale"] and data["escalation"] == "remind"


def test_hundred_thousand_records_counted_in_one_pass() -> None:
    base = date(2026, 1, 1)
    statuses = ("open", "open", "closed", "verified")
    records = []
    for i in range(100_000):
        deadline = date.fromordinal(base.toordinal() + i % 400)
        status = statuses[i % 4]
        closed = date.fromordinal(deadline.toordinal() + i % 3 - 1) if status != "open" else None
        code = f"D{i % 50:02d}"
        records.append(Record(f"{code}-{i:06d}", "标题", "王芳", ("思想", "作风", None)[i % 3], status, deadline,
                              base, closed, f"部门{i % 50}", code, "f.yaml", {}))
    rep = build_report(records, AS_OF, P7, since=date(2026, 6, 1))  # its speed is bench/run.py's
    assert rep["totals"]["total"] == 100_000
    assert rep["totals"]["done"] == 50_000 and sum(d["total"] for d in rep["departments"]) == 100_000
    assert len(rep["departments"]) == 50
