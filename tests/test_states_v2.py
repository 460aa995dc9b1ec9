"""SPEC v2's states and flags on hand-made items, at their boundaries (as of 2026-12-01)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from checklist.domain.figures import build_report
from checklist.domain.records import Record
from checklist.domain.states import Policy, escalation, state_filter, view

AS_OF = date(2026, 12, 1)
DEFAULT = Policy()


def rec(data: dict[str, Any]) -> Record:
    def day(key: str) -> date | None:
        value = data.get(key)
        return date.fromisoformat(value) if value else None

    return Record(data.get("id", "AAA-001"), "题", data.get("owner", "王芳"), None, data.get("status", "open"),
                  day("deadline"), day("created_on"), day("closed_on"), "市甲局", "AAA", "f.yaml", data)


# 60 days from listing to deadline: on 2026-12-01 half the time has passed; reported yesterday.
BASE = {"deadline": "2026-12-31", "created_on": "2026-11-01", "progress": [{"date": "2026-11-30", "note": "n"}]}


@pytest.mark.parametrize(("data", "flags"), [
    ({**BASE, "percent": 30}, ["partial"]),                 # 30 + 20 = 50: exactly on schedule, not behind
    ({**BASE, "percent": 29}, ["partial", "behind"]),       # 29 + 20 < 50
    ({**BASE, "percent": 0}, ["behind"]),                   # nothing done: not partial, but 0 + 20 < 50
    ({**BASE, "percent": 1}, ["partial", "behind"]),
    ({**BASE, "tasks": [{"task": "甲", "deadline": "2026-12-01"}]}, []),            # due today: not yet behind
    ({**BASE, "tasks": [{"task": "甲", "deadline": "2026-11-30"}]}, ["behind"]),    # due yesterday, undone
    ({**BASE, "tasks": [{"task": "甲", "deadline": "2026-11-30", "done_on": "2026-11-29"}]}, ["partial"]),
    ({**BASE, "extensions": [{"date": "2026-11-20", "from": "2026-12-01", "to": "2026-12-31", "reason": "r"}]},
     ["extended"]),
    ({"deadline": "2026-12-31", "created_on": "2026-11-24"}, []),                  # exactly 7 days ago: not stale
    ({"deadline": "2026-12-31", "created_on": "2026-11-23"}, ["stale"]),           # 8 days ago
    ({"deadline": "2026-12-31", "created_on": "2026-11-01", "progress": [{"date": "2026-11-30", "note": "n"}]}, []),
    ({"deadline": "2026-12-31"}, []),                                               # no dated entry at all
])
def test_flags_at_their_boundaries(data: dict[str, Any], flags: list[str]) -> None:
    assert view(rec(data), AS_OF, DEFAULT).flags == flags


def test_behind_margin_and_update_days_come_from_the_policy() -> None:
    data = {**BASE, "percent": 40, "progress": [{"date": "2026-11-28", "note": "n"}]}
    assert view(rec(data), AS_OF, DEFAULT).flags == ["partial"]
    assert view(rec(data), AS_OF, Policy(behind_margin=5, update_every_days=2)).flags == ["partial", "behind", "stale"]


@pytest.mark.parametrize(("days", "level"), [(0, None), (1, "remind"), (14, "remind"), (15, "supervise"),
                                             (29, "supervise"), (30, "interview"), (400, "interview")])
def test_escalation_levels(days: int, level: str | None) -> None:
    assert escalation(days, (1, 15, 30)) == level


def test_an_item_overdue_by_its_days_gets_its_level() -> None:
    v = view(rec({"deadline": "2026-11-16", "created_on": "2026-11-01"}), AS_OF, DEFAULT)
    assert (v.state, v.days, v.escalation) == ("overdue", 15, "supervise")
    assert view(rec({"deadline": "2026-11-16"}), AS_OF, Policy(escalation=(1, 20, 40))).escalation == "remind"


def test_ongoing_items() -> None:
    forever = view(rec({"type": "ongoing", "created_on": "2026-01-01"}), AS_OF, DEFAULT)
    assert (forever.state, forever.escalation) == ("ongoing", None)
    stage = view(rec({"type": "ongoing", "deadline": "2026-11-30"}), AS_OF, DEFAULT)
    assert stage.state == "overdue"  # a stage deadline counts like any other
    done = rec({"type": "ongoing", "status": "closed", "closed_on": "2026-11-30"})
    report = build_report([done], AS_OF, DEFAULT)
    assert report["totals"]["on_time_rate"] == 1.0 and report["totals"]["late"] == 0


def test_late_is_a_flag_of_done_items() -> None:
    late = view(rec({"status": "closed", "deadline": "2026-11-20", "closed_on": "2026-11-21"}), AS_OF, DEFAULT)
    on_time = view(rec({"status": "closed", "deadline": "2026-11-20", "closed_on": "2026-11-20"}), AS_OF, DEFAULT)
    assert (late.state, late.flags, on_time.flags) == ("done", ["late"], [])


@pytest.mark.parametrize(("given", "canonical"), [
    ("overdue", "overdue"), ("due-soon", "due_soon"), ("逾期", "overdue"), ("即将到期", "due_soon"),
    ("正常推进", "on_track"), ("已完成", "done"), ("已销号", "verified"), ("逾期完成", "late"), ("持续整改", "ongoing"),
    ("部分整改", "partial"), ("进度滞后", "behind"), ("已延期", "extended"), ("未按时报送", "stale"), ("Stale", "stale"),
    ("soon", None),
])
def test_state_filters_in_both_languages(given: str, canonical: str | None) -> None:
    assert state_filter(given) == canonical


def test_list_takes_the_chinese_state_names(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE

    ids = lambda out: [line.split()[0] for line in out.splitlines()[2:] if line[:1].isalpha()]  # noqa: E731
    english = cli("list", str(SAMPLE), "--as-of", "2026-12-01", "--state", "behind")
    chinese = cli("list", str(SAMPLE), "--as-of", "2026-12-01", "--state", "进度滞后")
    assert english.code == chinese.code == 0, (english, chinese)
    assert ids(english.out) == ids(chinese.out) == ["FGW-004", "FGW-003"]
    unknown = cli("list", str(SAMPLE), "--state", "滞后")
    assert unknown.code == 2 and "滞后" in unknown.err
