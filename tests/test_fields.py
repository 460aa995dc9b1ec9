"""The field table is the one declaration of a list file's fields: every place
derived from it knows every field, and the plain checks never accept an item
the pydantic models reject."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.domain import checks, models
from checklist.domain.fields import DEPARTMENT, ITEM, ITEM_FIELDS, KINDS, Field, labelled
from checklist.domain.schema import KIND_SCHEMAS, fields_markdown, list_file_schema
from checklist.i18n import catalog, column
from checklist.yamldoc.document import Style
from checklist.yamldoc.emit import render_item

from conftest import REPO, write

NESTED = [(f, e) for f in ITEM for e in f.entries]

VALID: dict[str, Any] = {
    "id": "CZJ-001", "title": "非税收入未做到应收尽收", "category": "工作", "type": "deadline", "owner": "王芳",
    "co_owners": ["赵敏"], "leader": "刘志刚", "unit": "预算科",
    "deadline": date(2026, 12, 31), "status": "verified", "created_on": date(2026, 11, 2),
    "source": "汇报会", "partners": ["市发展和改革委员会"], "target": "应收尽收", "measures": "制定方案",
    "remarks": "需配合", "percent": 100, "amount": 86.5, "recovered": 86,
    "tasks": [{"task": "修订办法", "owner": "何勇", "deadline": date(2026, 11, 30), "done_on": date(2026, 11, 10)}],
    "rules": [{"date": date(2026, 11, 10), "title": "管理办法", "doc_no": "市财发〔2026〕12号"}],
    "accountability": [{"date": date(2026, 12, 2), "person": "何勇", "measure": "约谈", "note": "把关不严"}],
    "rechecks": [{"date": date(2026, 12, 29), "by": "市委督查室", "result": "ok", "note": "未反弹"}],
    "progress": [{"date": date(2026, 11, 15), "note": "已召开专题会议"}],
    "extensions": [{"date": date(2026, 11, 20), "from": date(2026, 11, 30), "to": date(2026, 12, 31), "reason": "跨年度", "approved_by": "分管领导"}],
    "closed_on": date(2026, 12, 20), "result": "已整改",
    "evidence": [{"path": "evidence/a.pdf", "sha256": "a" * 64}],
    "verified_on": date(2026, 12, 28), "verified_by": "市委督查室",
    "reopenings": [{"date": date(2026, 12, 1), "reason": "复查未通过", "closed_on": date(2026, 11, 30), "result": "初次整改",
                    "kind": "rebound"}],
    "renumbered_from": "CZJ-009",
}


def test_every_kind_is_known_to_the_checks_the_models_and_the_schema() -> None:
    for kind in KINDS:
        per_field = kind in ("entries", "choice")  # checked against the field's own entries or choices
        assert per_field or kind in checks.KIND_CHECKS, kind
        assert per_field or kind in models.KIND_TYPES, kind
        assert per_field or kind in KIND_SCHEMAS, kind
    assert {f.kind for f in (*DEPARTMENT, *ITEM)} | {e.kind for _, e in NESTED} <= set(KINDS)


@pytest.mark.parametrize("field", ITEM, ids=ITEM_FIELDS)
def test_the_models_have_every_item_field_in_table_order(field: Field) -> None:
    names = [f.alias or n for n, f in models.Item.model_fields.items()]
    assert names == list(ITEM_FIELDS)
    assert models.Item.model_fields[models.python_name(field.name)].is_required() == field.required


@pytest.mark.parametrize(("parent", "field"), NESTED, ids=[f"{p.name}.{e.name}" for p, e in NESTED])
def test_the_models_have_every_nested_field(parent: Field, field: Field) -> None:
    entry = models.Item.model_fields[parent.name].annotation
    model = [a for a in entry.__args__ if a is not type(None)][0].__args__[0]  # list[Model] | None
    assert field.name in [f.alias or n for n, f in model.model_fields.items()]


@pytest.mark.parametrize("field", [*DEPARTMENT, *ITEM], ids=lambda f: f.name)
def test_the_schema_describes_every_field_in_both_languages(field: Field) -> None:
    defs = list_file_schema()["$defs"]
    prop = defs["Department" if field in DEPARTMENT else "Item"]["properties"][field.name]
    assert prop["title"] == f"{field.full_name[1]} {field.full_name[0]}"
    assert field.doc[0] in prop["description"] and field.doc[1] in prop["description"]
    for entry in field.entries:
        assert entry.name in defs[field.name.title()]["properties"]


@pytest.mark.parametrize(("key", "field"), labelled(), ids=[k for k, _ in labelled()])
def test_every_field_has_its_label_in_the_catalog(key: str, field: Field) -> None:
    assert catalog()[key] == field.label


def test_the_docs_field_table_is_current() -> None:
    written = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert written == fields_markdown(), (
        "docs/fields.md is out of date: python -c \"from checklist.domain.schema import fields_markdown; "
        "print(fields_markdown(), end='')\" > docs/fields.md")
    for field in (*DEPARTMENT, *ITEM):
        assert f"| `{field.name}` |" in written


BAD_VALUE = {"id": "czj-1", "code": "c", "text": " ", "str": 5, "date": "2026-13-45", "choice": "done",
             "percent": 101, "money": -1, "sha256": "x", "text_list": [""], "entries": [{"colour": 1}], "items": "x"}


@pytest.mark.parametrize("field", ITEM, ids=ITEM_FIELDS)
def test_the_plain_check_and_the_models_refuse_a_bad_value_of_every_field(field: Field) -> None:
    item = {**VALID, field.name: BAD_VALUE[field.kind]}
    assert not checks.plain_item_ok(item)
    with pytest.raises(models.ValidationError):
        models.Item.model_validate(item)


def _list_file(item: dict[str, Any]) -> str:
    return "department: 市财政局\ncode: CZJ\nitems:\n" + "".join(render_item(item, Style(), 2, ITEM_FIELDS))


@pytest.mark.parametrize("field", [f for f in ITEM if f.required], ids=lambda f: f.name)
def test_a_missing_required_field_is_a_located_problem(cli, ledger: Path, field: Field) -> None:  # type: ignore[no-untyped-def]
    write(ledger / "lists" / "CZJ.yaml", _list_file({k: v for k, v in VALID.items() if k != field.name}))
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.startswith(f"lists/CZJ.yaml:4:5: missing required field '{field.name}'"), result


@pytest.mark.parametrize("field", ITEM, ids=ITEM_FIELDS)
def test_show_shows_every_field(cli, ledger: Path, field: Field) -> None:  # type: ignore[no-untyped-def]
    write(ledger / "lists" / "CZJ.yaml", _list_file(VALID))
    result = cli("show", "CZJ-001")
    assert result.code == 0, result
    assert re.search(rf"^\s*{re.escape(column(field.name))}  ", result.out, re.M), result


ODD_VALUES = st.sampled_from([
    None, "", " ", "\t", "x", "王芳", "CZJ-1", "czj-001", "FGW-001", "open", "done", 0, 1, 1.5, True, False,
    date(2026, 1, 1), datetime(2026, 1, 1, 12, 0), "2026-12-31", "2026-13-45", [], ["x"], [""], [1], {}, {"date": "x"},
    [{"date": date(2026, 1, 1), "note": "n"}], [{"date": date(2026, 1, 1)}], [{"note": "n", "extra": 1}],
    "a" * 64, "A" * 64, [{"path": "p", "sha256": "a" * 64}], [{"path": "", "sha256": "a" * 64}],
    -1, 100, 101, 50.0, float("inf"), "ongoing", "立行立改", [{"task": "t"}], [{"task": "t", "done_on": "x"}],
    [{"date": date(2026, 1, 1), "by": "b", "result": "ok"}], [{"date": date(2026, 1, 1), "by": "b", "result": "bad"}],
])


@settings(max_examples=600, deadline=None)
@given(changes=st.dictionaries(st.sampled_from([*ITEM_FIELDS, "colour", "from"]), ODD_VALUES, max_size=4),
       drop=st.sets(st.sampled_from(ITEM_FIELDS), max_size=3))
def test_plain_ok_implies_the_model_accepts(changes: dict[str, Any], drop: set[str]) -> None:
    item = {k: v for k, v in VALID.items() if k not in drop}
    item.update(changes)
    if checks.plain_item_ok(item):
        models.Item.model_validate(item)  # raises if plain_item_ok was too lenient


def test_a_full_valid_item_is_plainly_ok() -> None:
    assert checks.plain_item_ok(VALID)
    models.Item.model_validate(VALID)
