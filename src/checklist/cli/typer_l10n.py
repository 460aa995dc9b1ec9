"""Typer's and click's own words (help panel titles, "Usage:", usage errors) in our language.

Typer 0.29 vendors click as `typer._click`, whose messages are English
f-strings with no gettext hook, and keeps its panel titles in module
constants of `typer.rich_utils` evaluated once at import. So we translate at
the few places these words reach the user: the help renderer, the usage line
and the error panel. Every wrapper looks the language up when it runs, so an
in-process caller that switches languages gets the right words each time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from checklist.i18n import lang, t

_done = False

# Help texts typer and click write inline for the options they add themselves.
_OPTION_HELP = {
    "Show this message and exit.": "tw_help_option",
    "Install completion for the current shell.": "tw_install_completion",
    "Show completion for the current shell, to copy it or customize the installation.": "tw_show_completion",
}

_KIND = {"option": "tw_kind_option", "argument": "tw_kind_argument", "parameter": "tw_kind_parameter"}

# Click's usage errors, as it words them, and the message each becomes.
_ERRORS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Missing (option|argument|parameter) ?(.*?)\.(?: (.*))?", re.S),
     lambda m: t("tw_missing", kind=t(_KIND[m[1]]), name=m[2], extra=_extra(m[3]))),
    (re.compile(r"Missing command\."), lambda m: t("tw_missing_command")),
    (re.compile(r"No such command (.+?)\.\.?(?: Did you mean (.+)\?)?", re.S),
     lambda m: t("tw_no_command", name=m[1]) + (t("tw_did_you_mean", names=m[2]) if m[2] else "")),
    (re.compile(r"No such option: (\S+)(?: \(Possible options: (.*)\))?", re.S),
     lambda m: t("tw_no_option", name=m[1]) + (t("tw_did_you_mean", names=m[2]) if m[2] else "")),
    (re.compile(r"Invalid value for (.+?): (.*)", re.S), lambda m: t("tw_invalid_for", name=m[1], detail=m[2])),
    (re.compile(r"Invalid value: (.*)", re.S), lambda m: t("tw_invalid", detail=m[1])),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)", re.S), lambda m: t("tw_extra_args", args=m[1])),
    (re.compile(r"Option '(.+)' requires an argument\."), lambda m: t("tw_needs_value", name=m[1])),
    (re.compile(r"Option '(.+)' requires (\d+) arguments\."), lambda m: t("tw_needs_values", name=m[1], count=m[2])),
    (re.compile(r"Option '(.+)' does not take a value\."), lambda m: t("tw_no_value", name=m[1])),
]


def _extra(text: str | None) -> str:
    return f"（{text}）" if text else ""


def translate_error(message: str) -> str:
    """A click usage-error message in the interface language (unchanged in English)."""
    if lang() == "en":
        return message
    for pattern, build in _ERRORS:
        match = pattern.fullmatch(message.strip())
        if match:
            return build(match)
    return message


def _set_words(rich_utils: Any) -> None:
    rich_utils.ARGUMENTS_PANEL_TITLE = t("tw_arguments")
    rich_utils.OPTIONS_PANEL_TITLE = t("tw_options")
    rich_utils.COMMANDS_PANEL_TITLE = t("tw_commands")
    rich_utils.ERRORS_PANEL_TITLE = t("tw_error")
    rich_utils.ABORTED_TEXT = t("tw_aborted")
    rich_utils.DEFAULT_STRING = t("tw_default")
    rich_utils.REQUIRED_LONG_STRING = t("tw_required")
    rich_utils.RICH_HELP = t("tw_try_help")


def _patch_rich_utils(rich_utils: Any) -> None:
    """Wrap the help and error printers of typer.rich_utils."""
    format_help = rich_utils.rich_format_help
    format_error = rich_utils.rich_format_error
    abort_error = rich_utils.rich_abort_error

    def rich_format_help(*, obj: Any, ctx: Any, markup_mode: Any) -> None:
        _set_words(rich_utils)
        for param in obj.get_params(ctx):
            key = _OPTION_HELP.get(getattr(param, "_checklist_en_help", None) or param.help or "")
            if key:
                param._checklist_en_help = getattr(param, "_checklist_en_help", None) or param.help
                param.help = t(key)
        format_help(obj=obj, ctx=ctx, markup_mode=markup_mode)

    def rich_format_error(self: Any) -> None:
        _set_words(rich_utils)
        message = translate_error(self.format_message())
        self.format_message = lambda: message
        format_error(self)

    def rich_abort_error() -> None:
        _set_words(rich_utils)
        abort_error()

    rich_utils.rich_format_help = rich_format_help
    rich_utils.rich_format_error = rich_format_error
    rich_utils.rich_abort_error = rich_abort_error
    # The usage line is highlighted by a pattern that knows only "Usage: ".
    highlighter = type(rich_utils.highlighter)
    highlighter.highlights = [*highlighter.highlights, r"(?P<usage>用法：)"]


def _when_imported(name: str, patch: Callable[[Any], None]) -> None:
    """Run patch(module) when `name` is first imported, or now if it already is.

    typer.rich_utils pulls in rich's markdown and traceback machinery (about
    80 ms); typer imports it only to print help or an error, so we wait too.
    """
    import importlib
    import sys
    import types

    if name in sys.modules:
        patch(sys.modules[name])
        return
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules[parent_name]

    class Lazy(types.ModuleType):
        def __getattr__(self, attr: str) -> Any:
            del sys.modules[name]
            delattr(parent, child)
            real = importlib.import_module(name)
            patch(real)
            return getattr(real, attr)

    sys.modules[name] = Lazy(name)
    setattr(parent, child, sys.modules[name])


def localize() -> None:
    """Install the wrappers (once per process)."""
    global _done
    if _done:
        return
    _done = True
    from typer import _click, core

    _when_imported("typer.rich_utils", _patch_rich_utils)
    write_usage = _click.formatting.HelpFormatter.write_usage

    def localized_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if lang() != "en":
            args = args.replace("[OPTIONS]", t("tw_usage_options")).replace("COMMAND [ARGS]...", t("tw_usage_command"))
        write_usage(self, prog, args, t("tw_usage") if prefix is None else prefix)

    _click.formatting.HelpFormatter.write_usage = localized_usage  # type: ignore[method-assign]

    # A flag takes no value, yet typer 0.29 prints "<bool>" beside it in the help.
    option_type = core.TyperOption.display_type_rich

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if self.is_flag and self.metavar is None:
            return None
        return option_type(self, ctx)

    core.TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]

    # Our arguments all have a metavar that says what they are; "<str>" beside it is noise.
    argument_type = core.TyperArgument.display_type_rich

    def argument_display_type_rich(self: Any, ctx: Any) -> str | None:
        return None if self.metavar is not None else argument_type(self, ctx)

    core.TyperArgument.display_type_rich = argument_display_type_rich  # type: ignore[method-assign]
