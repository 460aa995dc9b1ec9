"""The state of an item on a day (SPEC "State of an item on a day"): its state,
its flags and, when overdue, its escalation level; and the filtered, sorted
item lists that `list` and `show` print.

Plain data only, one pass over the records; renderers format it, nothing
here prints. The report's figures are in domain.figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter, methodcaller
from typing import Any

from checklist.domain.dates import shift
from checklist.domain.ids import id_matcher, pick
from checklist.domain.names import person_key
from checklist.domain.records import Record

STATES = ("overdue", "due_soon", "on_track", "ongoing", "done")
FLAGS = ("partial", "behind", "extended", "stale", "late")
LEVELS = ("remind", "supervise", "interview")
# What `list --state` takes: statuses, states and flags, each also by its Chinese name.
STATE_FILTERS = ("open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late",
                 "ongoing", "partial", "behind", "extended", "stale")
CHINESE_FILTERS = {
    "整改中": "open", "待销号": "closed", "已销号": "verified", "已完成": "done", "逾期": "overdue",
    "即将到期": "due_soon", "正常推进": "on_track", "逾期完成": "late", "持续整改": "ongoing",
    "部分整改": "partial", "进度滞后": "behind", "已延期": "extended", "未按时报送": "stale",
}
# Sort rank of each state in `list`: what needs attention first.
_RANK = {"overdue": 0, "due_soon": 1, "on_track": 2, "ongoing": 3, "done": 4}
_FAR = date.max


@dataclass(frozen=True)
class Policy:
    """The settings the states depend on (checklist.toml, with SPEC's defaults)."""

    due_soon_days: int = 7
    behind_margin: int = 20
    update_every_days: int = 7
    escalation: tuple[int, int, int] = (1, 15, 30)  # days overdue at which remind, supervise, interview start


def state_filter(given: str) -> str | None:
    """A `--state` value as typed (English or Chinese) in its canonical form, None if unknown."""
    text = given.strip()
    lowered = text.lower().replace("-", "_")
    if lowered in STATE_FILTERS:
        return lowered
    return CHINESE_FILTERS.get(text)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def item_state(status: str, deadline: date | None, as_of: date, due_soon_days: int, kind: str | None = None) -> str:
    """SPEC's state on day as_of: done, overdue, due_soon, on_track, or ongoing."""
    if status != "open":
        return "done"
    if deadline is None:
        return "ongoing" if kind == "ongoing" else "on_track"
    if deadline < as_of:
        return "overdue"
    if deadline <= shift(as_of, due_soon_days):
        return "due_soon"
    return "on_track"


def is_late(record: Record) -> bool:
    """Done after its deadline (an item without a deadline is never late)."""
    return (record.status != "open" and record.closed_on is not None and record.deadline is not None
            and record.closed_on > record.deadline)


def _iso(value: Any) -> str:
    """A date as YYYY-MM-DD text (the cache holds dates so; an ISO date orders as text does)."""
    if isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, date) else ""


# The dated entries that show an item being kept up to date: (list field, its date key).
_UPDATES = (("progress", "date"), ("tasks", "done_on"), ("extensions", "date"))


def last_update_iso(data: dict[str, Any]) -> str:
    """The item's latest dated entry (created_on, a progress note, a task done, an extension)
    as YYYY-MM-DD, "" when it has none. Text, not dates: a report makes 100,000 of these."""
    best = _iso(data.get("created_on"))
    for name, key in _UPDATES:
        for entry in data.get(name) or ():
            day = entry.get(key)
            if day:
                text = _iso(day)
                if text > best:
                    best = text
    return best


def last_update(data: dict[str, Any]) -> date | None:
    """The item's latest dated entry: created_on, a progress note, a task done, an extension."""
    text = last_update_iso(data)
    return _day(text) if text else None


# The facts of an item that do not depend on the day (item_facts' bits).
PARTIAL, EXTENDED, PLANNED, OUTCOMES = 1, 2, 4, 8


