"""States and figures: the state of an item on a day, the meeting report's
totals, department ranking, categories, overdue and due-soon lists, and the
filtered, sorted item lists that `list` and `show` print.

Plain data only (dicts in SPEC's JSON shapes, with `datetime.date` values
where SPEC has dates); renderers format it, nothing here prints. Every
function is one pass over the records: 100,000 items must stay well under a
second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from checklist.domain.dates import shift
from checklist.domain.ids import id_matcher, pick
from checklist.domain.names import person_key
from checklist.domain.records import Record

STATES = ("overdue", "due_soon", "on_track", "done")
STATE_FILTERS = ("open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late")
COUNT_KEYS = ("total", "open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late")
# Sort rank of each state in `list`: what needs attention first.
_RANK = {"overdue": 0, "due_soon": 1, "on_track": 2, "done": 3}


def item_state(status: str, deadline: date, as_of: date, due_soon_days: int) -> str:
    """SPEC's state on day as_of: done, overdue, due_soon or on_track."""
    if status != "open":
        return "done"
    if deadline < as_of:
        return "overdue"
    if deadline <= shift(as_of, due_soon_days):
        return "due_soon"
    return "on_track"


def is_late(record: Record) -> bool:
    """Done after its deadline."""
    return record.status != "open" and record.closed_on is not None and record.closed_on > record.deadline


def id_key(item_id: str) -> tuple[str, int, str]:
    """Natural order of IDs: CZJ-2 before CZJ-10 (IDs have 3+ digits, so 999 < 1000 matters)."""
    code, _, number = item_id.rpartition("-")
    return (code, int(number), item_id) if number.isdigit() else (item_id, 0, item_id)


def _rates(counts: dict[str, Any]) -> dict[str, Any]:
    done, total = counts["done"], counts["total"]
    counts["completion_rate"] = done / total if total else 0.0
    counts["on_time_rate"] = (done - counts["late"]) / done if done else 0.0
    return counts


def _zero() -> list[int]:
    return [0] * len(COUNT_KEYS)


# Indexes into the counter lists, one list per department (cheaper than dicts in the hot loop).
_T, _OPEN, _CLOSED, _VERIFIED, _DONE, _OVERDUE, _SOON, _TRACK, _LATE = range(len(COUNT_KEYS))


def build_report(
    records: Sequence[Record],
    as_of: date,
    due_soon_days: int,
    since: date | None = None,
    category_order: Sequence[str] = (),
) -> dict[str, Any]:
    """The meeting report in SPEC's `report --format json` shape (dates as date objects)."""
    soon_limit = shift(as_of, due_soon_days)
    depts: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    cats: dict[str | None, list[int]] = {}
    overdue: list[dict[str, Any]] = []
    due_soon: list[dict[str, Any]] = []
    new_since: list[str] = []
    done_since: list[str] = []
    for r in records:
        c = depts.get(r.code)
        if c is None:
            c = depts[r.code] = _zero()
            names[r.code] = r.department
        k = cats.get(r.category)
        if k is None:
            k = cats[r.category] = [0, 0, 0]
        c[_T] += 1
        k[0] += 1
        status = r.status
        if status == "open":
            c[_OPEN] += 1
            deadline = r.deadline
            if deadline < as_of:
                c[_OVERDUE] += 1
                k[2] += 1
                overdue.append({"id": r.id, "department": r.department, "title": r.title, "owner": r.owner,
                                "deadline": deadline, "days_overdue": (as_of - deadline).days})
            elif deadline <= soon_limit:
                c[_SOON] += 1
                due_soon.append({"id": r.id, "department": r.department, "title": r.title, "owner": r.owner,
                                 "deadline": deadline, "days_left": (deadline - as_of).days})
            else:
                c[_TRACK] += 1
        else:
            c[_CLOSED if status == "closed" else _VERIFIED] += 1
            c[_DONE] += 1
            k[1] += 1
            closed = r.closed_on
            if closed is not None:
                if closed > r.deadline:
                    c[_LATE] += 1
                if since is not None and closed >= since:
                    done_since.append(r.id)
        if since is not None and r.created_on is not None and r.created_on >= since:
            new_since.append(r.id)

    totals = [sum(col) for col in zip(*depts.values(), strict=True)] if depts else _zero()
    departments = [
        _rates({"department": names[code], "code": code, **dict(zip(COUNT_KEYS, counts, strict=True))})
        for code, counts in depts.items()
    ]
    departments.sort(key=lambda d: (-d["completion_rate"], d["overdue"], d["code"]))
    order = {name: i for i, name in enumerate(category_order)}
    # Config order first, then the others by name; items without a category last.
    cat_keys = sorted(cats, key=lambda n: (n is None, order.get(n, len(order)) if n is not None else 0, n or ""))
    overdue.sort(key=lambda e: (-e["days_overdue"], id_key(e["id"])))
    due_soon.sort(key=lambda e: (e["days_left"], id_key(e["id"])))
    return {
        "as_of": as_of,
        "since": since,
        "totals": _rates(dict(zip(COUNT_KEYS, totals, strict=True))),
        "departments": departments,
        "categories": [{"category": n, "total": cats[n][0], "done": cats[n][1], "overdue": cats[n][2]} for n in cat_keys],
        "overdue": overdue,
        "due_soon": due_soon,
        "new_since": sorted(new_since, key=id_key),
        "done_since": sorted(done_since, key=id_key),
    }


