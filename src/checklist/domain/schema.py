"""The JSON Schema (draft 2020-12) of a list file, from the field table, with
titles and descriptions in Chinese and English for editors (VS Code's YAML
extension validates and completes as the clerk types).
"""

from __future__ import annotations

from typing import Any

from checklist.domain.fields import (
    CODE_PATTERN,
    DEPARTMENT,
    ID_PATTERN,
    ITEM,
    SHA256_PATTERN,
    STATUS_BOUND,
    STATUSES,
    Field,
)

SCHEMA_ID = "https://checklist.invalid/schema/list-file.json"
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}

# The schema of each kind of the field table ("entries" and "items" refer to their definitions,
# "choice" lists the field's values).
KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": ID_PATTERN},
    "code": {"type": "string", "pattern": CODE_PATTERN},
    "text": _TEXT,
    "str": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "percent": {"type": "integer", "minimum": 0, "maximum": 100},
    "money": {"type": "number", "minimum": 0},
    "sha256": {"type": "string", "pattern": SHA256_PATTERN},
    "text_list": {"type": "array", "items": _TEXT},
    "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
}


def definition_name(field: Field) -> str:
    """The $defs name of an entries field's entry: progress -> Progress."""
    return field.name.title().replace("_", "")


def _property(field: Field) -> dict[str, Any]:
    if field.kind == "entries":
        prop: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{definition_name(field)}"}}
    elif field.kind == "choice" and "false" in field.values:
        # An unquoted `false` is a YAML boolean; checklist reads it as the word (checks.normalize_choices).
        prop = {"enum": [*field.values, False]}
    elif field.kind == "choice":
        prop = {"type": "string", "enum": list(field.values)}
    else:
        prop = dict(KIND_SCHEMAS[field.kind])
    en, zh = field.full_name
    prop["title"] = f"{zh} {en}"
    prop["description"] = f"{field.doc[1]} {field.doc[0]}"
    return prop


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _property(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _status_rules() -> list[dict[str, Any]]:
    """Fields bound to a status are present exactly when the item has that status."""
    rules = []
    for status in STATUSES:
        need = [name for name, statuses in STATUS_BOUND if status in statuses]
        barred = [name for name, statuses in STATUS_BOUND if status not in statuses]
        then: dict[str, Any] = {}
        if need:
            then["required"] = need
        if barred:
            then["not"] = {"anyOf": [{"required": [name]} for name in barred]}
        rules.append({"if": {"properties": {"status": {"const": status}}}, "then": then})
    return rules


def list_file_schema() -> dict[str, Any]:
    """The JSON Schema of a list file (one department mapping or a sequence of them)."""
    defs = {"Department": _object(DEPARTMENT), "Item": _object(ITEM)}
    defs["Item"]["allOf"] = _status_rules()
    for field in ITEM:
        if field.kind == "entries":
            defs[definition_name(field)] = _object(field.entries)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "整改清单 Rectification list",
        "description": "One department's list (a mapping), or a sequence of them. 一个部门的整改清单，或多个部门清单组成的序列。",
        "oneOf": [
            {"$ref": "#/$defs/Department"},
            {"type": "array", "items": {"$ref": "#/$defs/Department"}, "minItems": 1},
        ],
        "$defs": defs,
    }


def fields_markdown() -> str:
    """docs/fields.md: every field of a list file as a table, from the field table."""
    from checklist.domain.fields import DEPARTMENT

    def rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
        out = []
        for f in fields:
            when = "always" if f.required else (f"when {' or '.join(f.status_bound)}" if f.status_bound else "no")
            headers = "、".join(f.headers)
            out.append(f"| `{prefix}{f.name}` | {f.kind} | {when} | {f.full_name[1]} | {f.doc[0]} {f.doc[1]} | {headers} |")
            out += rows(f.entries, f"{prefix}{f.name}[].")
        return out

    head = [
        "# The fields of a list file",
        "",
        "Generated from the field table (`src/checklist/domain/fields.py`); a test keeps it current.",
        "",
        "| key | kind | required | 中文 | what it holds | imported from the columns |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join([*head, *rows(DEPARTMENT), *rows(ITEM)]) + "\n"
