"""YAML mistakes named as the clerk's mistake, on the line and column where it is, in the
interface language, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ONE_ITEM

CASES = {
    # name: (the file's text, line:col of the mistake, English words, Chinese words)
    "full-width colon": (ONE_ITEM.replace("owner: 王芳", "owner：王芳"), "6:10",
                         "full-width colon '：' after the key 'owner'", "把全角冒号'：'改为半角':'"),
    "full-width colon after the dash": (ONE_ITEM.replace("  - id: CZJ-001", "  - id：CZJ-001"), "4:7",
                                        "after the key 'id'", "把全角冒号'：'改为半角':'"),
    "tab": (ONE_ITEM.replace("    owner: 王芳", "\towner: 王芳"), "6:1", "a tab in the indentation", "制表符"),
    "tab after spaces": (ONE_ITEM.replace("    owner: 王芳", "  \t  owner: 王芳"), "6:3", "a tab in the indentation", "制表符"),
    "full-width space": (ONE_ITEM.replace("    owner: 王芳", "\u3000\u3000owner: 王芳"), "6:1",
                         "a full-width space in the indentation", "全角空格"),
    "conflict marker": (ONE_ITEM.replace("    owner: 王芳\n", "<<<<<<< ours\n    owner: 王芳\n=======\n    owner: 张伟\n>>>>>>> theirs\n"),
                        "6:1", "git conflict marker '<<<<<<<'", "git 冲突标记"),
    "unclosed quote": (ONE_ITEM.replace("title: 部分干部思想松懈", 'title: "部分干部思想松懈'), "5:12",
                       "the quote \" opened here is never closed", "没有闭合"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mistake_named_where_it_is(cli, ledger: Path, case: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    text, where, english, chinese = CASES[case]
    (ledger / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    result = cli("--lang", lang, "validate")
    assert result.code == 1, result
    first = result.err.splitlines()[0]
    assert first.startswith(f"lists/CZJ.yaml:{where}: "), result
    assert (english if lang == "en" else chinese) in first, result


def test_chinese_paragraphs_in_a_block_scalar_are_not_a_mistake(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    text = ONE_ITEM + "    measures: |\n      \u3000\u3000一是加强管理。\n      \u3000\u3000二是完善制度：定期检查。\n"
    (ledger / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    result = cli("validate")
    assert result.code == 0, result


def test_a_value_with_a_full_width_colon_is_fine(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    text = ONE_ITEM.replace("title: 部分干部思想松懈", "title: 关于：部分干部思想松懈")
    (ledger / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    assert cli("validate").code == 0


def test_other_parser_messages_in_chinese(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    text = ONE_ITEM.replace("    owner: 王芳", "    owner: 王芳: 张伟")
    (ledger / "lists" / "CZJ.yaml").write_text(text, encoding="utf-8")
    result = cli("--lang", "zh", "validate")
    assert result.code == 1, result
    assert result.err.startswith("lists/CZJ.yaml:6:") and "YAML 语法错误：此处不能出现" in result.err, result