@dataclass(slots=True)
class ItemView:
    """One item as `list`/`show` print it: the record, its state on the day, and its day count."""

    record: Record
    state: str
    late: bool
    days: int  # days overdue when overdue, days left when open, 0 when done

    def to_json(self) -> dict[str, Any]:
        """SPEC's item object: the file's keys plus department, code, file and state."""
        r = self.record
        return {**r.data, "department": r.department, "code": r.code, "file": r.file, "state": self.state}


def view(record: Record, as_of: date, due_soon_days: int) -> ItemView:
    """One record's state on day as_of."""
    state = item_state(record.status, record.deadline, as_of, due_soon_days)
    if state == "overdue":
        days = (as_of - record.deadline).days
    elif state == "done":
        days = 0
    else:
        days = (record.deadline - as_of).days
    return ItemView(record, state, is_late(record), days)


def select(
    records: Iterable[Record],
    as_of: date,
    due_soon_days: int,
    *,
    dept: str | None = None,
    owner: str | None = None,
    category: str | None = None,
    state: str | None = None,
) -> list[ItemView]:
    """The items `list` prints: filtered (all filters combine), attention first."""
    code = dept.upper() if dept is not None else None
    wanted = person_key(owner) if owner is not None else None
    keys: dict[str, str] = {}  # a ledger names few persons: normalize each spelling once
    out: list[ItemView] = []
    for r in records:
        if dept is not None and r.code != code and r.department != dept:
            continue
        if wanted is not None:
            key = keys.get(r.owner)
            if key is None:
                key = keys[r.owner] = person_key(r.owner)
            if key != wanted:
                continue
        if category is not None and r.category != category:
            continue
        if state in ("open", "closed", "verified") and r.status != state:
            continue
        if state == "done" and r.status == "open":
            continue
        if state == "late" and not is_late(r):
            continue
        v = view(r, as_of, due_soon_days)
        if state in ("overdue", "due_soon", "on_track") and v.state != state:
            continue
        out.append(v)
    # Overdue first (most days overdue first), then due soon, on track, done; earliest deadline first.
    out.sort(key=lambda v: (_RANK[v.state], v.record.deadline, id_key(v.record.id)))
    return out


def find(records: Iterable[Record], item_id: str) -> Record | None:
    """The record with this ID as typed (any case or width, padding optional), if any."""
    wanted = id_matcher(item_id)
    found = pick(item_id, [r for r in records if wanted(r.id)], lambda r: r.id)
    return found[0] if found else None
