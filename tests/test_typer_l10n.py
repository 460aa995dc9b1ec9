"""Typer's and click's own words in Chinese (cli/typer_l10n.py): usage errors translated from
the exceptions' attributes, and Typer's English, never a failure, when the localization is
switched off (CHECKLIST_PLAIN_TYPER=1) or Typer's internals differ."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("close",), "缺少参数 'ID'。"),
        (("close", "CZJ-001"), "缺少选项 '--result'。"),
        (("clse",), "没有命令 'clse'。是否要用 'close'？"),
        (("validate", "--bogus"), "没有选项 --bogus。"),
        (("list", "--stat", "open"), "没有选项 --stat。是否要用 --state？"),
        (("--lang", "xx", "validate"), "'--lang' 的值无效：“xx”不是可用语言：请用 en 或 zh"),
        (("note", "CZJ-001", "进展", "--date"), "选项 '--date' 需要一个值。"),
        (("schema", "甲", "乙"), "多余的参数：甲 乙"),
        (("validate", "--bad\x07name"), "没有选项 --bad\\x07name。"),
    ],
)
def test_usage_errors_in_chinese(cli, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", "zh", *args)
    assert result.code == 2, result
    assert f"│ {message} " in result.err, result
    assert "错误" in result.err and "Error" not in result.err, result


def test_the_same_process_speaks_english_again(cli) -> None:  # type: ignore[no-untyped-def]
    assert "缺少参数" in cli("--lang", "zh", "close").err
    result = cli("--lang", "en", "close")
    assert result.code == 2, result
    assert result.err.startswith("Usage: checklist close [OPTIONS] {ID}\nTry 'checklist close --help' for help.\n"), result
    assert "│ Missing argument 'ID'. " in result.err and "─ Error ─" in result.err, result


def test_plain_typer_still_works_in_chinese(cli_proc) -> None:  # type: ignore[no-untyped-def]
    plain = {"CHECKLIST_PLAIN_TYPER": "1"}
    help_ = cli_proc("--lang", "zh", "--help", env=plain)
    assert help_.code == 0, help_
    assert "Usage: checklist [OPTIONS] COMMAND [ARGS]..." in help_.out and "整改清单" in help_.out, help_
    command_help = cli_proc("--lang", "zh", "close", "--help", env=plain)
    assert command_help.code == 0 and "整改结果" in command_help.out and "Arguments" in command_help.out, command_help
    for args, english in ((("close",), "Missing argument 'ID'."), (("clse",), "No such command 'clse'."),
                          (("validate", "--bogus"), "No such option: --bogus")):
        result = cli_proc("--lang", "zh", *args, env=plain)
        assert (result.code, result.out) == (2, ""), result
        assert english in result.err and "Traceback" not in result.err, result
    report = cli_proc("--lang", "zh", "report", str(SAMPLE), "--as-of", "2026-12-01", env=plain)
    assert report.code == 0 and "整改工作情况报告" in report.out, report


# Typer with click's formatter and Typer's parameter classes changed under us.
CHANGED = """
import sys
from typer._click.formatting import HelpFormatter
from typer.core import TyperOption
_write = HelpFormatter.write_usage
HelpFormatter.write_usage = lambda self, prog, args="": _write(self, prog, args)
_display = TyperOption.display_type_rich
TyperOption.display_type_rich = lambda self, **kwargs: _display(self, **kwargs)
from checklist.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_changed_internals_fall_back_to_typers_words() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", CHANGED, "--lang", "zh", *args], capture_output=True, text=True, timeout=60)

    help_ = run("close", "--help")
    assert help_.returncode == 0, help_.stderr
    assert "Usage: checklist close [OPTIONS] {ID}" in help_.stdout and "<bool>" in help_.stdout, help_.stdout
    assert "─ 选项 ─" in help_.stdout and "显示本帮助并退出" in help_.stdout  # what still fits is still translated
    error = run("close")
    assert error.returncode == 2, error.stderr
    assert "Usage: checklist close" in error.stderr and "缺少参数 'ID'" in error.stderr and "Traceback" not in error.stderr


def test_unexpected_error_shapes_keep_english() -> None:
    from typer._click.exceptions import NoSuchOption

    from checklist import i18n
    from checklist.cli.typer_l10n import localized_error

    class MissingParameter(Exception):
        pass

    class BadOptionUsage(Exception):
        option_name = None

        def format_message(self) -> str:
            return "Option '--x' requires an argument."

    class UsageError(Exception):
        def format_message(self) -> str:
            return "Something click will say one day."

    i18n.set_lang("zh")
    exceptions: list[Any] = [MissingParameter(), BadOptionUsage(), UsageError()]
    assert [localized_error(exc) for exc in exceptions] == [None, None, None]
    assert localized_error(NoSuchOption("--x", possibilities=["--xy", "--xa"])) == "没有选项 --x。是否要用 --xa, --xy？"
    i18n.set_lang("en")
    assert localized_error(NoSuchOption("--x")) is None


def test_missing_rich_words_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer import rich_utils

    from checklist import i18n
    from checklist.cli.typer_l10n import set_words

    monkeypatch.delattr(rich_utils, "ABORTED_TEXT")
    monkeypatch.setattr(rich_utils, "ERRORS_PANEL_TITLE", "Error")
    i18n.set_lang("zh")
    set_words()
    assert not hasattr(rich_utils, "ABORTED_TEXT") and rich_utils.ERRORS_PANEL_TITLE == "错误"
    i18n.set_lang("en")
    set_words()
    assert rich_utils.ERRORS_PANEL_TITLE == "Error"
