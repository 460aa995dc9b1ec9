"""Typer's and click's own words (help panel titles, "Usage:", usage errors) in our language.

Typer 0.29 vendors click as `typer._click`, whose messages are English
f-strings with no gettext hook, and keeps its panel titles in module
constants of `typer.rich_utils`. We reach them through Typer's documented
extension point, the command classes (`typer.Typer(cls=...)`,
`app.command(cls=...)`): `LocalizedGroup` and `LocalizedCommand` put our
words in before Typer formats help, a usage line or an error. Every word is
looked up when it is shown, so an in-process caller that switches languages
gets the right words each time.

Each step checks what it relies on and otherwise leaves Typer's English:
a `typer.rich_utils` constant is replaced only if it exists as text; a
built-in option's help, a parameter's type column and the usage line only
when the objects have the click attributes and signatures used; an error is
translated from the exception's own attributes (`MissingParameter.param`,
`param_hint`, `param_type`; `BadParameter.param`, `param_hint`, `message`;
`NoSuchOption.option_name`, `possibilities`; `BadOptionUsage.option_name`),
and anything unexpected leaves the English message.

Click gives nothing structured for some usage errors; these are still read
from its English text (`_TEXT_ERRORS`): "Missing command.", "No such command
X. Did you mean Y?", "Got unexpected extra argument(s) (...)", and which of
"requires an argument", "requires N arguments" or "does not take a value" a
BadOptionUsage is.
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from checklist.i18n import lang, t

# Help texts typer and click write inline for the options they add themselves.
_OPTION_HELP = {
    "Show this message and exit.": "tw_help_option",
    "Install completion for the current shell.": "tw_install_completion",
    "Show completion for the current shell, to copy it or customize the installation.": "tw_show_completion",
}
# typer.rich_utils constants and the message each becomes.
_RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "tw_arguments",
    "OPTIONS_PANEL_TITLE": "tw_options",
    "COMMANDS_PANEL_TITLE": "tw_commands",
    "ERRORS_PANEL_TITLE": "tw_error",
    "ABORTED_TEXT": "tw_aborted",
    "DEFAULT_STRING": "tw_default",
    "REQUIRED_LONG_STRING": "tw_required",
    "RICH_HELP": "tw_try_help",
}
# click's usage-line metavars, as it writes them by default.
_USAGE_WORDS = {"[OPTIONS]": "tw_usage_options", "COMMAND [ARGS]...": "tw_usage_command"}
_KIND = {"option": "tw_kind_option", "argument": "tw_kind_argument", "parameter": "tw_kind_parameter"}

# Usage errors click words only as text: (the message, then what it becomes).
_TEXT_ERRORS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Missing command\."), lambda m: t("tw_missing_command")),
    (re.compile(r"No such command (.+?)\.\.?(?: Did you mean (.+)\?)?", re.S),
     lambda m: t("tw_no_command", name=m[1]) + (t("tw_did_you_mean", names=m[2]) if m[2] else "")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", re.S), lambda m: t("tw_extra_args", args=m[1])),
]
_OPTION_USAGE: list[tuple[re.Pattern[str], Callable[[str, re.Match[str]], str]]] = [
    (re.compile(r"Option .+ requires an argument\.", re.S), lambda name, m: t("tw_needs_value", name=name)),
    (re.compile(r"Option .+ requires (\d+) arguments\.", re.S), lambda name, m: t("tw_needs_values", name=name, count=m[1])),
    (re.compile(r"Option .+ does not take a value\.", re.S), lambda name, m: t("tw_no_value", name=name)),
]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(value: str) -> str:
    """An untrusted name without terminal control characters (as click shows it)."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", value)


