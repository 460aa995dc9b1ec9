"""One item's checks without a schema library: the kinds of the field table
as plain predicates, and the consistency rules of an item.

The pydantic models (domain.models) are the authority on shape and types;
these checks let the hot paths (an edit, history, merge) check an item
without importing pydantic (about 110 ms). `plain_item_ok` is deliberately
stricter than the models: when it says yes the models agree (a property
test holds it to that), when it says no the caller asks the models for the
located problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from checklist.domain.fields import (
    CODE_PATTERN,
    ID_PATTERN,
    ITEM,
    SHA256_PATTERN,
    STATUS_BOUND,
    STATUSES,
    Field,
)
from checklist.domain.names import same_person
from checklist.domain.values import visible
from checklist.problems import Problem
from checklist.yamldoc.parse import Parsed, Path

_ID = re.compile(ID_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_SHA = re.compile(SHA256_PATTERN)


def _text(v: Any) -> bool:
    # Whitespace and invisible characters alone (a zero-width space, an NBSP) are empty.
    return isinstance(v, str) and visible(v)


def _day(v: Any) -> bool:
    return isinstance(v, date) and not isinstance(v, datetime)


# A predicate per kind of the field table; "entries" and "choice" are checked against the
# field's own entries and choices.
KIND_CHECKS: dict[str, Callable[[Any], bool]] = {
    "id": lambda v: isinstance(v, str) and bool(_ID.match(v)),
    "code": lambda v: isinstance(v, str) and bool(_CODE.match(v)),
    "text": _text,
    "str": lambda v: isinstance(v, str),
    "date": _day,
    "percent": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100,
    "money": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < float("inf"),
    "sha256": lambda v: isinstance(v, str) and bool(_SHA.match(v)),
    "text_list": lambda v: isinstance(v, list) and all(_text(x) for x in v),
    "items": lambda v: isinstance(v, list),
}


def _value_ok(field: Field, value: Any) -> bool:
    if value is None:
        return not field.required  # an optional field may be written as null
    if field.kind == "entries":
        return isinstance(value, list) and all(_mapping_ok(v, field.entries) for v in value)
    if field.kind == "choice":
        return value in field.values
    return KIND_CHECKS[field.kind](value)


# Per tuple of fields (the item's, each entry kind's): its names and its required names, worked
# out once (an item is checked on every read of a changed file).
_SHAPES: dict[int, tuple[tuple[Field, ...], dict[str, Field], tuple[str, ...]]] = {}


def _shape(fields: tuple[Field, ...]) -> tuple[dict[str, Field], tuple[str, ...]]:
    found = _SHAPES.get(id(fields))
    if found is None or found[0] is not fields:
        found = _SHAPES[id(fields)] = (fields, {f.name: f for f in fields}, tuple(f.name for f in fields if f.required))
    return found[1], found[2]


def _mapping_ok(value: Any, fields: tuple[Field, ...]) -> bool:
    """Every key known, every required key present, every value of its field's kind; as
    checking each field of `fields` in turn would say, in the mapping's own order."""
    if not isinstance(value, dict):
        return False
    known, required = _shape(fields)
    for name in required:
        if name not in value:
            return False
    for name, item in value.items():
        field = known.get(name)
        if field is None or not _value_ok(field, item):
            return False
    return True


# The dated entries of an item, none of which can be before the day it was listed.
DATED = (("progress", "date"), ("tasks", "done_on"), ("rules", "date"), ("accountability", "date"), ("rechecks", "date"))


def _entries(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


# Choices whose value is the word `false`, which YAML reads as a boolean when unquoted:
# (field, entry key or None).
_FALSE_CHOICES = tuple((f.name, None) for f in ITEM if "false" in f.values) + tuple(
    (f.name, e.name) for f in ITEM for e in f.entries if "false" in e.values)


def normalize_choices(item: Any) -> None:
    """Read an unquoted `false` (a YAML boolean) as the choice "false" where a field offers it
    (recheck results, reopening kinds): the clerk wrote the word SPEC names. In place."""
    if not isinstance(item, dict):
        return
    for name, key in _FALSE_CHOICES:
        value = item.get(name)
        if key is None:
            if value is False:
                item[name] = "false"
        elif isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict) and entry.get(key) is False:
                    entry[key] = "false"


