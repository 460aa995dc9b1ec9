"""The meeting report's figures (SPEC `report --format json`): totals, the
department ranking with each department's light, categories, accountability
by measure, the overdue and due-soon lists, and what is new or done since a
day. Counted from each department's tally (domain.tally: what does not depend
on the day, kept in the read index), sliced by the day; a department's items
are read, as columns (domain.records.Batch), only when some are listed. Dates
stay `datetime.date` for renderers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import compress
from typing import Any, cast

from checklist.domain.dates import shift
from checklist.domain.records import Batch, Record, columns, whole
from checklist.domain.states import LEVELS, Policy, behind, escalation, id_order, stale_before
from checklist.domain.tally import Part, parts

# The whole-number counts of the totals and of each department, in SPEC's order.
COUNT_KEYS = ("total", "open", "closed", "verified", "done", "overdue", "due_soon", "on_track", "late")
V2_COUNT_KEYS = ("ongoing", "partial", "behind", "extended", "stale", *LEVELS,
                 "rules", "accountability", "rechecked", "rebound")
MONEY_KEYS = ("amount", "recovered")
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
    return report_of(parts(columns(records)), as_of, policy, since, category_order, roster, measures)


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


class _Days:
    """What report_of derives from its day: the edges of the day's slices of a tally's sorted
    tables, and per distinct deadline its escalation level (made once per ledger: a city's
    million items share a few thousand deadlines)."""

    def __init__(self, as_of: date, policy: Policy) -> None:
        self.as_of, self.policy = as_of, policy
        self.today = as_of.isoformat()
        self.soon = shift(as_of, policy.due_soon_days).isoformat()
        self.stale_from = stale_before(as_of, policy)
        self._levels: dict[str, str | None] = {}
        self._dates: dict[str, date] = {}

    def day(self, text: str) -> date | None:
        """A tally's day as a date ("": None)."""
        if not text:
            return None
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = date.fromisoformat(text)
        return found

    def level(self, deadline: str) -> str | None:
        """The escalation level of an open item with that deadline (overdue)."""
        if deadline not in self._levels:
            days = self.as_of - cast(date, self.day(deadline))
            self._levels[deadline] = escalation(days.days, self.policy.escalation)
        return self._levels[deadline]

    def slices(self, days: Sequence[str]) -> tuple[int, int]:
        """Where a sorted deadline table's overdue part ends and its due-soon part ends (the rest
        is on track): overdue before the day, due soon up to `due_soon_days` after it."""
        return bisect_left(days, self.today), bisect_right(days, self.soon)


# A part's slice of its tally's `order` (the open items with a deadline, in deadline then ID
# order) that holds the items of one list: where it starts, and its deadlines and their counts.
Slice = tuple[int, Sequence[str], Sequence[int]]


def _candidates(parts: list[Part], slices: list[Slice], listed: int | None,
                days_of: _Days) -> tuple[list[int], list[str], list[int]]:
    """The items that may be listed, per item its part's index, ID and first sort key (the days
    from the day to the deadline; negative: overdue): of each part's slice the first `listed`
    only when given (the ledger's first `listed` are among them), all else."""
    owners: list[int] = []
    ids: list[str] = []
    first: list[int] = []
    as_of = days_of.as_of
    for k, (part, (start, days, numbers)) in enumerate(zip(parts, slices, strict=True)):
        take = sum(numbers) if listed is None else min(sum(numbers), listed)
        if not take:
            continue
        keys: list[int] = []
        for day, number in zip(days, numbers, strict=True):
            if len(keys) >= take:
                break
            keys += [(cast(date, days_of.day(day)) - as_of).days] * number
        first += keys[:take]
        ids += part.tally["order"][start:start + take]
        owners += [k] * take
    return owners, ids, first