def item_facts(data: dict[str, Any]) -> tuple[str, int]:
    """What the flags need from an item's data, computed once when its file is read: its
    latest dated entry (last_update_iso) and bits: PARTIAL (a task done or percent >= 1),
    EXTENDED (an extension), PLANNED (tasks or a percent, so it may be behind), OUTCOMES (rules,
    accountability, rechecks or money, which the report counts)."""
    tasks = data.get("tasks") or ()
    percent = data.get("percent")
    bits = 0
    if (isinstance(percent, int) and not isinstance(percent, bool) and percent >= 1) or any(t.get("done_on") for t in tasks):
        bits |= PARTIAL
    if data.get("extensions"):
        bits |= EXTENDED
    if tasks or percent is not None:
        bits |= PLANNED
    if any(data.get(name) is not None for name in ("rules", "accountability", "rechecks", "amount", "recovered")):
        bits |= OUTCOMES
    return last_update_iso(data), bits


def stale_before(as_of: date, policy: Policy) -> str:
    """An open item whose latest dated entry is before this day (YYYY-MM-DD) is stale."""
    return shift(as_of, -policy.update_every_days).isoformat()


def facts_of(record: Record) -> tuple[str, int]:
    """The record's item_facts: kept from the read when known, else computed now."""
    return (record.latest, record.facts) if record.facts >= 0 else item_facts(record.data)


def flags(record: Record, state: str, as_of: date, policy: Policy, *, stale_from: str | None = None) -> list[str]:
    """The flags of an item on a day: partial, behind, extended, stale (open items), late (done).
    `stale_from` (stale_before) may be given when already known."""
    if state == "done":
        return ["late"] if is_late(record) else []
    latest, bits = facts_of(record)
    out = []
    if bits & PARTIAL:
        out.append("partial")
    if bits & PLANNED:
        data = record.data
        if _behind(record, data.get("tasks") or (), data.get("percent"), as_of, policy.behind_margin):
            out.append("behind")
    if bits & EXTENDED:
        out.append("extended")
    if latest and latest < (stale_before(as_of, policy) if stale_from is None else stale_from):
        out.append("stale")
    return out


def _behind(record: Record, tasks: Any, percent: Any, as_of: date, margin: int) -> bool:
    return behind(first_undone(tasks), record.deadline, record.created_on, percent, as_of, margin)


def first_undone(tasks: Any) -> date | None:
    """The earliest deadline of a task not done (None: none): all `behind` needs of the tasks."""
    return min((due for task in tasks if not task.get("done_on") and (due := _day(task.get("deadline"))) is not None),
               default=None)


def behind(first_due: date | None, deadline: date | None, created: date | None, percent: Any, as_of: date,
           margin: int) -> bool:
    """A task past its deadline undone (`first_due`: first_undone); or progress more than `margin`
    points behind the share of the time from created_on to the deadline that has passed (序时进度,
    capped at 100%)."""
    if first_due is not None and first_due < as_of:
        return True
    if deadline is None or created is None or not isinstance(percent, int) or isinstance(percent, bool):
        return False
    span = (deadline - created).days
    elapsed = (as_of - created).days
    expected = 100.0 if span <= 0 else min(100.0, max(0.0, 100.0 * elapsed / span))
    return percent + margin < expected


def escalation(days_overdue: int, levels: tuple[int, int, int]) -> str | None:
    """The escalation level of an item overdue by that many days (催办/督办/约谈), or None."""
    found = None
    for name, start in zip(LEVELS, levels, strict=True):
        if days_overdue >= start:
            found = name
    return found


def id_key(item_id: str) -> tuple[str, int, str]:
    """Natural order of IDs: CZJ-2 before CZJ-10 (IDs have 3+ digits, so 999 < 1000 matters)."""
    code, _, number = item_id.rpartition("-")
    return (code, int(number), item_id) if number.isdigit() else (item_id, 0, item_id)


