"""The rules of one list file: each department mapping and each item, every
problem located, the valid items kept as plain data for the cache and reports.

Checks here see one file; the rules that need the whole ledger (unique IDs,
the roster, evidence on disk) live in ledger.rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checklist.domain.checks import KIND_CHECKS, item_rules, normalize_choices, plain_item_ok
from checklist.domain.fields import DEPARTMENT
from checklist.domain.states import item_facts
from checklist.domain.values import jsonable
from checklist.problems import Problem
from checklist.yamldoc.parse import Parsed, Path


def check_item(raw: Mapping[str, Any], base: Path, parsed: Parsed, file: str, code: str) -> list[Problem]:
    """Every problem of one item: the rules directly when it is plainly well-typed, else
    the pydantic models' located findings (imported only then)."""
    if plain_item_ok(raw):
        return item_rules(raw, base, parsed, file, code)
    from checklist.domain.models import validate_item

    return validate_item(raw, base, parsed, file, code)


def item_position(raw: Mapping[str, Any], base: Path, parsed: Parsed) -> list[int]:
    """Where an item is, for the cache and the ledger rules: [line, col, id line, id col,
    category line, category col (0, 0 when it has no category), then the line and column
    of each accountability entry's measure], the values the ledger's settings judge."""
    iline, icol = parsed.where(base)
    idl, idc = parsed.where(base + ("id",))
    cl, cc = parsed.where(base + ("category",)) if isinstance(raw.get("category"), str) else (0, 0)
    out = [iline, icol, idl, idc, cl, cc]
    held = raw.get("accountability")
    for k, entry in enumerate(held if isinstance(held, list) else []):
        out += parsed.where(base + ("accountability", k, "measure")) if isinstance(entry, dict) else (iline, icol)
    return out


def _header_ok(value: dict[str, Any]) -> bool:
    """Whether a department's own keys are certainly right (stricter than the models)."""
    fields = {f.name: f for f in DEPARTMENT}
    return (set(value) <= set(fields) and all(f.name in value for f in DEPARTMENT if f.required)
            and all(KIND_CHECKS[fields[k].kind](v) for k, v in value.items()))


# Items already known (ledger.reread): by the index of the placeholder standing for them, each
# item as kept, its position and facts.
Known = Mapping[int, list[tuple[dict[str, Any], list[int], list[Any]]]]


def check_department(value: Any, base: Path, parsed: Parsed, file: str,
                     known: Known | None = None) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Validate one department mapping; its normalized form (valid items only) and problems.
    `known`: items taken as they are (read without problems before, with the same code)."""
    problems: list[Problem] = []
    if not isinstance(value, dict):
        line, col = parsed.where(base)
        return None, [Problem(file, line, col, "expect_department")]
    header_ok = _header_ok(value)
    if not header_ok:
        from checklist.domain.models import validate_header

        header, found = validate_header(value, base, parsed, file)
        problems += found
        header_ok = header is not None
    raw_items = value.get("items")
    if raw_items is None:
        raw_items = []
    if not isinstance(raw_items, list):
        return None, problems
    code = str(value.get("code", ""))
    line, col = parsed.where(base)
    dept: dict[str, Any] = {
        "department": value.get("department"),
        "code": code,
        "line": line,
        "col": col,
        "items": [],
        "pos": [],
        "facts": [],  # per item: [latest dated entry, flag bits] (domain.states.item_facts)
        "invalid": [],
    }
    for index, raw in enumerate(raw_items):
        if known is not None and index in known:
            for item, position, facts in known[index]:
                dept["items"].append(item)
                dept["pos"].append(position)
                dept["facts"].append(facts)
            continue
        ibase = base + ("items", index)
        if not isinstance(raw, dict):
            line, col = parsed.where(ibase)
            problems.append(Problem(file, line, col, "expect_item"))
            continue
        normalize_choices(raw)
        position = item_position(raw, ibase, parsed)
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
        item = jsonable(raw)
        dept["items"].append(item)
        dept["pos"].append(position)
        dept["facts"].append(list(item_facts(item)))
    if not header_ok:
        # Not usable for reports, but its items still count for duplicate IDs and categories.
        dept["invalid"] += [[i.get("id"), i.get("category"), p] for i, p in zip(dept["items"], dept["pos"], strict=True)]
        dept.update(items=[], pos=[], facts=[], broken=True)
    return dept, problems


def check_parsed(parsed: Parsed, file: str, known: Known | None = None) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Validate a parsed file: one department mapping or a sequence of them (`known`: items
    of a single department mapping taken as they are, see check_department)."""
    problems = list(parsed.problems)
    if problems:
        return [], problems
    data = parsed.data
    if data is None:
        return [], [Problem(file, 1, 1, "empty_file")]
    if isinstance(data, dict):
        dept, found = check_department(data, (), parsed, file, known)
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
