"""The Chinese interface: reports, lists, errors and help (Typer's own words included), and how
the language is chosen. Separate processes: help texts are built once, in the language of the run."""

from __future__ import annotations

import pytest
from tests.conftest import SAMPLE

AS_OF = ("--as-of", "2026-12-01")


def test_report_in_chinese(cli_proc) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", "report", str(SAMPLE), *AS_OF)
    assert result.code == 0, result
    for word in ("整改工作情况报告", "完成率", "按期完成率", "逾期问题", "责任单位", "责任人", "整改时限", "合计"):
        assert word in result.out, word
    assert "Overdue" not in result.out and "Department" not in result.out


def test_list_in_chinese(cli_proc) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", "list", str(SAMPLE), *AS_OF)
    assert result.code == 0, result
    header = result.out.splitlines()[0].split()
    assert header == ["编号", "状态", "责任单位", "问题", "责任人", "整改时限", "天数"]
    for state in ("逾期", "即将到期", "正常推进", "已完成"):
        assert state in result.out, state


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("show", "CZJ-404", "--rooot", "."), ["没有选项 --rooot", "用法：checklist show [选项] {ID}", "运行 'checklist show --help' 查看帮助。", "错误"]),
        (("close",), ["缺少参数 'ID'", "用法："]),
        (("close", "CZJ-001"), ["缺少选项 '--result'"]),
        (("clse",), ["没有命令 'clse'。是否要用 'close'？"]),
        (("list", "--state", "late-ish", str(SAMPLE)), ["无效，应为"]),
        (("report", "--as-of", "明天", str(SAMPLE)), ["不是有效日期"]),
    ],
)
def test_errors_in_chinese(cli_proc, args: tuple[str, ...], words: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", *args)
    assert result.code == 2, result
    assert "Usage" not in result.err and "Error" not in result.err and "Missing" not in result.err
    for word in words:
        assert word in result.err, word


def test_data_error_in_chinese(cli_proc, ledger) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", "close", "CZJ-404", "--result", "已整改", cwd=ledger)
    assert result.code == 1, result
    assert result.err == "台账中没有编号为 CZJ-404 的问题；可用 `checklist list` 查看编号\n"


def test_help_in_chinese(cli_proc) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", "--help")
    assert result.code == 0, result
    for word in ("用法：checklist [选项] 命令 [参数]...", "选项", "经办人：维护清单", "督查室：跟踪督查与汇报", "设置",
                 "显示本帮助并退出", "为当前 shell 安装命令补全", "整改清单"):
        assert word in result.out, word
    for english in ("Usage", "Options", "Commands", "Show this message", "Install completion", "<bool>"):
        assert english not in result.out, english
    # The clerk's commands come first, then the office's, then setup.
    out = result.out
    assert out.index("经办人") < out.index("督查室") < out.index("设置")


def test_command_help_in_chinese(cli_proc) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "zh", "close", "--help")
    assert result.code == 0, result
    for word in ("参数", "选项", "整改结果", "[必填]", "示例：checklist close"):
        assert word in result.out, word
    assert "Arguments" not in result.out and "[required]" not in result.out


@pytest.mark.parametrize(
    ("env", "chinese"),
    [
        ({"CHECKLIST_LANG": "zh"}, True),
        ({"CHECKLIST_LANG": "", "LANG": "zh_CN.UTF-8"}, True),
        ({"CHECKLIST_LANG": "", "LANG": "zh_TW.UTF-8"}, True),
        ({"CHECKLIST_LANG": "", "LANG": "C.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, True),
        ({"CHECKLIST_LANG": "en", "LANG": "zh_CN.UTF-8"}, False),
        ({"CHECKLIST_LANG": "", "LANG": "en_US.UTF-8"}, False),
    ],
)
def test_language_from_the_environment(cli_proc, env: dict[str, str], chinese: bool) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("report", str(SAMPLE), *AS_OF, env=env)
    assert result.code == 0, result
    assert ("整改工作情况报告" in result.out) is chinese
    help_ = cli_proc("--help", env=env)
    assert ("用法：" in help_.out) is chinese


def test_lang_option_wins_over_the_environment(cli_proc) -> None:  # type: ignore[no-untyped-def]
    result = cli_proc("--lang", "en", "report", str(SAMPLE), *AS_OF, env={"CHECKLIST_LANG": "zh"})
    assert result.out.startswith("Rectification report")