def _kinds(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _english(exc: BaseException) -> str:
    """The message as click words it (our own override on the instance bypassed)."""
    return str(type(exc).format_message(exc))  # type: ignore[attr-defined]


def _hint(exc: Any) -> str | None:
    """The parameter an error names, quoted as click quotes it; None when there is none."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(part) for part in hint)


def _missing(exc: Any) -> str | None:
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else None)
    if kind not in _KIND:
        return None
    detail = exc.message
    if exc.param is not None:
        extra = exc.param.get_missing_message(ctx=exc.ctx)
        detail = f"{detail}. {extra}" if detail and extra else detail or extra
    hint = _hint(exc)
    return t("tw_missing", kind=t(_KIND[kind]), name=hint or "", extra=f"（{detail}）" if detail else "")


def _invalid(exc: Any) -> str:
    hint = _hint(exc)
    return t("tw_invalid", detail=exc.message) if hint is None else t("tw_invalid_for", name=hint, detail=exc.message)


def _no_option(exc: Any) -> str:
    message = t("tw_no_option", name=_escape(exc.option_name))
    return message + (t("tw_did_you_mean", names=", ".join(sorted(exc.possibilities))) if exc.possibilities else "")


def _option_usage(exc: Any) -> str | None:
    for pattern, build in _OPTION_USAGE:
        match = pattern.fullmatch(_english(exc).strip())
        if match:
            return build(_escape(exc.option_name), match)
    return None


def _from_text(exc: Any) -> str | None:
    for pattern, build in _TEXT_ERRORS:
        match = pattern.fullmatch(_english(exc).strip())
        if match:
            return build(match)
    return None


def localized_error(exc: BaseException) -> str | None:
    """A click usage error's message in the interface language; None to keep click's English."""
    if lang() == "en":
        return None
    kinds = _kinds(exc)
    try:
        if "NoArgsIsHelpError" in kinds:  # its "message" is the help, already in our words
            return None
        if "MissingParameter" in kinds:
            return _missing(exc)
        if "BadParameter" in kinds:
            return _invalid(exc)
        if "NoSuchOption" in kinds:
            return _no_option(exc)
        if "BadOptionUsage" in kinds:
            return _option_usage(exc)
        if "UsageError" in kinds:
            return _from_text(exc)
    except (AttributeError, TypeError):  # click's exceptions changed shape: keep its words
        return None
    return None


def _rich_utils() -> Any:
    """typer.rich_utils, which Typer imports anyway to print help or an error; None if absent."""
    try:
        from typer import rich_utils
    except ImportError:
        return None
    return rich_utils


def set_words() -> None:
    """Typer's panel titles and notes (typer.rich_utils constants) in the interface language."""
    rich_utils = _rich_utils()
    if rich_utils is None:
        return
    for name, key in _RICH_WORDS.items():
        if isinstance(getattr(rich_utils, name, None), str):
            setattr(rich_utils, name, t(key))
    # The usage line is highlighted by a pattern that knows only "Usage: ".
    highlights = getattr(type(getattr(rich_utils, "highlighter", None)), "highlights", None)
    usage = r"(?P<usage>用法：)"
    if isinstance(highlights, list) and usage not in highlights:
        highlights.append(usage)


def _hide_type(original: Callable[..., Any], param: Any) -> Callable[..., Any]:
    """A type column that stays empty for a flag (it takes no value, yet Typer shows "<bool>")
    and for an argument with a metavar (ours all say what they are; "<str>" beside it is noise)."""

    def display_type_rich(ctx: Any) -> Any:
        if getattr(param, "param_type_name", None) == "argument":
            hide = param.metavar is not None
        else:
            hide = bool(getattr(param, "is_flag", False)) and param.metavar is None
        return None if hide else original(ctx=ctx)

    display_type_rich.checklist = True  # type: ignore[attr-defined]
    return display_type_rich


def _localize_params(command: Any, ctx: Any) -> None:
    for param in command.get_params(ctx):
        english = getattr(param, "_checklist_en_help", None) or getattr(param, "help", None)
        key = _OPTION_HELP.get(english) if isinstance(english, str) else None
        if key:
            param._checklist_en_help = english
            param.help = t(key)
        original = getattr(param, "display_type_rich", None)
        if callable(original) and not getattr(original, "checklist", False) and "ctx" in inspect.signature(original).parameters:
            param.display_type_rich = _hide_type(original, param)


def _width() -> int:
    """The width rich lays help out in: typer's own setting, else the terminal's."""
    import shutil

    rich_utils = _rich_utils()
    fixed = getattr(rich_utils, "MAX_WIDTH", None) if rich_utils is not None else None
    return int(fixed) if isinstance(fixed, int) else shutil.get_terminal_size((80, 24)).columns


def _prewrapped(text: str, width: int) -> str:
    """Help text wrapped here, between words and between Chinese characters, marked (\\b) so rich
    keeps the lines: rich wraps only at spaces, cutting a long Chinese run with "…" or leaving a
    stub such as "从 git" on a line of its own."""
    from checklist.render.grid import cell_len, wrap

    lines: list[str] = []
    for para in text.split("\n"):
        width_ = max(20, width)
        wrapped = wrap(para.strip(), width_)
        # no widow: a last line of a character or two ("1。") takes a few more from the line above
        while len(wrapped) > 1 and cell_len(wrapped[-1]) <= 4 and width_ > max(20, width) - 8:
            width_ -= 1
            wrapped = wrap(para.strip(), width_)
        lines += wrapped
    return "\b\n" + "\n".join(lines)


def _wrap_help(command: Any, ctx: Any) -> None:
    """Chinese help wrapped to the terminal: each command's summary in a group's list, each
    option's help; English keeps rich's wrapping at spaces."""
    if lang() != "zh":
        return
    width = _width()
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict) and commands:
        name_w = max(len(name) for name in commands)
        for sub in commands.values():
            first = (getattr(sub, "_checklist_help", None) or sub.short_help or sub.help or "").split("\n\n")[0]
            if first and not first.startswith("\b"):
                sub._checklist_help = first
                sub.short_help = _prewrapped(first, width - name_w - 7)
    params = [p for p in command.get_params(ctx) if isinstance(getattr(p, "help", None), str)]
    if not params:
        return
    names = max(len(", ".join(o for o in p.opts if o.startswith("--")) or p.name or "") for p in params)
    shorts = max((len(o) for p in params for o in (*p.opts, *p.secondary_opts) if not o.startswith("--")), default=0)
    metavars = max(len(p.metavar or "") for p in params)
    room = width - 4 - (names + 2) - (shorts + 2 if shorts else 0) - (metavars + 2) - 5
    for param in params:
        help_ = param.help
        if not help_.startswith("\b") and len(help_) * 2 > room:
            param.help = _prewrapped(help_, room)


