"""The meeting report's figures (SPEC `report --format json`): totals, the
department ranking with each department's light, categories, accountability
by measure, the overdue and due-soon lists, and what is new or done since a
day. Counted per department over its items as columns (domain.records.Batch:
a million-item ledger makes no record for the report), each count one pass in
C; dates stay `datetime.date` for renderers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import accumulate, compress
from operator import getitem, gt, itemgetter, methodcaller
from typing import Any, cast

from checklist.domain.dates import shift
from checklist.domain.records import Batch, Record, columns, whole
from checklist.domain.states import (
    EXTENDED,
    LEVELS,
    OUTCOMES,
    PARTIAL,
    PLANNED,
    Policy,
    escalation,
    facts_of,
    flags,
    id_key,
    stale_before,
)

# The whole-number counts of the totals and of each department, in SPEC's order.
COUNT_KEYS = ("total", "open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late")
V2_COUNT_KEYS = ("ongoing", "partial", "behind", "extended", "stale", *LEVELS,
                 "rules", "accountability", "rechecked", "rebound")
MONEY_KEYS = ("amount", "recovered")
_PLANNED_EXTENDED_PARTIAL = PLANNED | EXTENDED | PARTIAL
_ANY_FLAG_FACT = _PLANNED_EXTENDED_PARTIAL | OUTCOMES
_INDEX = {key: i for i, key in enumerate((*COUNT_KEYS, *V2_COUNT_KEYS))}
_WIDTH = len(_INDEX)


def _totals(counts: list[int], money: list[float]) -> dict[str, Any]:
    """Counts as SPEC's keys, with the rates in their place (on_time_rate None when nothing is done)."""
    out: dict[str, Any] = dict(zip(COUNT_KEYS, counts[:len(COUNT_KEYS)], strict=True))
    done, total = out["done"], out["total"]
    out["completion_rate"] = done / total if total else 0.0
    out["on_time_rate"] = (done - out["late"]) / done if done else None
    out.update(zip(V2_COUNT_KEYS, counts[len(COUNT_KEYS):], strict=True))
    out.update(zip(MONEY_KEYS, money, strict=True))
    # Of the items rechecked, the share whose latest recheck found a rebound or a false fix.
    out["rebound_rate"] = out["rebound"] / out["rechecked"] if out["rechecked"] else None
    return out


def light(counts: dict[str, Any]) -> str:
    """A department's light: red with an overdue item, yellow with one due soon, else green."""
    return "red" if counts["overdue"] else ("yellow" if counts["due_soon"] else "green")


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def latest_note(data: dict[str, Any]) -> str | None:
    """The text of the latest progress note (the last of the latest day), None without one."""
    found, best = None, ""
    for entry in data.get("progress") or ():
        day = entry.get("date")
        day = day if isinstance(day, str) else str(day or "")
        if day >= best and entry.get("note"):
            found, best = entry["note"], day
    return None if found is None else str(found)


def build_report(
    records: Sequence[Record],
    as_of: date,
    policy: Policy,
    since: date | None = None,
    category_order: Sequence[str] = (),
    roster: Sequence[tuple[str, str]] = (),
    measures: Sequence[str] = (),
) -> dict[str, Any]:
    """The meeting report in SPEC's `report --format json` shape (dates as date objects).

    `roster` is every (code, name) of checklist.toml: each is listed, 未报送 when it has no items;
    `measures` orders accountability by measure (each listed, with 0 when unused).
    """
    return report_of(columns(records), as_of, policy, since, category_order, roster, measures)


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


Found = list[tuple[Batch, list[int]]]


def _first(ids: list[str], first: list[int], listed: int | None) -> list[int]:
    """id_order(ids, first), only its first `listed` positions when given: sorted among the
    positions whose first key is within the `listed` smallest only (the terminal table's 50
    of a quarter of a million overdue items)."""
    if listed is None or len(ids) <= listed:
        return id_order(ids, first)
    counts = Counter(first)
    seen = 0
    for bound in sorted(counts):
        seen += counts[bound]
        if seen >= listed:
            break
    keep = list(compress(range(len(ids)), map(bound.__ge__, first)))
    return [keep[at] for at in id_order([ids[k] for k in keep], [first[k] for k in keep])][:listed]


