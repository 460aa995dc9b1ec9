"""A department's tally: every count the meeting report's figures need from its items that
does not depend on the day, made once when the department is read and kept in the read index
(ledger.index), so that a report on a million items reads a few numbers per department.

What does depend on the day is kept in a form the day can be applied to by a lookup: the open
items by deadline (sorted: overdue, due soon and on track are three slices, each escalation
level a lookup per distinct deadline) and by their latest dated entry (stale is a slice), per
category too; the few open items with tasks or a percent keep what `behind` reads. The items
themselves are visited again only to list them (domain.figures reads the department's columns
then: `Part.batch`).

Every date is YYYY-MM-DD text (JSON-able; text order is date order).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import compress
from operator import gt
from typing import Any, NamedTuple, cast

from checklist.domain.records import Batch, whole
from checklist.domain.states import (
    EXTENDED,
    OUTCOMES,
    PARTIAL,
    PLANNED,
    facts_of,
    first_undone,
    id_order,
)


class Part(NamedTuple):
    """One department's items as the report's figures read them: its tally (`tally`), and its
    columns (`batch()`, made when first called: only for the departments whose items are listed)."""

    department: str
    code: str
    file: str
    tally: dict[str, Any]
    batch: Callable[[], Batch]


def parts(batches: Iterable[Batch]) -> list[Part]:
    """Batches as parts, each tallied now."""
    return [Part(b.department, b.code, b.file, tally(b), _given(b)) for b in batches]


def _given(b: Batch) -> Callable[[], Batch]:
    return lambda: b


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


# Done after the deadline: a missing closing day is never late, a missing deadline never passed
# (each called as get(day, day): the day itself, or the stand-in for None).
_CLOSING = cast("Callable[[date | None, date | None], date]", {None: date.min}.get)
_DEADLINE = cast("Callable[[date | None, date | None], date]", {None: date.max}.get)


def _table(values: Iterable[Any], text: Callable[[Any], str] = str) -> list[list[Any]]:
    """[the distinct values sorted, as text; the count of each]."""
    counted = sorted(Counter(values).items())
    return [[text(value) for value, _ in counted], [n for _, n in counted]]


def tally(b: Batch) -> dict[str, Any]:
    """The department's day-independent counts (see the module's docstring):

    - `n`: items; `status`: {status: count}; `late`: done items closed after their deadline;
    - `due`: the open items with a deadline, [deadlines, counts], sorted; `order`: their IDs in
      deadline then ID order (what the report lists of them is a slice of it);
    - `cats`: per category (None: none), [category, deadlines, counts, open undated ongoing,
      open undated other, done];
    - `stale`: the open items with a dated entry, [latest entries, counts], sorted;
    - `partial`, `extended`: open items with a task done or a percent, with an extension;
      `planned`: per open item with tasks or a percent, [first undone task's deadline,
      deadline, created, percent] as `states.behind` reads them;
    - `outcomes`: [rules, accountability, rechecked, rebound, amount, recovered] and
      `measures` {measure: count};
    - `newest`: the latest dated entry of any item; `created`, `closed`: the latest creation
      day of any item and closing day of a done item ("": none), so that --since reads only
      the departments with something since.
    """
    n = len(b.ids)
    statuses, deadlines, categories, data = b.statuses, b.deadlines, b.categories, b.data
    latest, facts = b.latest, b.facts
    if -1 in facts:
        latest, facts = map(list, zip(*map(facts_of, map(b.record, range(n))), strict=True)) if n else ([], [])
    is_open = list(map("open".__eq__, statuses))
    open_rows = list(compress(range(n), is_open))
    done_rows = [row for row, yes in enumerate(is_open) if not yes]
    open_deadlines = list(map(deadlines.__getitem__, open_rows))
    cats: dict[str | None, list[Any]] = {}
    for category in dict.fromkeys(categories):
        cats[category] = [category, Counter(), 0, 0, 0]
    for category, deadline, row in zip(map(categories.__getitem__, open_rows), open_deadlines, open_rows, strict=True):
        entry = cats[category]
        if deadline is not None:
            entry[1][deadline] += 1
        elif data[row].get("type") == "ongoing":
            entry[2] += 1
        else:
            entry[3] += 1
    for category, count in Counter(map(categories.__getitem__, done_rows)).items():
        cats[category][4] += count
    closed = b.closed
    out: dict[str, Any] = {
        "n": n,
        "status": dict(Counter(statuses)),
        "late": sum(map(gt, map(_CLOSING, map(closed.__getitem__, done_rows), map(closed.__getitem__, done_rows)),
                        map(_DEADLINE, map(deadlines.__getitem__, done_rows), map(deadlines.__getitem__, done_rows)))),
        "due": _table(filter(None, open_deadlines), date.isoformat),
        "order": _order(b.ids, open_rows, deadlines),
        "cats": [[c, *_table(counted.elements(), date.isoformat), *rest] for c, counted, *rest in cats.values()],
        "stale": _table(filter(None, map(latest.__getitem__, open_rows))),
        "partial": 0, "extended": 0, "planned": [],
        "outcomes": [0, 0, 0, 0, 0.0, 0.0], "measures": {},
        "newest": max(latest, default=""),
        "created": _iso(max(filter(None, whole(b.created)), default=None)),
        "closed": _iso(max(filter(None, map(closed.__getitem__, done_rows)), default=None)),
    }
    for row in compress(range(n), facts):
        bits = facts[row]
        if is_open[row] and bits & PARTIAL:
            out["partial"] += 1
        if is_open[row] and bits & EXTENDED:
            out["extended"] += 1
        if is_open[row] and bits & PLANNED:
            item = data[row]
            percent = item.get("percent")
            out["planned"].append([_iso(first_undone(item.get("tasks") or ())), _iso(deadlines[row]),
                                   _iso(b.created[row]),
                                   percent if isinstance(percent, int) and not isinstance(percent, bool) else None])
        if bits & OUTCOMES:
            _outcomes(data[row], out["outcomes"], out["measures"])
    return out


def _order(ids: Sequence[str], rows: list[int], deadlines: Sequence[date | None]) -> list[str]:
    """The IDs of the rows with a deadline, in deadline then ID order (states.id_order)."""
    dated = [row for row in rows if deadlines[row] is not None]
    keys = [cast(date, deadlines[row]).toordinal() for row in dated]
    found = [ids[row] for row in dated]
    return [found[at] for at in id_order(found, keys)]


def _outcomes(item: dict[str, Any], counts: list[Any], measures: dict[str, int]) -> None:
    """Add an item's rules, accountability (by measure), latest recheck and money to the counts."""
    counts[0] += len(item.get("rules") or ())
    held = item.get("accountability") or ()
    counts[1] += len(held)
    for entry in held:
        measure = str(entry.get("measure", ""))
        measures[measure] = measures.get(measure, 0) + 1
    rechecks = item.get("rechecks") or ()
    if rechecks:
        counts[2] += 1
        if rechecks[-1].get("result") in ("rebound", "false"):
            counts[3] += 1
    counts[4] += _number(item.get("amount"))
    counts[5] += _number(item.get("recovered"))
