"""One clerk's typo never blocks the city's report: report and list on a ledger with an
invalid file report every valid file, say which departments were left out and why (every
format), print the problems on stderr and exit 1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM

BROKEN = ONE_ITEM.replace("市财政局", "市公安局").replace("CZJ", "GAJ").replace("owner: 王芳", "owner：卢洋")


@pytest.fixture
def city(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(
        'lists = "lists"\n[departments]\nCZJ = "市财政局"\nGAJ = "市公安局"\nJYJ = "市教育局"\n', encoding="utf-8")
    (ledger / "lists" / "CZJ.yaml").write_text(ONE_ITEM, encoding="utf-8")
    (ledger / "lists" / "GAJ.yaml").write_text(BROKEN, encoding="utf-8")
    return ledger


def test_report_table_names_the_left_out_department(cli, city: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report")
    assert result.code == 1, result
    assert "lists/GAJ.yaml:6:10: full-width colon" in result.err  # the problem itself, located, on stderr
    assert result.out.startswith("Left out: 1 department(s)")
    assert "市公安局 (GAJ): lists/GAJ.yaml:6: full-width colon" in result.out
    assert "市财政局" in result.out  # the valid file is reported
    # The department left out is neither ranked nor called "not reported".
    ranking = result.out.split("\n\n", 1)[1]
    assert "市公安局" not in ranking


def test_report_json_has_a_left_out_field(cli, city: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--format", "json")
    assert result.code == 1, result
    data = json.loads(result.out)
    assert [(e["code"], e["file"]) for e in data["left_out"]] == [("GAJ", "lists/GAJ.yaml")]
    assert data["totals"]["total"] == 1
    assert [d["code"] for d in data["departments"]] == ["CZJ", "JYJ"]


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_report_text_formats_carry_a_note_row(cli, city: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--format", fmt)
    assert result.code == 1, result
    first = result.out.lstrip("\ufeff").splitlines()[0]
    assert first.startswith(("Note,", "> **Note**")) and "Left out: 1 department(s)" in first
    assert "市公安局 (GAJ)" in result.out
    assert result.out.count("\ufeff") <= 1


def test_report_html_and_xlsx(cli, city: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--format", "html", "--output", str(tmp_path / "r.html"))
    assert result.code == 1, result
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<div class="left-out" role="alert"' in page and "市公安局 (GAJ)" in page
    result = cli("report", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert result.code == 1, result
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    wb = load_workbook(io.BytesIO((tmp_path / "r.xlsx").read_bytes()))
    cells = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any("市公安局 (GAJ)" in c for c in cells)


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_list_reports_the_valid_files(cli, city: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--format", fmt)
    assert result.code == 1, result
    assert "CZJ-001" in result.out and "GAJ-001" not in result.out
    assert "lists/GAJ.yaml:6:10: full-width colon" in result.err
    if fmt == "json":
        assert [item["id"] for item in json.loads(result.out)] == ["CZJ-001"]  # SPEC's array, unchanged
    else:
        assert "市公安局 (GAJ)" in result.out


def test_a_broken_config_still_stops_the_report(cli, city: Path) -> None:  # type: ignore[no-untyped-def]
    (city / "checklist.toml").write_text('lists = "lists"\ndue_soon_days = "x"\n', encoding="utf-8")
    result = cli("report")
    assert result.code == 1, result
    assert result.out == ""


def test_a_valid_ledger_reports_with_exit_0(cli, city: Path) -> None:  # type: ignore[no-untyped-def]
    (city / "lists" / "GAJ.yaml").write_text(BROKEN.replace("owner：卢洋", "owner: 卢洋"), encoding="utf-8")
    result = cli("report")
    assert result.code == 0, result
    assert "Left out" not in result.out