def _entries(parts: list[Part], owners: list[int], ids: list[str], chosen: list[int],
             make: Callable[[Batch, list[int]], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The entries of the chosen candidates, in that order: each part's made together from its
    columns (read now; made one by one in sorted order, a big ledger's entries cost twice as
    much)."""
    wanted: dict[int, list[int]] = {}
    for at in chosen:
        wanted.setdefault(owners[at], []).append(at)
    made: dict[int, dict[str, Any]] = {}
    for k, ats in wanted.items():
        b = parts[k].batch()
        row_of = {key: row for row, key in enumerate(b.ids)}
        made.update(zip(ats, make(b, [row_of[ids[at]] for at in ats]), strict=True))
    return [made[at] for at in chosen]


def report_of(
    tallied: Iterable[Part],
    as_of: date,
    policy: Policy,
    since: date | None = None,
    category_order: Sequence[str] = (),
    roster: Sequence[tuple[str, str]] = (),
    measures: Sequence[str] = (),
    listed: int | None = None,
) -> dict[str, Any]:
    """build_report from the departments' tallies (domain.tally: the counts that do not depend on
    the day, sliced by it here). A department's items are visited only when some of them are
    listed: overdue or due soon, new or done since `since`. `listed`: list only the first so
    many overdue and due-soon items (the terminal table shows 50; their numbers are the totals'
    overdue and due_soon), None: all."""
    parts = list(tallied)
    depts: dict[str, list[int]] = {}
    money: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    updated: dict[str, str] = {}
    days_of = _Days(as_of, policy)
    stale_from = days_of.stale_from
    cats: dict[str | None, list[int]] = {}
    by_measure: dict[str, int] = dict.fromkeys(measures, 0)
    i = _INDEX
    # Per part, where its overdue and its due-soon items are in its tally's `order`.
    overdue_slices: list[Slice] = []
    due_soon_slices: list[Slice] = []
    for part in parts:
        code, t = part.code, part.tally
        c = depts.get(code)
        if c is None:
            c = depts[code] = [0] * _WIDTH
            money[code] = [0.0, 0.0]
            names[code] = part.department
        c[i["total"]] += t["n"]
        for status, count in t["status"].items():
            if status != "open":
                c[i[status]] += count
                c[i["done"]] += count
            else:
                c[i["open"]] += count
        for category, days, numbers, ongoing, undated, done in t["cats"]:
            late_end, soon_end = days_of.slices(days)
            overdue = sum(numbers[:late_end])
            k = cats.get(category)
            if k is None:
                k = cats[category] = [0, 0, 0]
            k[0] += sum(numbers) + ongoing + undated + done
            k[1] += done
            k[2] += overdue
            c[i["overdue"]] += overdue
            c[i["due_soon"]] += sum(numbers[late_end:soon_end])
            c[i["on_track"]] += sum(numbers[soon_end:]) + undated
            c[i["ongoing"]] += ongoing
        days, numbers = t["due"]
        late_end, soon_end = days_of.slices(days)
        for deadline, count in zip(days[:late_end], numbers[:late_end], strict=True):
            level = days_of.level(deadline)
            if level is not None:
                c[i[level]] += count
        overdue_slices.append((0, days[:late_end], numbers[:late_end]))
        due_soon_slices.append((sum(numbers[:late_end]), days[late_end:soon_end], numbers[late_end:soon_end]))
        c[i["late"]] += t["late"]
        # Stale: an open item whose latest dated entry is before stale_from.
        latest, counts = t["stale"]
        c[i["stale"]] += sum(counts[:bisect_left(latest, stale_from)])
        c[i["partial"]] += t["partial"]
        c[i["extended"]] += t["extended"]
        for first_due, deadline, created, percent in t["planned"]:
            if behind(days_of.day(first_due), days_of.day(deadline), days_of.day(created), percent, as_of,
                      policy.behind_margin):
                c[i["behind"]] += 1
        rules, held, rechecked, rebound, amount, recovered = t["outcomes"]
        c[i["rules"]] += rules
        c[i["accountability"]] += held
        c[i["rechecked"]] += rechecked
        c[i["rebound"]] += rebound
        m = money[code]
        m[0] += amount
        m[1] += recovered
        for measure, count in t["measures"].items():
            by_measure[measure] = by_measure.get(measure, 0) + count
        if t["newest"] > updated.get(code, ""):
            updated[code] = t["newest"]

    overdue_owners, overdue_ids, overdue_days = _candidates(parts, overdue_slices, listed, days_of)
    due_soon_owners, due_soon_ids, due_soon_days = _candidates(parts, due_soon_slices, listed, days_of)
    new_since: list[str] = []
    done_since: list[str] = []
    if since is not None:
        start = since.isoformat()
        for part in parts:
            if part.tally["created"] >= start:
                b = part.batch()
                new_since += [key for key, day in zip(b.ids, whole(b.created), strict=True) if day is not None and day >= since]
            if part.tally["closed"] >= start:
                b = part.batch()
                done_since += [key for key, status, day in zip(b.ids, b.statuses, b.closed, strict=True)
                               if status != "open" and day is not None and day >= since]

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
            days = (as_of - deadline).days
            level = escalation(days, policy.escalation)
            out.append({"id": key, "department": department, "title": title, "owner": owner,
                        "leader": item.get("leader"), "deadline": deadline, "days_overdue": days,
                        "extensions": len(item.get("extensions") or ()), "escalation": level,
                        "latest_progress": latest_note(item) if note is ... else note})
        return out

    def due_soon_entries(b: Batch, rows: list[int]) -> list[dict[str, Any]]:
        department = b.department
        return [{"id": key, "department": department, "title": title, "owner": owner, "deadline": deadline,
                 "days_left": (deadline - as_of).days}
                for key, title, owner, deadline in zip(*(map(whole(column).__getitem__, rows) for column in (
                    b.ids, b.titles, b.owners, b.deadlines)), strict=True)]

    overdue = _entries(parts, overdue_owners, overdue_ids, _first(overdue_ids, overdue_days, listed), overdue_entries)
    due_soon = _entries(parts, due_soon_owners, due_soon_ids, _first(due_soon_ids, due_soon_days, listed),
                        due_soon_entries)
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
