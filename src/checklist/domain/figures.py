"""The meeting report's figures (SPEC `report --format json`): totals, the
department ranking with each department's light, categories, accountability
by measure, the overdue and due-soon lists, and what is new or done since a
day. One pass over the records; dates stay `datetime.date` for renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from checklist.domain.dates import shift
from checklist.domain.records import Record
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
    depts: dict[str, list[int]] = {}
    money: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    updated: dict[str, str] = {}
    stale_from = stale_before(as_of, policy)
    cats: dict[str | None, list[int]] = {}
    by_measure: dict[str, int] = dict.fromkeys(measures, 0)
    overdue: list[dict[str, Any]] = []
    due_soon: list[dict[str, Any]] = []
    new_since: list[str] = []
    done_since: list[str] = []
    i = _INDEX
    total, open_, done_, overdue_i, due_soon_i, rules_i, held_i, rechecked_i, rebound_i = (
        i["total"], i["open"], i["done"], i["overdue"], i["due_soon"], i["rules"], i["accountability"],
        i["rechecked"], i["rebound"])
    late_i, stale_i = i["late"], i["stale"]
    soon = shift(as_of, policy.due_soon_days)
    for r in records:
        code = r.code
        c = depts.get(code)
        if c is None:
            c = depts[code] = [0] * _WIDTH
            money[code] = [0.0, 0.0]
            names[code] = r.department
        k = cats.get(r.category)
        if k is None:
            k = cats[r.category] = [0, 0, 0]
        data = r.data
        c[total] += 1
        k[0] += 1
        deadline = r.deadline
        if r.status != "open":
            state = "done"
            c[i[r.status]] += 1
            c[done_] += 1
            k[1] += 1
            if r.closed_on is not None and since is not None and r.closed_on >= since:
                done_since.append(r.id)
        else:
            c[open_] += 1
            if deadline is None:
                state = "ongoing" if data.get("type") == "ongoing" else "on_track"
            elif deadline < as_of:
                state = "overdue"
                c[overdue_i] += 1
                k[2] += 1
                days = (as_of - deadline).days
                level = escalation(days, policy.escalation)
                if level is not None:
                    c[i[level]] += 1
                overdue.append({"id": r.id, "department": r.department, "title": r.title, "owner": r.owner,
                                "leader": data.get("leader"), "deadline": deadline, "days_overdue": days,
                                "extensions": len(data.get("extensions") or ()), "escalation": level,
                                "latest_progress": latest_note(data) if r.note is ... else r.note})
            elif deadline <= soon:
                state = "due_soon"
                c[due_soon_i] += 1
                due_soon.append({"id": r.id, "department": r.department, "title": r.title, "owner": r.owner,
                                 "deadline": deadline, "days_left": (deadline - as_of).days})
            else:
                state = "on_track"
            if state != "overdue" and state != "due_soon":
                c[i[state]] += 1
        latest, bits = (r.latest, r.facts) if r.facts >= 0 else facts_of(r)
        if state == "done":
            if deadline is not None and r.closed_on is not None and r.closed_on > deadline:
                c[late_i] += 1  # flags(): a done item's only flag
        elif bits & _PLANNED_EXTENDED_PARTIAL:
            for flag in flags(r, state, as_of, policy, stale_from=stale_from):
                c[i[flag]] += 1
        elif latest and latest < stale_from:
            c[stale_i] += 1  # flags() of an open item without tasks, percent or extensions
        if bits & OUTCOMES:
            c[rules_i] += len(data.get("rules") or ())
            held = data.get("accountability") or ()
            c[held_i] += len(held)
            for entry in held:
                measure = str(entry.get("measure", ""))
                by_measure[measure] = by_measure.get(measure, 0) + 1
            rechecks = data.get("rechecks") or ()
            if rechecks:
                c[rechecked_i] += 1
                if rechecks[-1].get("result") in ("rebound", "false"):
                    c[rebound_i] += 1
            m = money[code]
            m[0] += _number(data.get("amount"))
            m[1] += _number(data.get("recovered"))
        if latest > updated.get(code, ""):
            updated[code] = latest
        if since is not None and r.created_on is not None and r.created_on >= since:
            new_since.append(r.id)

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
    overdue.sort(key=lambda e: (-e["days_overdue"], id_key(e["id"])))
    due_soon.sort(key=lambda e: (e["days_left"], id_key(e["id"])))
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
        "new_since": sorted(new_since, key=id_key),
        "done_since": sorted(done_since, key=id_key),
    }
