"""The clerk's operations as pure functions: an item (plain data) in, the
changed item out, or a ChecklistError saying why the change makes no sense.

Nothing here reads files or knows their text: the edit transaction
(ledger.transaction) writes the difference into the item's own lines.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checklist.domain.dates import today
from checklist.domain.names import same_person
from checklist.domain.values import Item, clean_text
from checklist.errors import ChecklistError


def _created(item: Item) -> date | None:
    value = item.get("created_on")
    return value if isinstance(value, date) else None


def not_future(on: date) -> None:
    """A record says what happened: its date cannot be after today."""
    if on > today():
        raise ChecklistError("edit_date_in_future", date=on.isoformat(), today=today().isoformat())


def not_before_created(item: Item, on: date) -> None:
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_date_before_created", date=on.isoformat(), created=created.isoformat())


def op_close(item: Item, *, result: str, on: date, evidence: list[dict[str, str]]) -> Item:
    """open -> closed, with the result, the day, and evidence files."""
    not_future(on)
    status = item.get("status")
    if status != "open":
        raise ChecklistError(f"edit_close_{'verified' if status == 'verified' else 'closed'}", id=item["id"])
    if not clean_text(result):
        raise ChecklistError("edit_empty_result")
    created = _created(item)
    if created and on < created:
        raise ChecklistError("edit_closed_before_created", date=on.isoformat(), created=created.isoformat())
    for number, task in enumerate(item.get("tasks") or [], 1):
        if not task.get("done_on"):
            raise ChecklistError("edit_close_task_undone", id=item["id"], number=number, task=task.get("task", ""))
    new = dict(item)
    if "percent" in new:
        new["percent"] = 100  # a closed item is done: SPEC's rule, written by the closure itself
    new["status"] = "closed"
    new["closed_on"] = on
    new["result"] = clean_text(result)
    if evidence:
        new["evidence"] = [*(item.get("evidence") or []), *evidence]
    return new


def op_note(item: Item, *, note: str, on: date, percent: int | None = None) -> Item:
    """A dated progress note, appended; with `percent`, the item's progress (整改进度) too."""
    if not clean_text(note):
        raise ChecklistError("edit_empty_note")
    not_future(on)
    not_before_created(item, on)
    new = dict(item)
    if percent is not None:
        if not 0 <= percent <= 100:
            raise ChecklistError("edit_bad_percent", value=percent)
        if item.get("status") != "open" and percent != 100:
            raise ChecklistError("edit_percent_done", id=item["id"], value=percent)
        new["percent"] = percent
    new["progress"] = dated_insert(item.get("progress") or [], {"date": on, "note": clean_text(note)})
    return new


def dated_insert(entries: list[Any], entry: dict[str, Any]) -> list[Any]:
    """Entries kept oldest first: a back-dated note goes before the first later one."""
    at = len(entries)
    while at > 0 and isinstance(entries[at - 1], dict) and isinstance(entries[at - 1].get("date"), date) \
            and entries[at - 1]["date"] > entry["date"]:
        at -= 1
    return [*entries[:at], entry, *entries[at:]]


def op_extend(item: Item, *, to: date, reason: str, approved_by: str | None, on: date,
              max_extensions: int = 0, needs_approval: bool = False) -> Item:
    """Move the deadline, recording the extension (延期); no more than `max_extensions`
    (0: no limit), and only with an approver when the ledger asks for one."""
    if item.get("status") != "open":
        raise ChecklistError("edit_extend_done", id=item["id"], status=item.get("status"))
    if not clean_text(reason):
        raise ChecklistError("edit_empty_reason")
    done = len(item.get("extensions") or ())
    if max_extensions and done >= max_extensions:
        raise ChecklistError("edit_extend_limit", id=item["id"], count=done, most=max_extensions)
    if needs_approval and not clean_text(approved_by or ""):
        raise ChecklistError("edit_extend_needs_approval", id=item["id"])
    old = item.get("deadline")
    if not isinstance(old, date):
        raise ChecklistError("edit_extend_no_deadline", id=item["id"])
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


def op_reopen(item: Item, *, reason: str, on: date, kind: str = "reopen") -> Item:
    """closed/verified -> open; the earlier closure is kept under `reopenings`, with its kind
    when the problem came back (rebound) or the closure was not true (false)."""
    if item.get("status") == "open":
        raise ChecklistError("edit_reopen_open", id=item["id"])
    if not clean_text(reason):
        raise ChecklistError("edit_empty_reason")
    not_future(on)
    closed = item.get("closed_on")
    if isinstance(closed, date) and on < closed:
        raise ChecklistError("edit_reopen_before_closed", date=on.isoformat(), closed=closed.isoformat())
    entry: dict[str, Any] = {"date": on, "reason": clean_text(reason)}
    new = dict(item)
    for name in ("closed_on", "result", "verified_on", "verified_by"):
        if name in new:
            entry[name] = new.pop(name)
    if kind != "reopen":
        entry["kind"] = kind
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
    if any(same_person(who, co) for co in item.get("co_owners") or []):
        raise ChecklistError("edit_verify_co_owner", who=who)
    not_future(on)
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
