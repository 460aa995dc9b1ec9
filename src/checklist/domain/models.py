"""The pydantic models of a list file, built from the field table, and their
findings turned into located problems.

Imported only when an item is not plainly well-typed (domain.checks) or
for the JSON Schema: pydantic costs about 110 ms to import.
"""

from __future__ import annotations

import datetime as dt
import keyword
from datetime import date
from types import GenericAlias
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StrictFloat, StrictInt, ValidationError, create_model
from pydantic import Field as Spec

from checklist.domain.checks import item_rules
from checklist.domain.fields import (
    CODE_PATTERN,
    DEPARTMENT,
    ID_PATTERN,
    ITEM,
    SHA256_PATTERN,
    STATUSES,
    Field,
)
from checklist.domain.values import VISIBLE_PATTERN, jsonable
from checklist.problems import Problem, did_you_mean
from checklist.yamldoc.parse import Parsed, Path

Text = Annotated[str, Spec(min_length=1, pattern=VISIBLE_PATTERN)]  # invisible characters alone are empty

# The type of each kind of the field table ("entries" is a list of the field's own model,
# "choice" a Literal of its values).
KIND_TYPES: dict[str, Any] = {
    "id": Annotated[str, Spec(pattern=ID_PATTERN)],
    "code": Annotated[str, Spec(pattern=CODE_PATTERN)],
    "text": Text,
    "str": str,
    "date": dt.date,
    "percent": Annotated[StrictInt, Spec(ge=0, le=100)],
    "money": Annotated[StrictFloat, Spec(ge=0, allow_inf_nan=False)],
    "sha256": Annotated[str, Spec(pattern=SHA256_PATTERN)],
    "text_list": list[Text],
    "items": list[Any],
}
_CONFIG = ConfigDict(extra="forbid", populate_by_name=True)


def python_name(name: str) -> str:
    """A field's attribute name in a model: `from` is a keyword, so `from_`."""
    return name + "_" if keyword.iskeyword(name) else name


def _model(name: str, fields: tuple[Field, ...]) -> type[BaseModel]:
    spec: dict[str, Any] = {}
    for f in fields:
        kind: Any = KIND_TYPES.get(f.kind)
        if f.kind == "choice":
            kind = Literal[f.values]
        if f.kind == "entries":
            kind = GenericAlias(list, (_model(f.name.title().replace("_", ""), f.entries),))
        default: Any = ... if f.required else None
        if f.kind == "items":
            default = []
        spec[python_name(f.name)] = (kind if f.required or f.kind == "items" else kind | None, Spec(default, alias=f.name))
    return create_model(name, __config__=_CONFIG, **spec)


Item = _model("Item", ITEM)
Department = _model("Department", DEPARTMENT)

# The kind of every key that can appear in a list file, for naming pattern failures.
_KIND_OF = {f.name: f.kind for f in (*DEPARTMENT, *ITEM)} | {e.name: e.kind for f in ITEM for e in f.entries}
_PATTERN_KEYS = {"id": "bad_id", "code": "bad_code", "sha256": "bad_sha256"}
_CHOICES = {f.name: f.values for f in ITEM if f.choices} | {e.name: e.values for f in ITEM for e in f.entries if e.choices}


def _allowed(path: Path) -> tuple[str, ...]:
    """The keys allowed in the mapping at `path` (relative to an item or department)."""
    if len(path) >= 2 and isinstance(path[-1], int):
        entries = next((f.entries for f in ITEM if f.name == path[-2]), ())
        if entries:
            return tuple(e.name for e in entries)
    return tuple(f.name for f in ITEM)


def _shown(value: Any) -> str:
    shown = value.isoformat() if isinstance(value, date) else value
    if not (isinstance(shown, (str, int, float, bool)) or shown is None):
        shown = " ".join(str(jsonable(shown)).split())[:40]  # a list or mapping, shown briefly
    return str(shown)


def problems_of(exc: ValidationError, base: Path, parsed: Parsed, file: str, fields: tuple[str, ...]) -> list[Problem]:
    """pydantic's findings as located problems with our message keys."""
    out = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc in seen:
            continue  # one problem per value
        seen.add(loc)
        kind = err["type"]
        path = base + loc
        name = str(loc[-1]) if loc else ""
        if kind == "missing":
            line, col = parsed.where(base + loc[:-1])
            out.append(Problem(file, line, col, "missing_field", {"field": name}))
            continue
        if kind == "extra_forbidden":
            line, col = parsed.where(path, key=True)
            hint = did_you_mean(name, _allowed(loc[:-1]) if loc[:-1] else fields)
            out.append(Problem(file, line, col, "unknown_field_hint" if hint else "unknown_field",
                               {"field": name, "hint": hint or ""}))
            continue
        line, col = parsed.where(path)
        shown = _shown(err.get("input"))
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), name)
        field = field[:-1] if field.endswith("_") and field[:-1] in _KIND_OF else field
        if kind.startswith("date") or kind.startswith("datetime"):
            out.append(Problem(file, line, col, "expect_date", {"field": field, "value": shown}))
        elif _KIND_OF.get(field) in ("percent", "money"):
            out.append(Problem(file, line, col, f"bad_{_KIND_OF[field]}", {"field": field, "value": shown}))
        elif kind == "literal_error" and field == "status":
            out.append(Problem(file, line, col, "bad_status", {"value": shown, "choices": ", ".join(STATUSES)}))
        elif kind == "literal_error":
            out.append(Problem(file, line, col, "bad_choice", {"field": field, "value": shown,
                                                               "choices": ", ".join(_CHOICES.get(field, ()))}))
        elif kind == "string_pattern_mismatch" and _KIND_OF.get(field) in _PATTERN_KEYS:
            out.append(Problem(file, line, col, _PATTERN_KEYS[_KIND_OF[field]], {"value": shown}))
        elif kind in ("string_too_short", "string_pattern_mismatch"):
            out.append(Problem(file, line, col, "empty_field", {"field": field}))
        elif kind == "string_type":
            out.append(Problem(file, line, col, "expect_text", {"field": field, "value": shown}))
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
        found = problems_of(exc, base, parsed, file, tuple(f.name for f in ITEM))
        # The rules too, on the values that are of the right kind: one run shows everything.
        seen = {(p.line, p.col) for p in found}
        return found + [p for p in item_rules(raw, base, parsed, file, code) if (p.line, p.col) not in seen]
    return item_rules(item.model_dump(by_alias=True), base, parsed, file, code)


def validate_header(value: dict[str, Any], base: Path, parsed: Parsed, file: str) -> tuple[Any, list[Problem]]:
    """A department mapping's own keys (its items, a list of anything here, are checked one by one)."""
    try:
        return Department.model_validate(value), []
    except ValidationError as exc:
        return None, problems_of(exc, base, parsed, file, tuple(f.name for f in DEPARTMENT))
