"""The terminal report and list as a clerk reads them: headers stacked by whole words, names
wrapped only when the terminal lacks the room, days that say what they count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist.render.grid import stacked
from deliverable_fixtures import AS_OF, make_office


@pytest.fixture
def office(ledger: Path) -> Path:
    return make_office(ledger)


@pytest.mark.parametrize(("header", "stack"), [
    ("即将到期", "即将\n到期"), ("按期完成率", "按期\n完成率"), ("整改到位金额", "整改\n到位\n金额"),
    ("问题数", "问题数"), ("逾期", "逾期"), ("Days overdue", "Days overdue"), ("金额（万元）", "金额（万元）"),
])
def test_headers_stack_by_whole_words(header: str, stack: str) -> None:
    assert stacked(header) == stack


def _header(lines: list[str], title: str) -> list[str]:
    start = lines.index(title) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("─"))
    return lines[start:end]


def test_ranking_header_at_80_columns_splits_no_word(cli, office: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    lines = cli("--lang", "zh", "report", "--as-of", AS_OF).out.splitlines()
    head = _header(lines, "各责任单位整改情况（按完成率排名）")
    words = [w for line in head for w in line.split()]
    assert {"问题数", "已完成", "逾期"} <= set(words)  # three characters: never split
    for word in words:
        assert word in ("排名", "责任单位", "亮灯", "问题数", "已完成", "逾期", "即将", "到期", "正常", "推进", "完成率",
                        "按期", "即将到期", "正常推进", "按期完成率"), word
    follow = _header(lines, "各责任单位跟踪督查情况")
    assert "未按时" in follow[0] and "报送" in follow[1]


def test_names_wrap_only_when_the_room_is_lacking(cli, office: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "120")
    out = cli("--lang", "zh", "report", "--as-of", AS_OF).out
    assert out.count("市自然资源和规划局") >= 3  # ranking, follow-up, due soon: whole on each line
    assert all(len(line) <= 120 for line in out.splitlines())
    listing = cli("--lang", "zh", "list", "--as-of", AS_OF).out
    assert "市自然资源和规划局" in listing


def test_list_days_say_what_they_count(cli, office: Path) -> None:  # type: ignore[no-untyped-def]
    zh = cli("--lang", "zh", "list", "--as-of", AS_OF).out
    assert re.search(r"CZJ-001 .* 逾期30天", zh) and re.search(r"ZRZY-001 .* 剩2天", zh)
    en = cli("list", "--as-of", AS_OF).out
    assert re.search(r"CZJ-001 .* 30d over", en) and re.search(r"ZRZY-001 .* 2d left", en)


def _cells(line: str) -> int:
    from checklist.render.grid import cell_len

    return cell_len(line)


@pytest.mark.parametrize("args", [(), ("list",), ("show",), ("report",), ("update",), ("notice",)])
def test_chinese_help_at_80_columns_cuts_nothing(cli_proc, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", *args, "--help", env={"COLUMNS": "80"})
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert "…" not in result.out
    assert all(_cells(line) <= 80 for line in lines), result.out
    # no widow in the panels: a help line of one or two characters ("1。", "中。") after a longer one
    texts = [line.strip("│ ").rstrip() for line in lines if line.startswith("│")]
    for before, line in zip(texts, texts[1:], strict=False):
        assert not (0 < _cells(line) <= 4 and _cells(before) > 20 and not line.startswith(("[", "-"))), (before, line)
    if not args:
        assert "从 git 历史中列出某个问题的每一次改动" in result.out
        assert "列出整改清单中的问题，逾期的排在最前" in result.out
