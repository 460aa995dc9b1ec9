"""A department's tally (domain/tally.py), sliced by a day, gives every figure that reading each
item on its own gives (SPEC "State of an item on a day": its state, flags and escalation level):
each department's counts, each category's, and the overdue and due-soon lists in their order;
on generated ledgers with every kind of field, on days before, during and after their deadlines."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from checklist.domain.figures import build_report, report_of
from checklist.domain.records import columns
from checklist.domain.states import id_key, view
from checklist.domain.tally import parts, tally
from checklist.ledger import files
from test_read_index import AS_OF, _ledger

DAYS = [AS_OF, AS_OF - timedelta(days=45), AS_OF + timedelta(days=20), AS_OF + timedelta(days=200)]
COUNTS = ("total", "open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "ongoing", "late",
          "partial", "behind", "extended", "stale", "remind", "supervise", "interview")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("as_of", DAYS)
def test_each_figure_is_the_count_of_the_items_read_one_by_one(tmp_path: Path, seed: int, as_of: date) -> None:
    ledger = files.open_ledger(str(_ledger(tmp_path, seed, departments=3, items=40)))
    records, policy = ledger.records(), ledger.policy()
    report = build_report(records, as_of, policy, None, ledger.config.categories)
    views = [view(r, as_of, policy) for r in records]
    for dept in report["departments"]:
        want: Counter[str] = Counter()
        for v in views:
            if v.record.code == dept["code"]:
                want.update(["total", v.record.status, v.state, *v.flags, *([v.escalation] if v.escalation else [])])
        assert {key: dept[key] for key in COUNTS} == {key: want[key] for key in COUNTS}, dept["code"]
    for category in report["categories"]:
        mine = [v for v in views if v.record.category == category["category"]]
        assert (category["total"], category["done"], category["overdue"]) == (
            len(mine), sum(v.state == "done" for v in mine), sum(v.state == "overdue" for v in mine))
    overdue = sorted((v for v in views if v.state == "overdue"), key=lambda v: (-v.days, id_key(v.record.id)))
    due_soon = sorted((v for v in views if v.state == "due_soon"), key=lambda v: (v.days, id_key(v.record.id)))
    assert [(e["id"], e["days_overdue"], e["escalation"]) for e in report["overdue"]] == [
        (v.record.id, v.days, v.escalation) for v in overdue]
    assert [(e["id"], e["days_left"]) for e in report["due_soon"]] == [(v.record.id, v.days) for v in due_soon]
    # The terminal table's first few: the same items, and only the departments they are in are read.
    read: list[str] = []
    found = parts(columns(records))
    watched = [p._replace(batch=lambda p=p: read.append(p.code) or p.batch()) for p in found]  # type: ignore[misc]
    short = report_of(watched, as_of, policy, None, ledger.config.categories, listed=3)
    assert [e["id"] for e in short["overdue"]] == [v.record.id for v in overdue[:3]]
    assert [e["id"] for e in short["due_soon"]] == [v.record.id for v in due_soon[:3]]
    assert set(read) == {v.record.code for v in overdue[:3] + due_soon[:3]}


def test_a_tally_does_not_depend_on_the_day_and_is_plain_json(tmp_path: Path) -> None:
    import json

    ledger = files.open_ledger(str(_ledger(tmp_path, 4, departments=2, items=30)))
    for b in columns(ledger.records()):
        counted = tally(b)
        assert json.loads(json.dumps(counted)) == counted
        assert counted["n"] == len(b.ids) == sum(counted["status"].values())
        assert len(counted["order"]) == sum(counted["due"][1])
