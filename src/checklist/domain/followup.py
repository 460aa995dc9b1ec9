"""The office's follow-up (跟踪回访, 回头看) as pure functions: a recheck of a done item
recorded, and reopening it when the problem came back or was never fixed; a
reproducible sample of done items to revisit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from checklist.domain.transitions import dated_insert, not_future, op_reopen
from checklist.domain.values import Item, clean_name, clean_text
from checklist.errors import ChecklistError

RESULTS = ("ok", "rebound", "false")
T = TypeVar("T")


def op_recheck(item: Item, *, by: str, result: str, note: str | None, on: date, reason: str) -> Item:
    """A follow-up check of a done item, in date order; `rebound` (反弹) and `false`
    (虚假整改) also reopen the item with that kind, `reason` saying why."""
    if item.get("status") not in ("closed", "verified"):
        raise ChecklistError("edit_recheck_open", id=item["id"])
    if not clean_name(by):
        raise ChecklistError("edit_empty_recheck_by")
    if result not in RESULTS:
        raise ChecklistError("edit_bad_recheck_result", value=result)
    not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_recheck_before_closed", date=on.isoformat(), closed=closed.isoformat())
    entry: dict[str, Any] = {"date": on, "by": clean_name(by), "result": result}
    if note and clean_text(note):
        entry["note"] = clean_text(note)
    new = {**item, "rechecks": dated_insert(item.get("rechecks") or [], entry)}
    if result != "ok":
        new = op_reopen(new, reason=clean_text(note or "") or reason, on=on, kind=result)
    return new


def sample_key(seed: str, item_id: str) -> bytes:
    """The draw of one item: a stable hash of the seed and the ID (never Python's hash(),
    which changes from one process to the next)."""
    return hashlib.sha256(f"{seed}\x1f{item_id}".encode()).digest()


def sample(candidates: Iterable[T], n: int, seed: str, key: Any, *, group: Any = None) -> list[T]:
    """`n` of the candidates, the same ones for the same candidates and seed on any
    machine and in any order given; with `group`, `n` from each group. The result keeps
    the candidates' own order."""
    pool: Sequence[T] = list(candidates)
    if group is None:
        chosen = set(map(id, sorted(pool, key=lambda c: sample_key(seed, key(c)))[:n]))
    else:
        groups: dict[Any, list[T]] = {}
        for c in pool:
            groups.setdefault(group(c), []).append(c)
        chosen = {id(c) for members in groups.values()
                  for c in sorted(members, key=lambda c: sample_key(seed, key(c)))[:n]}
    return [c for c in pool if id(c) in chosen]
