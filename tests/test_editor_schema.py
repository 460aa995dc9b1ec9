"""New list files point VS Code's YAML extension at the ledger's schema; the line is only a comment."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(("lists", "ref"), [("lists", "../.checklist/schema.json"), ("台账/清单", "../../.checklist/schema.json")])
def test_add_starts_a_new_file_with_the_schema_line(cli, ledger: Path, monkeypatch: pytest.MonkeyPatch, lists: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(f'lists = "{lists}"\nauto_commit = false\n[departments]\nCZJ = "市财政局"\n', encoding="utf-8")
    assert cli("init", ".").code == 0
    assert (ledger / ".checklist" / "schema.json").is_file()
    assert cli("add", "--dept", "CZJ", "--title", "非税收入未应收尽收", "--owner", "王芳", "--deadline", "2026-12-31").code == 0
    assert cli("add", "--dept", "CZJ", "--title", "资金争取不主动", "--owner", "陈静", "--deadline", "2026-12-31").code == 0
    lines = (ledger / lists / "CZJ.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == [f"# yaml-language-server: $schema={ref}", "department: 市财政局", "code: CZJ", "items:"]
    assert (ledger / lists / ref).resolve() == (ledger / ".checklist" / "schema.json").resolve()
    result = cli("validate")
    assert result.code == 0, result
    assert cli("list").code == 0


def test_without_a_schema_file_no_line(cli, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text('lists = "lists"\n[departments]\nCZJ = "市财政局"\n', encoding="utf-8")
    assert cli("add", "--dept", "CZJ", "--title", "甲", "--owner", "乙", "--deadline", "2026-12-31", "--no-commit").code == 0
    assert (ledger / "lists" / "CZJ.yaml").read_text(encoding="utf-8").startswith("department: 市财政局\n")