def plain_item_ok(item: Any) -> bool:
    """Whether an item is certainly well-typed (every key known, every value of its kind)."""
    return _mapping_ok(item, ITEM)


def item_rules(item: Mapping[str, Any], base: Path, parsed: Parsed, file: str, code: str) -> list[Problem]:
    """The consistency rules of one item (a mapping, keys as in the file).

    Each rule looks only at values of the right kind, so the rules also run on
    an item with type problems and one `validate` reports everything.
    """
    out: list[Problem] = []
    get = item.get

    def at(name: str, key: str, **params: Any) -> None:
        line, col = parsed.where(base + (name,), key=key.endswith("_not_allowed"))
        out.append(Problem(file, line, col, key, params))

    def day(name: str) -> date | None:
        value = get(name)
        return value if _day(value) else None

    item_id, status, owner = get("id"), get("status"), get("owner")
    closed, created, verified = day("closed_on"), day("created_on"), day("verified_on")
    if isinstance(item_id, str) and _ID.match(item_id) and _CODE.match(code) and not item_id.startswith(code + "-"):
        at("id", "id_prefix", id=item_id, code=code)
    if isinstance(status, str) and status in STATUSES:
        for name, statuses in STATUS_BOUND:
            present = get(name) is not None
            if status in statuses and not present:
                line, col = parsed.where(base)
                out.append(Problem(file, line, col, "missing_for_status", {"field": name, "status": status}))
            elif status not in statuses and present:
                at(name, "field_not_allowed", field=name, status=status)
    if get("deadline") is None and get("type") != "ongoing":
        line, col = parsed.where(base)
        out.append(Problem(file, line, col, "missing_field", {"field": "deadline"}))
    if closed and created and closed < created:
        at("closed_on", "closed_before_created", closed=closed.isoformat(), created=created.isoformat())
    if verified and closed and verified < closed:
        at("verified_on", "verified_before_closed", verified=verified.isoformat(), closed=closed.isoformat())
    verifier = get("verified_by")
    if same_person(verifier, owner):
        at("verified_by", "verified_by_owner", who=owner)
    elif any(same_person(verifier, co) for co in _texts(get("co_owners"))):
        at("verified_by", "verified_by_co_owner", who=verifier)
    done = status in ("closed", "verified")
    for number, task in enumerate(_entries(get("tasks")), 1):
        if done and task.get("done_on") is None and _text(task.get("task")):
            at("status", "task_not_done", number=number, task=task["task"], status=status)
    percent = get("percent")
    if done and KIND_CHECKS["percent"](percent) and percent != 100:
        at("percent", "percent_not_100", percent=percent, status=status)
    if created:
        for name, key in DATED:
            for i, entry in enumerate(_entries(get(name))):
                on = entry.get(key)
                if isinstance(on, date) and not isinstance(on, datetime) and on < created:
                    line, col = parsed.where(base + (name, i, key))
                    out.append(Problem(file, line, col, "dated_before_created",
                                       {"field": f"{name}.{key}", "date": on.isoformat(), "created": created.isoformat()}))
    extensions = get("extensions")
    for i, ext in enumerate(extensions if isinstance(extensions, list) else []):
        if isinstance(ext, dict) and _day(ext.get("to")) and _day(ext.get("from")) and ext["to"] <= ext["from"]:
            line, col = parsed.where(base + ("extensions", i, "to"))
            out.append(Problem(file, line, col, "extension_not_later", {"to": ext["to"].isoformat(), "from": ext["from"].isoformat()}))
    return out
