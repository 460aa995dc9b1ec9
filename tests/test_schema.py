"""`checklist schema`: the JSON Schema validates the sample and rejects what validate rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checklist.domain.values import jsonable
from checklist.yamldoc.parse import parse_text

from conftest import SAMPLE


@pytest.fixture
def validator(cli):  # type: ignore[no-untyped-def]
    result = cli("schema")
    assert result.code == 0, result
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def sample() -> list[dict]:  # type: ignore[type-arg]
    return jsonable(parse_text(SAMPLE.read_text(encoding="utf-8"), "sample").data)  # type: ignore[no-any-return]


def test_sample_is_valid(validator) -> None:  # type: ignore[no-untyped-def]
    assert list(validator.iter_errors(sample())) == []


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d[0]["items"][0].update(colour="red"),
        lambda d: d[0]["items"][0].update(status="done"),
        lambda d: d[0]["items"][0].pop("owner"),
        lambda d: d[0].update(code="fgw"),
        lambda d: d[0]["items"][0].update(deadline="2026-13-45"),
        lambda d: d[0]["items"][1].update(status="closed"),  # an open item without closed_on/result
    ],
    ids=["unknown key", "bad status", "missing owner", "bad code", "bad date", "closed without closure"],
)
def test_rejects(validator, mutate) -> None:  # type: ignore[no-untyped-def]
    data = sample()
    mutate(data)
    assert not validator.is_valid(data)
    assert not validator.is_valid(data[0])


def test_bilingual_titles(cli) -> None:  # type: ignore[no-untyped-def]
    owner = json.loads(cli("schema").out)["$defs"]["Item"]["properties"]["owner"]
    assert owner["title"] == "责任人 Responsible person"
    assert "整改责任人" in owner["description"] and "responsible" in owner["description"]


def test_init_writes_schema(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("init", str(tmp_path / "l")).code == 0
    written = json.loads((tmp_path / "l" / ".checklist" / "schema.json").read_text(encoding="utf-8"))
    assert written == json.loads(cli("schema").out)
