"""The clerk's operations as pure functions: an item (plain data) in, the
changed item out, or a ChecklistError saying why the change makes no sense.

Nothing here reads files or knows their text: the edit transaction
(ledger.transaction) writes the difference into the item's own lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from checklist.domain.dates import today
from checklist.domain.fields import BY_NAME
from checklist.domain.names import same_person
from checklist.domain.values import Item, clean_text
from checklist.errors import ChecklistError


def _created(item: Item) -> date | None:
    value = item.get("created_on")
    return value if isinstance(value, date) else None


def _not_future(on: date) -> None:
    """A record says what happened: its date cannot be after today."""
    if on > today():
        raise ChecklistError("edit_date_in_future", date=on.isoformat(), today=today().isoformat())


def _not_before_created(item: Item, on: date) -> None:
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_date_before_created", date=on.isoformat(), created=created.isoformat())


def op_close(item: Item, *, result: str, on: date, evidence: list[dict[str, str]]) -> Item:
    """open -> closed, with the result, the day, and evidence files."""
    _not_future(on)
    status = item.get("status")
    if status != "open":
        raise ChecklistError(f"edit_close_{'verified' if status == 'verified' else 'closed'}", id=item["id"])
    if not clean_text(result):
        raise ChecklistError("edit_empty_result")
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_closed_before_created", date=on.isoformat(), created=created.isoformat())
    new = dict(item)
    new["status"] = "closed"
    new["closed_on"] = on
    new["result"] = clean_text(result)
    if evidence:
        new["evidence"] = [*(item.get("evidence") or []), *evidence]
    return new


def op_note(item: Item, *, note: str, on: date) -> Item:
    """A dated progress note, appended."""
    if not clean_text(note):
        raise ChecklistError("edit_empty_note")
    _not_future(on)
    _not_before_created(item, on)
    new = dict(item)
    new["progress"] = _dated_insert(item.get("progress") or [], {"date": on, "note": clean_text(note)})
    return new


def _dated_insert(entries: list[Any], entry: dict[str, Any]) -> list[Any]:
    """Entries kept oldest first: a back-dated note goes before the first later one."""
    at = len(entries)
    while at > 0 and isinstance(entries[at - 1], dict) and isinstance(entries[at - 1].get("date"), date) \
            and entries[at - 1]["date"] > entry["date"]:
        at -= 1
    return [*entries[:at], entry, *entries[at:]]


def op_extend(item: Item, *, to: date, reason: str, approved_by: str | None, on: date) -> Item:
    """Move the deadline, recording the extension (延期)."""
    if item.get("status") != "open":
        raise ChecklistError("edit_extend_done", id=item["id"], status=item.get("status"))
    if not clean_text(reason):
        raise ChecklistError("edit_empty_reason")
    old = item["deadline"]
    if to <= old:
        raise ChecklistError("edit_extend_not_later", to=to.isoformat(), deadline=old.isoformat())
    created = _created(item)
    if created and to < created:
        raise ChecklistError("edit_deadline_before_created", date=to.isoformat(), created=created.isoformat())
    entry: dict[str, Any] = {"date": on, "from": old, "to": to, "reason": clean_text(reason)}
    if approved_by and clean_text(approved_by):
        entry["approved_by"] = clean_text(approved_by)
    new = dict(item)
    new["deadline"] = to
    new["extensions"] = [*(item.get("extensions") or []), entry]
    return new


def op_reopen(item: Item, *, reason: str, on: date) -> Item:
    """closed/verified -> open; the earlier closure is kept under `reopenings`."""
    if item.get("status") == "open":
        raise ChecklistError("edit_reopen_open", id=item["id"])
    if not clean_text(reason):
        raise ChecklistError("edit_empty_reason")
    _not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_reopen_before_closed", date=on.isoformat(), closed=closed.isoformat())
    entry: dict[str, Any] = {"date": on, "reason": clean_text(reason)}
    new = dict(item)
    for name in ("closed_on", "result", "verified_on", "verified_by"):
        if name in new:
            entry[name] = new.pop(name)
    new["status"] = "open"
    new["reopenings"] = [*(item.get("reopenings") or []), entry]
    return new


def op_verify(item: Item, *, by: str, note: str | None, on: date) -> Item:
    """closed -> verified (复核): the follow-up check passed."""
    status = item.get("status")
    if status == "open":
        raise ChecklistError("edit_verify_open", id=item["id"])
    if status == "verified":
        raise ChecklistError("edit_verify_verified", id=item["id"])
    who = clean_text(by)
    if not who:
        raise ChecklistError("edit_empty_verified_by")
    if same_person(who, item.get("owner")):
        raise ChecklistError("edit_verify_owner", who=who)
    _not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_verify_before_closed", date=on.isoformat(), closed=closed.isoformat())
    new = dict(item)
    new["status"] = "verified"
    new["verified_on"] = on
    new["verified_by"] = who
    if note and clean_text(note):
        new["progress"] = [*(item.get("progress") or []), {"date": on, "note": clean_text(note)}]
    return new


def op_update(item: Item, *, changes: dict[str, str]) -> Item:
    """Edit plain fields; an optional field given as empty text is removed."""
    new = dict(item)
    for name, value in changes.items():
        text = clean_text(value)
        if not text:
            if BY_NAME[name].required:
                raise ChecklistError(f"edit_empty_{name}")
            new.pop(name, None)
        else:
            new[name] = text
    return new


@dataclass
class NewItem:
    """The fields of `checklist add` (and of each imported row)."""

    title: str
    owner: str
    deadline: date
    category: str | None = None
    measures: str | None = None
    source: str | None = None
    partners: list[str] | None = None


def require_text(fields: NewItem) -> None:
    """A new item needs a title and an owner that are not blank."""
    if not clean_text(fields.title):
        raise ChecklistError("edit_empty_title")
    if not clean_text(fields.owner):
        raise ChecklistError("edit_empty_owner")


def new_item(item_id: str, fields: NewItem, created: date) -> Item:
    """A new open item with its ID and the day it was listed; empty fields left out."""
    item: Item = {
        "id": item_id, "title": clean_text(fields.title), "category": clean_text(fields.category) or None,
        "owner": clean_text(fields.owner), "deadline": fields.deadline, "status": "open", "created_on": created,
        "source": clean_text(fields.source) or None,
        "partners": [p for p in (clean_text(x) for x in fields.partners or []) if p] or None,
        "measures": (fields.measures or "").strip() or None,
    }
    return {k: v for k, v in item.items() if v is not None}