def _listed(found: Found, order: list[int], listed: int | None,
            make: Callable[[Batch, list[int]], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The entries of the rows found (per batch, its rows), in `order` (positions in the order
    found), the first `listed` of them only. Made batch by batch through the columns when all
    are wanted (made one by one in sorted order, a big ledger's entries cost twice as much)."""
    if listed is None:
        made = [entry for b, rows in found for entry in make(b, rows)]
        return [made[at] for at in order]
    starts = list(accumulate((len(rows) for _, rows in found), initial=0))
    out: list[dict[str, Any]] = []
    for at in order[:listed]:
        k = bisect_right(starts, at) - 1
        b, rows = found[k]
        out += make(b, [rows[at - starts[k]]])
    return out


class _Days:
    """What report_of derives from each distinct deadline and latest entry, made once per
    ledger (a city's million items share a few thousand days; each department's hundreds of
    distinct days are looked up in C, not visited in Python)."""

    def __init__(self, as_of: date, policy: Policy) -> None:
        self.as_of, self.policy = as_of, policy
        self.soon = shift(as_of, policy.due_soon_days)
        self.stale_from = stale_before(as_of, policy)
        # Per deadline: an open item's state (None: no deadline, its type decides); for overdue
        # deadlines the days overdue and escalation level; the listed items' first sort key
        # (minus the days overdue, or the days left).
        self.state: dict[date | None, str | None] = {None: None}
        self.levels: dict[date | None, tuple[int, str | None]] = {}
        self.ranks: dict[date | None, int] = {}
        # Per latest dated entry (YYYY-MM-DD, "": none): whether an open item is stale by it.
        self.stale: dict[str, bool] = {}

    def deadlines(self, column: Sequence[date | None]) -> None:
        """Know every deadline of a column."""
        for d in set(column).difference(self.state):
            assert d is not None
            if d < self.as_of:
                days = (self.as_of - d).days
                self.state[d] = "overdue"
                self.levels[d] = (days, escalation(days, self.policy.escalation))
                self.ranks[d] = -days
            else:
                self.state[d] = "due_soon" if d <= self.soon else "on_track"
                self.ranks[d] = (d - self.as_of).days

    def latest(self, column: Sequence[str]) -> None:
        """Know every latest entry of a column."""
        for s in set(column).difference(self.stale):
            self.stale[s] = bool(s) and s < self.stale_from


# An item's state by its status and its deadline's state: an open item's is the deadline's,
# a done item's "" (every status but "open" is done, as domain.states.item_state reads it).
_OPEN_STATES: dict[str | None, str | None] = {state: state for state in ("overdue", "due_soon", "on_track", None)}
_DONE_STATES: dict[str | None, str | None] = dict.fromkeys(_OPEN_STATES, "")
# Done after the deadline: a missing closing day is never late, a missing deadline never passed
# (each called as get(day, day): the day itself, or the stand-in for None).
_CLOSING = cast("Callable[[date | None, date | None], date]", {None: date.min}.get)
_DEADLINE = cast("Callable[[date | None, date | None], date]", {None: date.max}.get)


def report_of(
    batches: Iterable[Batch],
    as_of: date,
    policy: Policy,
    since: date | None = None,
    category_order: Sequence[str] = (),
    roster: Sequence[tuple[str, str]] = (),
    measures: Sequence[str] = (),
    listed: int | None = None,
) -> dict[str, Any]:
    """build_report from the items as columns (domain.records.Batch): each figure is counted
    over a whole column at once; only the listed items and the few items with plans, extensions
    or outcomes are visited one by one. `listed`: list only the first so many overdue and
    due-soon items (the terminal table shows 50; their numbers are the totals' overdue and
    due_soon), None: all."""
    depts: dict[str, list[int]] = {}
    money: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    updated: dict[str, str] = {}
    days_of = _Days(as_of, policy)
    stale_from = days_of.stale_from
    cats: dict[str | None, list[int]] = {}
    by_measure: dict[str, int] = dict.fromkeys(measures, 0)
    # The listed items, found batch by batch (each batch with its rows), their IDs and first sort
    # key (most days overdue, fewest days left); made into entries once sorted.
    overdue_found: Found = []
    due_soon_found: Found = []
    overdue_ids: list[str] = []
    overdue_days: list[int] = []
    due_soon_ids: list[str] = []
    due_soon_days: list[int] = []
    new_since: list[str] = []
    done_since: list[str] = []
    i = _INDEX
    levels, ranks = days_of.levels, days_of.ranks
    by_status: dict[str, dict[str | None, str | None]] = {}
    for b in batches:
        code = b.code
        c = depts.get(code)
        if c is None:
            c = depts[code] = [0] * _WIDTH
            money[code] = [0.0, 0.0]
            names[code] = b.department
        n = len(b.ids)
        statuses, deadlines, data = b.statuses, b.deadlines, b.data
        days_of.deadlines(deadlines)
        for status in set(statuses).difference(by_status):
            by_status[status] = _OPEN_STATES if status == "open" else _DONE_STATES
        # Each item's state ("" for done; None for open without a deadline until its type is read):
        # per status, a table from the state by deadline; no Python call per item.
        states: list[str | None] = list(map(getitem, map(by_status.__getitem__, statuses),
                                            map(days_of.state.__getitem__, deadlines)))
        if None in states:
            for row in [row for row, s in enumerate(states) if s is None]:
                states[row] = "ongoing" if data[row].get("type") == "ongoing" else "on_track"
        c[i["total"]] += n
        # One count per (category, state) gives each category's total, done and overdue, and the
        # department's count of each state.
        for (category, state), count in Counter(zip(b.categories, states, strict=True)).items():
            k = cats.get(category)
            if k is None:
                k = cats[category] = [0, 0, 0]
            k[0] += count
            if not state:
                k[1] += count
            else:
                c[i[state]] += count
                if state == "overdue":
                    k[2] += count
        for status, count in Counter(statuses).items():
            if status != "open":
                c[i[status]] += count
                c[i["done"]] += count
            else:
                c[i["open"]] += count
        ids = b.ids
        if c[i["overdue"]] > 0:
            rows = list(compress(range(n), map("overdue".__eq__, states)))
            if rows:
                for (_, level), count in Counter(map(levels.__getitem__, map(deadlines.__getitem__, rows))).items():
                    if level is not None:
                        c[i[level]] += count
                overdue_found.append((b, rows))
                overdue_ids += map(ids.__getitem__, rows)
                overdue_days += map(ranks.__getitem__, map(deadlines.__getitem__, rows))
        if c[i["due_soon"]] > 0:
            rows = list(compress(range(n), map("due_soon".__eq__, states)))
            if rows:
                due_soon_found.append((b, rows))
                due_soon_ids += map(ids.__getitem__, rows)
                due_soon_days += map(ranks.__getitem__, map(deadlines.__getitem__, rows))
        latest, facts = b.latest, b.facts
        if -1 in facts:
            latest, facts = map(list, zip(*map(facts_of, map(b.record, range(n))), strict=True)) if n else ([], [])
        # Done after the deadline: a done item's only flag.
        c[i["late"]] += sum(compress(map(gt, map(_CLOSING, b.closed, b.closed), map(_DEADLINE, deadlines, deadlines)),
                                     map("".__eq__, states)))
        days_of.latest(latest)
        # Stale: an open item without tasks, percent or extensions (flags() tells of the others).
        plain: Iterable[bool] = map(bool, states)
        if any(map(_PLANNED_EXTENDED_PARTIAL.__and__, facts)):
            plain = [bool(state) and not bits & _PLANNED_EXTENDED_PARTIAL for state, bits in zip(states, facts, strict=True)]
        c[i["stale"]] += sum(compress(map(days_of.stale.__getitem__, latest), plain))
        for row in compress(range(n), map(_ANY_FLAG_FACT.__and__, facts)):
            bits, state = facts[row], states[row]
            if state and bits & _PLANNED_EXTENDED_PARTIAL:
                for flag in flags(b.record(row), state, as_of, policy, stale_from=stale_from):
                    c[i[flag]] += 1
            if bits & OUTCOMES:
                item = data[row]
                c[i["rules"]] += len(item.get("rules") or ())
                held = item.get("accountability") or ()
                c[i["accountability"]] += len(held)
                for entry in held:
                    measure = str(entry.get("measure", ""))
                    by_measure[measure] = by_measure.get(measure, 0) + 1
                rechecks = item.get("rechecks") or ()
                if rechecks:
                    c[i["rechecked"]] += 1
                    if rechecks[-1].get("result") in ("rebound", "false"):
                        c[i["rebound"]] += 1
                m = money[code]
                m[0] += _number(item.get("amount"))
                m[1] += _number(item.get("recovered"))
        newest = max(latest, default="")
        if newest > updated.get(code, ""):
            updated[code] = newest
        if since is not None:
            new_since += [ids[row] for row, day in enumerate(whole(b.created)) if day is not None and day >= since]
            done_since += [ids[row] for row, (state, day) in enumerate(zip(states, b.closed, strict=True))
                           if state == "" and day is not None and day >= since]

    for code, name in roster:
        if code not in depts:
            depts[code], money[code], names[code] = [0] * _WIDTH, [0.0, 0.0], name
    totals = [sum(col) for col in zip(*depts.values(), strict=True)] if depts else [0] * _WIDTH
    money_totals = [sum(col) for col in zip(*money.values(), strict=True)] if money else [0.0, 0.0]
    departments = []
    for code, counts in depts.items():
        figures = _totals(counts, money[code])
        last = updated.get(code)
        departments.append({"department": names[code], "code": code, "light": light(figures),
                            "reported": figures["total"] > 0, "last_update": date.fromisoformat(last) if last else None,
                            # 未按时报送: open items, and no dated entry within update_every_days
                            "update_stale": figures["open"] > 0 and (last or "") < stale_from,
                            **figures})
    # Ranked by completion, fewer overdue, more items; a department that has not reported comes last.
    departments.sort(key=lambda d: (not d["reported"], -d["completion_rate"], d["overdue"], -d["total"], d["code"]))
    order = {name: n for n, name in enumerate(category_order)}
    # Config order first, then the others by name; items without a category last.
    cat_keys = sorted(cats, key=lambda n: (n is None, order.get(n, len(order)) if n is not None else 0, n or ""))

    def overdue_entries(b: Batch, rows: list[int]) -> list[dict[str, Any]]:
        out = []
        department = b.department
        for key, title, owner, deadline, item, note in zip(*(map(whole(column).__getitem__, rows) for column in (
                b.ids, b.titles, b.owners, b.deadlines, b.data, b.notes)), strict=True):
            days, level = levels[deadline]
            out.append({"id": key, "department": department, "title": title, "owner": owner,
                        "leader": item.get("leader"), "deadline": deadline, "days_overdue": days,
                        "extensions": len(item.get("extensions") or ()), "escalation": level,
                        "latest_progress": latest_note(item) if note is ... else note})
        return out

    def due_soon_entries(b: Batch, rows: list[int]) -> list[dict[str, Any]]:
        department = b.department
        return [{"id": key, "department": department, "title": title, "owner": owner, "deadline": deadline,
                 "days_left": ranks[deadline]}
                for key, title, owner, deadline in zip(*(map(whole(column).__getitem__, rows) for column in (
                    b.ids, b.titles, b.owners, b.deadlines)), strict=True)]

    overdue = _listed(overdue_found, _first(overdue_ids, overdue_days, listed), listed, overdue_entries)
    due_soon = _listed(due_soon_found, _first(due_soon_ids, due_soon_days, listed), listed, due_soon_entries)
    known = {name: n for n, name in enumerate(measures)}
    return {
        "as_of": as_of,
        "since": since,
        "totals": _totals(totals, money_totals),
        "departments": departments,
        "categories": [{"category": n, "total": cats[n][0], "done": cats[n][1], "overdue": cats[n][2]} for n in cat_keys],
        "accountability": [{"measure": m, "count": n} for m, n in
                           sorted(by_measure.items(), key=lambda e: (known.get(e[0], len(known)), e[0]))],
        "stale_departments": [{"department": d["department"], "code": d["code"], "last_update": d["last_update"]}
                              for d in departments if d["update_stale"]],
        "overdue": overdue,
        "due_soon": due_soon,
        "new_since": [new_since[k] for k in id_order(new_since)],
        "done_since": [done_since[k] for k in id_order(done_since)],
    }
