"""The clerk's additions to an item and its plain fields, as pure functions: a
task (任务清单) added or done, a rule issued (建章立制), a person held to
account (问责), plain fields updated; and a new item. Each returns the changed
item or raises a ChecklistError saying why the change makes no sense.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checklist.domain.fields import BY_NAME
from checklist.domain.transitions import dated_insert, not_before_created, not_future
from checklist.domain.values import Item, clean_name, clean_text
from checklist.errors import ChecklistError

# The fields that name persons: kept as written, compared by person_key.
PERSONS = ("owner", "leader", "co_owners")


def _open(item: Item, key: str) -> None:
    if item.get("status") != "open":
        raise ChecklistError(key, id=item["id"], status=item.get("status"))


def op_task_add(item: Item, *, task: str, owner: str | None, deadline: date | None) -> Item:
    """A task appended to the item's task list (its number is the list's length)."""
    _open(item, "edit_task_on_done")
    if not clean_text(task):
        raise ChecklistError("edit_empty_task")
    entry: dict[str, Any] = {"task": clean_text(task)}
    if owner and clean_name(owner):
        entry["owner"] = clean_name(owner)
    if deadline is not None:
        not_before_created(item, deadline)
        entry["deadline"] = deadline
    return {**item, "tasks": [*(item.get("tasks") or []), entry]}


def op_task_done(item: Item, *, number: int, on: date) -> Item:
    """Task `number` (1-based) done on a day."""
    tasks = list(item.get("tasks") or [])
    if not 1 <= number <= len(tasks):
        raise ChecklistError("edit_task_unknown", id=item["id"], number=number, count=len(tasks))
    task = tasks[number - 1]
    if task.get("done_on"):
        raise ChecklistError("edit_task_done_already", id=item["id"], number=number, date=str(task["done_on"]))
    not_future(on)
    not_before_created(item, on)
    tasks[number - 1] = {**task, "done_on": on}
    return {**item, "tasks": tasks}


def op_rule(item: Item, *, title: str, doc_no: str | None, on: date) -> Item:
    """A rule or system issued for the fix (建章立制), in date order."""
    if not clean_text(title):
        raise ChecklistError("edit_empty_rule")
    not_future(on)
    not_before_created(item, on)
    entry: dict[str, Any] = {"date": on, "title": clean_text(title)}
    if doc_no and clean_text(doc_no):
        entry["doc_no"] = clean_text(doc_no)
    return {**item, "rules": dated_insert(item.get("rules") or [], entry)}


def op_accountability(item: Item, *, person: str, measure: str, note: str | None, on: date,
                      measures: list[str]) -> Item:
    """A person held to account (问责) by one of the ledger's `measures`, in date order."""
    if not clean_text(person):
        raise ChecklistError("edit_empty_person")
    wanted = clean_text(measure)
    if wanted not in measures:
        from checklist.problems import did_you_mean

        hint = did_you_mean(wanted, measures)
        raise ChecklistError("edit_bad_measure_hint" if hint else "edit_bad_measure", value=measure,
                             hint=hint or "", choices="、".join(measures))
    not_future(on)
    not_before_created(item, on)
    entry: dict[str, Any] = {"date": on, "person": clean_name(person), "measure": wanted}
    if note and clean_text(note):
        entry["note"] = clean_text(note)
    return {**item, "accountability": dated_insert(item.get("accountability") or [], entry)}


def op_update(item: Item, *, changes: dict[str, Any]) -> Item:
    """Edit plain fields: text, a choice, a number or a list of names; an optional field given
    empty (text "" or no names) is removed, a required one is refused."""
    new = dict(item)
    for name, value in changes.items():
        if isinstance(value, str):
            value = clean_name(value) if name in PERSONS else clean_text(value)
        elif isinstance(value, list):
            value = [v for v in (clean_name(x) for x in value) if v]
        if value in ("", []):
            if BY_NAME[name].required:
                raise ChecklistError(f"edit_empty_{name}")
            new.pop(name, None)
        else:
            new[name] = value
    if new.get("type") != "ongoing" and new.get("deadline") is None:
        raise ChecklistError("edit_type_needs_deadline", id=item["id"])
    return new


@dataclass
class NewItem:
    """The fields of `checklist add` (and of each imported row)."""

    title: str
    owner: str
    deadline: date | None
    category: str | None = None
    measures: str | None = None
    source: str | None = None
    partners: list[str] | None = None
    type: str | None = None
    created_on: date | None = None
    target: str | None = None
    leader: str | None = None
    unit: str | None = None
    co_owners: list[str] = field(default_factory=list)
    remarks: str | None = None


def require_text(fields: NewItem) -> None:
    """A new item needs a title and an owner that are not blank, and a deadline unless it is
    ongoing (长期坚持) or immediate (立行立改: due the day it is listed)."""
    if not clean_text(fields.title):
        raise ChecklistError("edit_empty_title")
    if not clean_text(fields.owner):
        raise ChecklistError("edit_empty_owner")
    if fields.deadline is None and fields.type not in ("ongoing", "immediate"):
        raise ChecklistError("edit_needs_deadline")


def new_item(item_id: str, fields: NewItem, created: date) -> Item:
    """A new open item with its ID and the day it was listed; empty fields left out. An
    immediate item without a deadline is due the day it was listed."""
    deadline = fields.deadline if fields.deadline is not None or fields.type != "immediate" else created
    names = [n for n in (clean_name(x) for x in fields.co_owners) if n]
    item: Item = {
        "id": item_id, "title": clean_text(fields.title), "category": clean_text(fields.category) or None,
        "type": fields.type if fields.type not in (None, "deadline") else None,
        "owner": clean_name(fields.owner), "co_owners": names or None, "leader": clean_name(fields.leader) or None,
        "unit": clean_text(fields.unit) or None, "deadline": deadline, "status": "open", "created_on": created,
        "source": clean_text(fields.source) or None,
        "partners": [p for p in (clean_text(x) for x in fields.partners or []) if p] or None,
        "target": clean_text(fields.target) or None,
        "measures": (fields.measures or "").strip() or None,
        "remarks": clean_text(fields.remarks) or None,
    }
    return {k: v for k, v in item.items() if v is not None}
