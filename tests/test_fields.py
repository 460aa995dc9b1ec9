"""fields.py and model.py agree: the same field names, and plain_item_ok never
accepts an item the pydantic models reject."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist import fields, model


def test_item_fields_match_the_model() -> None:
    derived = tuple((f.alias or name) for name, f in model.Item.model_fields.items())
    assert derived == fields.ITEM_FIELDS


def test_nested_fields_match_the_models() -> None:
    nested = {"progress": model.Progress, "extensions": model.Extension, "evidence": model.Evidence,
              "reopenings": model.Reopening}
    for name, cls in nested.items():
        assert fields.NESTED_FIELDS[name] == tuple((f.alias or n) for n, f in cls.model_fields.items())


VALID: dict[str, Any] = {
    "id": "CZJ-001", "title": "非税收入未做到应收尽收", "category": "工作", "owner": "王芳",
    "deadline": date(2026, 12, 31), "status": "verified", "created_on": date(2026, 11, 2),
    "source": "汇报会", "partners": ["市发展和改革委员会"], "measures": "",
    "progress": [{"date": date(2026, 11, 15), "note": "已召开专题会议"}],
    "extensions": [{"date": date(2026, 11, 20), "from": date(2026, 11, 30), "to": date(2026, 12, 31), "reason": "跨年度", "approved_by": "分管领导"}],
    "closed_on": date(2026, 12, 20), "result": "已整改",
    "evidence": [{"path": "evidence/a.pdf", "sha256": "a" * 64}],
    "verified_on": date(2026, 12, 28), "verified_by": "市委督查室",
    "reopenings": [{"date": date(2026, 12, 1), "reason": "复查未通过", "closed_on": date(2026, 11, 30), "result": "初次整改"}],
}

ODD_VALUES = st.sampled_from([
    None, "", " ", "\t", "x", "王芳", "CZJ-1", "czj-001", "FGW-001", "open", "done", 0, 1, 1.5, True, False,
    date(2026, 1, 1), datetime(2026, 1, 1, 12, 0), "2026-12-31", "2026-13-45", [], ["x"], [""], [1], {}, {"date": "x"},
    [{"date": date(2026, 1, 1), "note": "n"}], [{"date": date(2026, 1, 1)}], [{"note": "n", "extra": 1}],
    "a" * 64, "A" * 64, [{"path": "p", "sha256": "a" * 64}], [{"path": "", "sha256": "a" * 64}],
])


@settings(max_examples=600, deadline=None)
@given(changes=st.dictionaries(st.sampled_from([*fields.ITEM_FIELDS, "colour", "from"]), ODD_VALUES, max_size=4),
       drop=st.sets(st.sampled_from(fields.ITEM_FIELDS), max_size=3))
def test_plain_ok_implies_the_model_accepts(changes: dict[str, Any], drop: set[str]) -> None:
    item = {k: v for k, v in VALID.items() if k not in drop}
    item.update(changes)
    if fields.plain_item_ok(item):
        model.Item.model_validate(item)  # raises if plain_item_ok was too lenient


def test_a_full_valid_item_is_plainly_ok() -> None:
    assert fields.plain_item_ok(VALID)
    model.Item.model_validate(VALID)
