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

from checklist.fields import (
    CODE_PATTERN,
    DEPARTMENT_FIELDS,
    ID_PATTERN,
    ITEM_FIELDS,
    NESTED_FIELDS,
    STATUSES,
    check_item,
    item_rules,
    jsonable,
)
from checklist.parse import Parsed, Path
from checklist.problems import Problem, did_you_mean

__all__ = ["CODE_PATTERN", "ID_PATTERN", "ITEM_FIELDS", "STATUSES", "Item", "check_parsed", "item_rules", "jsonable"]

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
        if not (isinstance(shown, (str, int, float, bool)) or shown is None):
            shown = " ".join(str(jsonable(shown)).split())[:40]  # a list or mapping, shown briefly
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


def validate_item(raw: Any, base: Path, parsed: Parsed, file: str, code: str) -> list[Problem]:
    """One item through the models (types, with their lax conversions), then the rules."""
    try:
        item = Item.model_validate(raw)
    except ValidationError as exc:
        found = _pydantic_problems(exc, base, parsed, file, ITEM_FIELDS)
        # The rules too, on the values that are of the right kind: one run shows everything.
        seen = {(p.line, p.col) for p in found}
        return found + [p for p in item_rules(raw, base, parsed, file, code) if (p.line, p.col) not in seen]
    return item_rules(item.model_dump(by_alias=True), base, parsed, file, code)


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
        found = check_item(raw, ibase, parsed, file, code)
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
    if header is None:
        # Not usable for reports, but its items still count for duplicate IDs and categories.
        dept["invalid"] += [[i.get("id"), i.get("category"), p] for i, p in zip(dept["items"], dept["pos"], strict=True)]
        dept.update(items=[], pos=[], broken=True)
    return dept, problems


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
