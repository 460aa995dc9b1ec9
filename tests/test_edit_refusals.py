"""Refusals: exit 1 (or 2 for usage), a clear message, the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ONE_ITEM

# Every edit here runs on both ways of finding the item: cached positions and a full parse.
pytestmark = pytest.mark.usefixtures("both_read_paths")

ITEMS = ONE_ITEM + """\
  - id: CZJ-002
    title: 台账不全
    owner: 李强
    deadline: 2026-11-30
    status: closed
    created_on: 2026-11-02
    closed_on: 2026-11-20
    result: 已整改
"""


@pytest.fixture
def listed(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    path = ledger / "lists" / "CZJ.yaml"
    path.write_text(ITEMS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("close", "CZJ-009", "--result", "x"), 1, "no item CZJ-009"),
        (("close", "CZJ-002", "--result", "x"), 1, "already closed"),
        (("verify", "CZJ-001", "--by", "督查室"), 1, "still open"),
        (("verify", "CZJ-002", "--by", "李强"), 1, "owner"),
        (("update", "CZJ-001", "--title", "  "), 1, "cannot be empty"),
        (("update", "CZJ-001"), 2, "nothing to update"),
        (("extend", "CZJ-001", "--to", "2026-12-01", "--reason", "x"), 1, "not later"),
        (("extend", "CZJ-002", "--to", "2027-12-01", "--reason", "x"), 1, "only an open item"),
        (("reopen", "CZJ-001", "--reason", "x"), 1, "only a closed or verified"),
        (("close", "CZJ-001", "--result", "x", "--date", "2026-11-01"), 1, "before the item was created"),
        (("close", "CZJ-001", "--result", "x", "--date", "someday"), 2, "2026年12月31日"),
        (("add", "--dept", "CZJ", "--title", "x", "--owner", "y", "--deadline", "2026-11-24"), 1, "before the item was created"),
        (("add", "--dept", "CZJ", "--title", " ", "--owner", "y", "--deadline", "+1m"), 1, "cannot be empty"),
        (("add", "--dept", "XYZ", "--title", "x", "--owner", "y", "--deadline", "+1m"), 1, "unknown department"),
        (("add", "--dept", "CZJ", "--title", "x", "--deadline", "+1m"), 2, "--owner"),
        (("close", "CZJ-001", "--result", "x", "--evidence", "missing.pdf"), 1, "not found"),
        (("close", "CZJ-001", "--result", "x", "--date", "2026-11-26"), 1, "after today (2026-11-25)"),
        (("note", "CZJ-001", "进展", "--date", "+1d"), 1, "after today"),
        (("note", "CZJ-001", "进展", "--date", "2026-10-01"), 1, "before the item was listed (2026-11-02)"),
        (("verify", "CZJ-002", "--by", "督查室", "--date", "2026-12-01"), 1, "after today"),
    ],
)
def test_refusal_leaves_file_untouched(cli, listed: Path, args: tuple[str, ...], code: int, words: str) -> None:  # type: ignore[no-untyped-def]
    before = listed.read_bytes()
    result = cli(*args)
    assert result.code == code, result
    assert words in result.err, result
    assert "Traceback" not in result.err
    assert listed.read_bytes() == before


def test_invalid_result_never_written(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    (listed.parent.parent / "checklist.toml").write_text('lists = "lists"\ncategories = ["作风"]\n', encoding="utf-8")
    before = listed.read_bytes()
    result = cli("update", "CZJ-001", "--category", "不存在的类别")
    assert result.code == 1, result
    assert "lists/CZJ.yaml:" in result.err
    assert listed.read_bytes() == before


def test_chinese_messages(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "zh", "verify", "CZJ-001", "--by", "督查室")
    assert result.code == 1
    assert "尚未完成整改" in result.err


def test_catalog_has_chinese_for_every_edit_message() -> None:
    from checklist.i18n.messages.edit import MESSAGES

    for key, (en, zh) in MESSAGES.items():
        assert en.strip() and zh.strip(), key
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), key


def test_update_to_the_same_value_changes_nothing(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    before = listed.read_bytes()
    result = cli("update", "CZJ-001", "--owner", "王芳")
    assert (result.code, result.out) == (0, "CZJ-001: nothing to change; the file is untouched\n"), result
    assert listed.read_bytes() == before


def test_a_duplicate_id_is_not_edited(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    other = listed.with_name("copy.yaml")
    other.write_text(ITEMS, encoding="utf-8")
    before = listed.read_bytes()
    result = cli("note", "CZJ-001", "进展")
    assert result.code == 1, result
    assert "CZJ-001 is in more than one place (lists/CZJ.yaml、lists/copy.yaml)" in result.err
    assert listed.read_bytes() == before and other.read_text(encoding="utf-8") == ITEMS


@pytest.mark.parametrize("config", ['categories = ["工作"\n', 'auto_commit = "no"\n', "auto_commit = true\nauto_commit = false\n"])
def test_a_broken_config_stops_edits(cli, listed: Path, config: str) -> None:  # type: ignore[no-untyped-def]
    (listed.parent.parent / "checklist.toml").write_text(config, encoding="utf-8")
    before = listed.read_bytes()
    for args in (("note", "CZJ-001", "进展"), ("add", "--dept", "CZJ", "--title", "t", "--owner", "o", "--deadline", "+1m")):
        result = cli(*args)
        assert result.code == 1, result
        assert result.err.startswith("checklist.toml:"), result
    assert listed.read_bytes() == before


def test_add_to_a_department_whose_file_is_broken_names_the_file(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    listed.write_text("department: 市财政局\ncode: CZJ\nitems: !!python/object:os.system x\n", encoding="utf-8")
    result = cli("add", "--dept", "CZJ", "--title", "t", "--owner", "o", "--deadline", "+1m")
    assert result.code == 1, result
    assert result.err.startswith("lists/CZJ.yaml:3:8: tag !!python/object:os.system is not allowed"), result


def test_evidence_named_twice_is_recorded_once_and_a_folder_is_refused(cli, listed: Path) -> None:  # type: ignore[no-untyped-def]
    root = listed.parent.parent
    (root / "ev").mkdir()
    (root / "ev" / "a.txt").write_text("方案", encoding="utf-8")
    before = listed.read_bytes()
    result = cli("close", "CZJ-001", "--result", "已整改", "--evidence", "ev")
    assert result.code == 1 and "is a folder" in result.err, result
    assert listed.read_bytes() == before
    result = cli("close", "CZJ-001", "--result", "已整改", "--evidence", "ev/a.txt", "--evidence", str(root / "ev" / "a.txt"))
    assert result.code == 0, result
    assert listed.read_text(encoding="utf-8").count("path: ev/a.txt") == 1
