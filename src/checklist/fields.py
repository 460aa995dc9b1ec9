"""A list file's fields, and the rules of one item that need no schema library.

model.py builds the pydantic models on these names and is the authority on
shape and types; this module lets the hot paths (an edit, history, merge)
check one item and name fields without importing pydantic (about 110 ms).
`plain_item_ok` is deliberately stricter than the models: when it says yes
the models agree (a test holds it to that), when it says no the caller asks
the models for the located problems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from checklist.parse import Parsed, Path
from checklist.problems import Problem

ID_PATTERN = r"^[A-Z][A-Z0-9]{1,9}-[0-9]{3,}$"
CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,9}$"
STATUSES = ("open", "closed", "verified")

ITEM_FIELDS: tuple[str, ...] = (
    "id", "title", "category", "owner", "deadline", "status", "created_on", "source", "partners",
    "measures", "progress", "extensions", "closed_on", "result", "evidence", "verified_on",
    "verified_by", "reopenings",
)
DEPARTMENT_FIELDS = ("department", "code", "items")
NESTED_FIELDS = {
    "progress": ("date", "note"),
    "extensions": ("date", "from", "to", "reason", "approved_by"),
    "evidence": ("path", "sha256"),
    "reopenings": ("date", "reason", "closed_on", "result", "verified_on", "verified_by"),
}
CLOSURE_FIELDS = ("closed_on", "result")
VERIFY_FIELDS = ("verified_on", "verified_by")

_ID = re.compile(ID_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_SHA = re.compile(r"^[0-9a-f]{64}$")
_NONBLANK = re.compile(r"\S")


def jsonable(value: Any) -> Any:
    """Data with dates as YYYY-MM-DD, ready for JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(_NONBLANK.search(v))


def _day(v: Any) -> bool:
    return isinstance(v, date) and not isinstance(v, datetime)


# kind of each field: (check, required)
_KINDS: dict[str, Any] = {
    "text": _text,
    "opt_text": lambda v: v is None or _text(v),
    "opt_str": lambda v: v is None or isinstance(v, str),
    "date": _day,
    "opt_date": lambda v: v is None or _day(v),
}
_NESTED: dict[str, dict[str, tuple[str, bool]]] = {
    "progress": {"date": ("date", True), "note": ("text", True)},
    "extensions": {"date": ("date", True), "from": ("date", True), "to": ("date", True),
                   "reason": ("text", True), "approved_by": ("opt_text", False)},
    "evidence": {"path": ("text", True), "sha256": ("sha", True)},
    "reopenings": {"date": ("date", True), "reason": ("text", True), "closed_on": ("opt_date", False),
                   "result": ("opt_str", False), "verified_on": ("opt_date", False), "verified_by": ("opt_str", False)},
}
_ITEM: dict[str, tuple[str, bool]] = {
    "id": ("id", True), "title": ("text", True), "category": ("opt_text", False), "owner": ("text", True),
    "deadline": ("date", True), "status": ("status", True), "created_on": ("opt_date", False),
    "source": ("opt_text", False), "partners": ("text_list", False), "measures": ("opt_str", False),
    "progress": ("nested", False), "extensions": ("nested", False), "closed_on": ("opt_date", False),
    "result": ("opt_text", False), "evidence": ("nested", False), "verified_on": ("opt_date", False),
    "verified_by": ("opt_text", False), "reopenings": ("nested", False),
}


def _ok(kind: str, value: Any, name: str) -> bool:
    if kind in _KINDS:
        return bool(_KINDS[kind](value))
    if kind == "id":
        return isinstance(value, str) and bool(_ID.match(value))
    if kind == "status":
        return value in STATUSES
    if kind == "sha":
        return isinstance(value, str) and bool(_SHA.match(value))
    if kind == "text_list":
        return value is None or (isinstance(value, list) and all(_text(v) for v in value))
    if kind == "nested":
        return value is None or (isinstance(value, list) and all(_mapping_ok(v, _NESTED[name]) for v in value))
    return False


def _mapping_ok(value: Any, spec: Mapping[str, tuple[str, bool]]) -> bool:
    if not isinstance(value, dict) or not set(value) <= set(spec):
        return False
    return all((name in value or not required) and (name not in value or _ok(kind, value[name], name))
               for name, (kind, required) in spec.items())


def plain_item_ok(item: Any) -> bool:
    """Whether an item is certainly well-typed (every key known, every value of its kind)."""
    return _mapping_ok(item, _ITEM)


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
    required = {"open": (), "closed": CLOSURE_FIELDS, "verified": CLOSURE_FIELDS + VERIFY_FIELDS}
    if isinstance(status, str) and status in required:
        need = required[status]
        for name in CLOSURE_FIELDS + VERIFY_FIELDS:
            present = get(name) is not None
            if name in need and not present:
                line, col = parsed.where(base)
                out.append(Problem(file, line, col, "missing_for_status", {"field": name, "status": status}))
            elif name not in need and present:
                at(name, "field_not_allowed", field=name, status=status)
    if closed and created and closed < created:
        at("closed_on", "closed_before_created", closed=closed.isoformat(), created=created.isoformat())
    if verified and closed and verified < closed:
        at("verified_on", "verified_before_closed", verified=verified.isoformat(), closed=closed.isoformat())
    if isinstance(owner, str) and get("verified_by") == owner:
        at("verified_by", "verified_by_owner", who=owner)
    extensions = get("extensions")
    for i, ext in enumerate(extensions if isinstance(extensions, list) else []):
        if isinstance(ext, dict) and _day(ext.get("to")) and _day(ext.get("from")) and ext["to"] <= ext["from"]:
            line, col = parsed.where(base + ("extensions", i, "to"))
            out.append(Problem(file, line, col, "extension_not_later", {"to": ext["to"].isoformat(), "from": ext["from"].isoformat()}))
    return out


def check_item(raw: Mapping[str, Any], base: Path, parsed: Parsed, file: str, code: str) -> list[Problem]:
    """Every problem of one item: the rules directly when it is plainly well-typed, else
    the pydantic models' located findings (imported only then)."""
    if plain_item_ok(raw):
        return item_rules(raw, base, parsed, file, code)
    from checklist.model import validate_item

    return validate_item(raw, base, parsed, file, code)