def id_order(ids: Sequence[str], first: Sequence[int] = ()) -> list[int]:
    """The positions of `ids` in the order of (first[k], states.id_key(ids[k])), as a stable sort
    by that key gives them; by one stable sort per part of the key, each part a plain str or int
    looked up in C (a tuple key per item costs about three times as much on a big ledger)."""
    rows = list(range(len(ids)))
    parts = list(map(methodcaller("rpartition", "-"), ids))
    numbers = list(map(itemgetter(2), parts))
    if all(map(str.isdigit, numbers)):
        rows.sort(key=ids.__getitem__)
        rows.sort(key=list(map(int, numbers)).__getitem__)
        rows.sort(key=list(map(itemgetter(0), parts)).__getitem__)
    else:
        rows.sort(key=list(map(id_key, ids)).__getitem__)
    if first:
        rows.sort(key=first.__getitem__)
    return rows


@dataclass(slots=True)
class ItemView:
    """One item as `list`/`show` print it: the record and its state, flags and day count on the day."""

    record: Record
    state: str
    late: bool
    days: int  # days overdue when overdue, days left when open with a deadline, 0 otherwise
    flags: list[str] = field(default_factory=list)
    escalation: str | None = None

    def to_json(self) -> dict[str, Any]:
        """SPEC's item object: the file's keys plus department, code, file, state, flags, escalation."""
        r = self.record
        return {**r.data, "department": r.department, "code": r.code, "file": r.file, "state": self.state,
                "flags": self.flags, "escalation": self.escalation}


def view(record: Record, as_of: date, policy: Policy, *, state: str | None = None,
         stale_from: str | None = None) -> ItemView:
    """One record's state on day as_of (`state` when already known)."""
    if state is None:
        state = item_state(record.status, record.deadline, as_of, policy.due_soon_days, record.data.get("type"))
    days, level = 0, None
    if state == "overdue" and record.deadline is not None:
        days = (as_of - record.deadline).days
        level = escalation(days, policy.escalation)
    elif state in ("due_soon", "on_track") and record.deadline is not None:
        days = (record.deadline - as_of).days
    return ItemView(record, state, is_late(record), days, flags(record, state, as_of, policy, stale_from=stale_from), level)


def select(
    records: Iterable[Record],
    as_of: date,
    policy: Policy,
    *,
    dept: str | None = None,
    owner: str | None = None,
    category: str | None = None,
    state: str | None = None,
    leader: str | None = None,
    unit: str | None = None,
    kind: str | None = None,
) -> list[ItemView]:
    """The items `list` prints: filtered (all filters combine), attention first. `dept` is a
    department's code or name as written in the files."""
    code = dept.upper() if dept is not None else None
    wanted = person_key(owner) if owner is not None else None
    keys: dict[str, str] = {}  # a ledger names few persons: normalize each spelling once
    soon = shift(as_of, policy.due_soon_days)
    stale_from = stale_before(as_of, policy)
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
        if leader is not None and person_key(str(r.data.get("leader") or "")) != person_key(leader):
            continue
        if unit is not None and r.data.get("unit") != unit:
            continue
        if kind is not None and (r.data.get("type") or "deadline") != kind:
            continue
        if state in ("open", "closed", "verified") and r.status != state:
            continue
        if state == "done" and r.status == "open":
            continue
        # The state, cheaply, before any flag is worked out (most rows are filtered out here).
        deadline = r.deadline
        if r.status != "open":
            current = "done"
        elif deadline is None:
            current = "ongoing" if r.data.get("type") == "ongoing" else "on_track"
        else:
            current = "overdue" if deadline < as_of else ("due_soon" if deadline <= soon else "on_track")
        if state in STATES and current != state:
            continue
        if state == "late" and not is_late(r):
            continue
        v = view(r, as_of, policy, state=current, stale_from=stale_from)
        if state in FLAGS and state not in v.flags:
            continue
        out.append(v)
    # Overdue first, then due soon, on track, ongoing, done; earliest deadline first.
    out.sort(key=lambda v: (_RANK[v.state], v.record.deadline or _FAR, id_key(v.record.id)))
    return out


def find(records: Iterable[Record], item_id: str) -> Record | None:
    """The record with this ID as typed (any case or width, padding optional), if any."""
    wanted = id_matcher(item_id)
    found = pick(item_id, [r for r in records if wanted(r.id)], lambda r: r.id)
    return found[0] if found else None
