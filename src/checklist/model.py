"""The list file: pydantic models of a department's list and its items, and
the rules that make a file valid (shape, status consistency, dates, IDs).

Checks here see one file; the rules that need the whole ledger (unique IDs,
the roster, evidence on disk) live in ledger.py.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checklist.parse import Parsed, Path
from checklist.problems import Problem, did_you_mean

ID_PATTERN = r"^[A-Z][A-Z0-9]{1,9}-[0-9]{3,}$"
CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,9}$"
STATUSES = ("open", "closed", "verified")

Text = Annotated[str, Field(min_length=1, pattern=r"\S")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Progress(_Strict):
    date: dt.date
    note: Text


class Extension(_Strict):
    date: dt.date
    from_: dt.date = Field(alias="from")
    to: dt.date
    reason: Text
    approved_by: Text | None = None


class Evidence(_Strict):
    path: Text
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Reopening(_Strict):
    date: dt.date
    reason: Text
    closed_on: dt.date | None = None
    result: str | None = None
    verified_on: dt.date | None = None
    verified_by: str | None = None


class Item(_Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Text
    category: Text | None = None
    owner: Text
    deadline: dt.date
    status: Literal["open", "closed", "verified"]
    created_on: dt.date | None = None
    source: Text | None = None
    partners: list[Text] | None = None
    measures: str | None = None
    progress: list[Progress] | None = None
    extensions: list[Extension] | None = None
    closed_on: dt.date | None = None
    result: Text | None = None
    evidence: list[Evidence] | None = None
    verified_on: dt.date | None = None
    verified_by: Text | None = None
    reopenings: list[Reopening] | None = None


class DepartmentHeader(_Strict):
    department: Text
    code: Annotated[str, Field(pattern=CODE_PATTERN)]
    items: list[Any] = []


ITEM_FIELDS: tuple[str, ...] = tuple(
    (f.alias or name) for name, f in Item.model_fields.items()
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


def jsonable(value: Any) -> Any:
    """Data with dates as YYYY-MM-DD, ready for JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def _fields_for(path: Path) -> tuple[str, ...]:
    """The allowed keys of the mapping at `path` (relative to an item or department)."""
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in NESTED_FIELDS:
        return NESTED_FIELDS[path[-2]]
    return ITEM_FIELDS


def _pydantic_problems(
    exc: ValidationError, base: Path, parsed: Parsed, file: str, fields: tuple[str, ...]
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        path = base + loc
        name = str(loc[-1]) if loc else ""
        if kind == "missing":
            line, col = parsed.where(base + loc[:-1])
            out.append(Problem(file, line, col, "missing_field", {"field": name}))
            continue
        if kind == "extra_forbidden":
            line, col = parsed.where(path, key=True)
            allowed = _fields_for(loc[:-1]) if loc[:-1] else fields
            hint = did_you_mean(name, allowed)
            key = "unknown_field_hint" if hint else "unknown_field"
            out.append(Problem(file, line, col, key, {"field": name, "hint": hint or ""}))
            continue
        line, col = parsed.where(path)
        value = err.get("input")
        shown = value.isoformat() if isinstance(value, date) else value
        shown = shown if isinstance(shown, (str, int, float, bool)) or shown is None else ""
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), name)
        if field == "from_":
            field = "from"
        if kind.startswith("date") or kind.startswith("datetime"):
            out.append(Problem(file, line, col, "expect_date", {"field": field, "value": str(shown)}))
        elif kind == "literal_error":
            out.append(Problem(file, line, col, "bad_status", {"value": str(shown), "choices": ", ".join(STATUSES)}))
        elif kind == "string_pattern_mismatch" and field == "id":
            out.append(Problem(file, line, col, "bad_id", {"value": str(shown)}))
        elif kind == "string_pattern_mismatch" and field == "code":
            out.append(Problem(file, line, col, "bad_code", {"value": str(shown)}))
        elif kind == "string_pattern_mismatch" and field == "sha256":
            out.append(Problem(file, line, col, "bad_sha256", {"value": str(shown)}))
        elif kind in ("string_too_short", "string_pattern_mismatch"):
            out.append(Problem(file, line, col, "empty_field", {"field": field}))
        elif kind == "string_type":
            out.append(Problem(file, line, col, "expect_text", {"field": field, "value": str(shown)}))
        elif kind == "list_type":
            out.append(Problem(file, line, col, "expect_list", {"field": field}))
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            out.append(Problem(file, line, col, "expect_mapping", {"field": field}))
        else:
            out.append(Problem(file, line, col, "invalid_value", {"field": field, "detail": err["msg"]}))
    return out