def _format_usage(command: Any, ctx: Any, formatter: Any) -> bool:
    """Write the usage line in our words; False when click's API is not as expected."""
    write_usage = getattr(formatter, "write_usage", None)
    collect = getattr(command, "collect_usage_pieces", None)
    if not (callable(write_usage) and callable(collect)) or "prefix" not in inspect.signature(write_usage).parameters:
        return False
    pieces = [t(_USAGE_WORDS[piece]) if piece in _USAGE_WORDS else piece for piece in collect(ctx)]
    write_usage(ctx.command_path, " ".join(pieces), prefix=t("tw_usage"))
    return True


@contextlib.contextmanager
def _errors_in_our_words() -> Iterator[None]:
    """Put our words into the error or abort that Typer is about to print."""
    try:
        yield
    except typer.TyperException as exc:  # click's errors derive from it
        message = localized_error(exc)
        if message is not None and callable(getattr(exc, "format_message", None)):
            exc.format_message = lambda: message  # type: ignore[method-assign]
        set_words()
        raise
    except (typer.Abort, EOFError):
        set_words()
        raise


class LocalizedCommand(TyperCommand):
    """A Typer command whose help and usage line speak the interface language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        set_words()
        _localize_params(self, ctx)
        _wrap_help(self, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        if not _format_usage(self, ctx, formatter):
            super().format_usage(ctx, formatter)


class LocalizedGroup(TyperGroup):
    """The app's group: help, usage and every usage error below it in the interface language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        set_words()
        _localize_params(self, ctx)
        _wrap_help(self, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        if not _format_usage(self, ctx, formatter):
            super().format_usage(ctx, formatter)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _errors_in_our_words():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        # Subcommands parse and run inside this call: their errors pass here too.
        with _errors_in_our_words():
            return super().invoke(ctx)
