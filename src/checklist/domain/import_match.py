"""Re-importing next week's version of a 台账 (no I/O): which rows are items already in the
ledger, and the edits that bring such an item up to the sheet (status, progress, percent,
remarks, deadline), each the operation the matching command runs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checklist.domain import transitions
from checklist.domain.entries import op_update
from checklist.domain.fields import ITEM
from checklist.domain.values import Item, jsonable
from checklist.errors import ChecklistError

Operation = Callable[[Item], Item]


def title_key(title: str) -> str:
    return "".join(unicodedata.normalize("NFKC", title).split()).casefold()


def match_key(item: Item, with_created: bool) -> tuple[str, str]:
    """What makes a row the same item as one in the ledger: its title, and its created_on when
    the sheet has a created_on column."""
    created = jsonable(item.get("created_on")) if with_created else ""
    return title_key(str(item.get("title", ""))), str(created or "")


_DATES = {f.name for f in ITEM if f.kind == "date"}
_ENTRY_DATES = {f.name: {e.name for e in f.entries if e.kind == "date"} for f in ITEM if f.entries}


def dated(item: Item) -> Item:
    """A cached item (dates as text) with its dates as dates again, as the operations take it."""

    def day(value: Any) -> Any:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else value

    out = {k: day(v) if k in _DATES else v for k, v in item.items()}
    for name, keys in _ENTRY_DATES.items():
        if isinstance(out.get(name), list):
            out[name] = [{k: day(v) if k in keys else v for k, v in e.items()} if isinstance(e, dict) else e
                         for e in out[name]]
    return out


@dataclass
class Changes:
    """The edits a row makes to its item: (what changed, the operation), in order."""

    steps: list[tuple[str, Operation]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # changes the sheet shows that import does not make

    def apply(self, item: Item) -> Item:
        for _, op in self.steps:
            item = op(item)
        return item


def changes(old: Item, new: Item, *, today: date, reason: str) -> Changes:
    """The edits that bring `old` (the ledger's item) up to `new` (the row), as close, verify,
    note, extend and update would make them."""
    out = Changes()
    status = old.get("status")
    notes = {str(p.get("note", "")) for p in old.get("progress") or [] if isinstance(p, dict)}
    fresh = [p for p in new.get("progress") or [] if p["note"] not in notes and p["note"] != old.get("result")]
    percent = new.get("percent")
    if status == "open":
        if fresh:
            moved = percent if percent is not None and percent != old.get("percent") and new["status"] == "open" else None
            for entry in fresh:
                out.steps.append(("progress", _note(entry["note"], entry["date"], moved)))
                moved = None
        elif percent is not None and percent != old.get("percent") and new["status"] == "open":
            out.steps.append(("percent", _update("percent", percent)))
        deadline = new.get("deadline")
        if isinstance(deadline, date) and isinstance(old.get("deadline"), date) and deadline != old["deadline"]:
            out.steps.append(("deadline", _extend(deadline, reason, today)))
    if new.get("remarks") and new["remarks"] != old.get("remarks"):
        out.steps.append(("remarks", _update("remarks", new["remarks"])))
    if status == "open" and new["status"] in ("closed", "verified"):
        out.steps.append(("status", lambda it: transitions.op_close(
            it, result=new["result"], on=new["closed_on"], evidence=[])))
    if status in ("open", "closed") and new["status"] == "verified":
        out.steps.append(("status", lambda it: transitions.op_verify(
            it, by=new["verified_by"], note=None, on=new["verified_on"])))
    if status in ("closed", "verified") and new["status"] == "open":
        out.skipped.append("status")
    return out


def _update(name: str, value: Any) -> Operation:
    return lambda it: op_update(it, changes={name: value})


def _extend(to: date, reason: str, on: date) -> Operation:
    return lambda it: transitions.op_extend(it, to=to, reason=reason, approved_by=None, on=on)


def _note(text: str, on: date, percent: int | None) -> Operation:
    return lambda it: transitions.op_note(it, note=text, on=on, percent=percent)


def check(old: Item, found: Changes) -> ChecklistError | None:
    """The first refusal the edits meet on the item as it is (None: they all apply)."""
    try:
        found.apply(dated(old))
    except ChecklistError as exc:
        return exc
    return None