def item_rules(item: Item, base: Path, parsed: Parsed, file: str, code: str) -> list[Problem]:
    """The consistency rules of one well-typed item."""
    out: list[Problem] = []

    def at(name: str, key: str, **params: Any) -> None:
        line, col = parsed.where(base + (name,), key=key.endswith("_not_allowed"))
        out.append(Problem(file, line, col, key, params))

    if not item.id.startswith(code + "-"):
        at("id", "id_prefix", id=item.id, code=code)
    required = {"open": (), "closed": CLOSURE_FIELDS, "verified": CLOSURE_FIELDS + VERIFY_FIELDS}
    need = required[item.status]
    for name in CLOSURE_FIELDS + VERIFY_FIELDS:
        present = getattr(item, name) is not None
        if name in need and not present:
            line, col = parsed.where(base)
            out.append(Problem(file, line, col, "missing_for_status", {"field": name, "status": item.status}))
        elif name not in need and present:
            at(name, "field_not_allowed", field=name, status=item.status)
    if item.closed_on and item.created_on and item.closed_on < item.created_on:
        at("closed_on", "closed_before_created", closed=item.closed_on.isoformat(), created=item.created_on.isoformat())
    if item.verified_on and item.closed_on and item.verified_on < item.closed_on:
        at("verified_on", "verified_before_closed", verified=item.verified_on.isoformat(), closed=item.closed_on.isoformat())
    if item.verified_by and item.verified_by == item.owner:
        at("verified_by", "verified_by_owner", who=item.owner)
    for i, ext in enumerate(item.extensions or []):
        if ext.to <= ext.from_:
            line, col = parsed.where(base + ("extensions", i, "to"))
            out.append(Problem(file, line, col, "extension_not_later", {"to": ext.to.isoformat(), "from": ext.from_.isoformat()}))
    return out


def check_department(value: Any, base: Path, parsed: Parsed, file: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Validate one department mapping; its normalized form (valid items only) and problems."""
    problems: list[Problem] = []
    if not isinstance(value, dict):
        line, col = parsed.where(base)
        return None, [Problem(file, line, col, "expect_department")]
    try:
        header = DepartmentHeader.model_validate(value)
    except ValidationError as exc:
        problems += _pydantic_problems(exc, base, parsed, file, DEPARTMENT_FIELDS)
        header = None
    raw_items = value.get("items")
    if raw_items is None:
        raw_items = []
    if not isinstance(raw_items, list):
        return None, problems
    code = header.code if header else str(value.get("code", ""))
    line, col = parsed.where(base)
    dept: dict[str, Any] = {
        "department": header.department if header else value.get("department"),
        "code": code,
        "line": line,
        "col": col,
        "items": [],
        "pos": [],
        "invalid": [],
    }
    for index, raw in enumerate(raw_items):
        ibase = base + ("items", index)
        if not isinstance(raw, dict):
            line, col = parsed.where(ibase)
            problems.append(Problem(file, line, col, "expect_item"))
            continue
        iline, icol = parsed.where(ibase)
        idl, idc = parsed.where(ibase + ("id",))
        cl, cc = parsed.where(ibase + ("category",)) if isinstance(raw.get("category"), str) else (0, 0)
        position = [iline, icol, idl, idc, cl, cc]
        try:
            item = Item.model_validate(raw)
            found = item_rules(item, ibase, parsed, file, code)
        except ValidationError as exc:
            found = _pydantic_problems(exc, ibase, parsed, file, ITEM_FIELDS)
        problems += found
        if found:
            # Still seen by the ledger-wide rules (unique IDs, categories), so one
            # validate run reports everything wrong with the item.
            rid, rcat = raw.get("id"), raw.get("category")
            dept["invalid"].append([
                rid if isinstance(rid, str) else None, rcat if isinstance(rcat, str) else None, position,
            ])
            continue
        dept["items"].append(jsonable(raw))
        dept["pos"].append(position)
    return (dept if header else None), problems


def check_parsed(parsed: Parsed, file: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Validate a parsed file: one department mapping or a sequence of them."""
    problems = list(parsed.problems)
    if problems:
        return [], problems
    data = parsed.data
    if data is None:
        return [], [Problem(file, 1, 1, "empty_file")]
    if isinstance(data, dict):
        dept, found = check_department(data, (), parsed, file)
        return ([dept] if dept else []), found
    if isinstance(data, list):
        depts = []
        for index, value in enumerate(data):
            dept, found = check_department(value, (index,), parsed, file)
            problems += found
            if dept:
                depts.append(dept)
        return depts, problems
    line, col = parsed.where(())
    return [], [Problem(file, line, col, "expect_top")]
