"""What the editing commands share: DATE and ID options, prompts, and the report of an edit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import typer

from checklist.cli.common import err, out
from checklist.cli.complete import (
    complete_any_id,
    complete_closed_id,
    complete_open_id,
    complete_verifiable_id,
)
from checklist.i18n import t

NoCommit = Annotated[bool, typer.Option("--no-commit", help=t("opt_no_commit"))]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help=t("opt_date"), show_default=False)]
IdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_any_id)]
# The IDs each command can act on come first in shell completion.
OpenIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_open_id)]
ClosedIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_verifiable_id)]
DoneIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_closed_id)]


def day(value: str | None) -> date:
    """A DATE option's value, today when absent."""
    from checklist.domain.dates import parse_date, today

    return parse_date(value) if value else today()


def interactive() -> bool:
    """Whether we may ask questions: stdin and stdout are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(key: str, option: str, known: list[str] | None = None, default: str | None = None,
        check: Callable[[str], Any] | None = None) -> Any:
    """Ask for a missing value on a terminal; without one, a usage error naming the option.

    With `check`, each answer is checked as it is typed: what `check` returns is the value,
    and a ChecklistError it raises is shown and the question asked again.
    """
    from checklist.errors import ChecklistError, UsageError

    if not interactive():
        raise UsageError("missing_option", option=option)
    from rich.console import Console
    from rich.prompt import Prompt

    console = Console(stderr=True)
    if known:
        shown = "、".join(known[:12]) + ("…" if len(known) > 12 else "")
        console.print(t("prompt_known", values=shown), style="dim", markup=False, highlight=False)
    while True:
        answer = Prompt.ask(t(key), console=console, default=default, show_default=bool(default))
        if answer is None:
            answer = ""
        if not answer.strip() and default is None:
            continue
        if check is None:
            return answer.strip()
        try:
            return check(answer.strip())
        except ChecklistError as exc:  # refused at its own prompt: say why, ask again
            err(exc.message())


def report(ctx: typer.Context, outcome: Any, key: str, **params: Any) -> None:
    """One line saying what was done (and committed), unless --quiet."""
    from checklist.cli.common import state

    if state(ctx).quiet:
        return
    if not getattr(outcome, "changed", True):
        out(t("done_unchanged", id=outcome.id))
        return
    out(t(key, id=outcome.id, title=outcome.title, file=outcome.file, **params))
    if outcome.committed:
        err(t("done_committed", subject=f"{outcome.action} {outcome.id}: {outcome.title}"))


def choice_option(field: Any, value: str, key: str) -> str:
    """A choice option as typed (its value, or its English or Chinese words) as the file writes
    it, else the usage error `key` naming the choices."""
    from checklist.domain.fields import choice_value
    from checklist.errors import UsageError

    found = choice_value(field, value)
    if found is None:
        raise UsageError(key, value=value, choices="、".join(f"{v} ({zh})" for v, _, zh in field.choices))
    return found


def type_option(value: str) -> str:
    """--type: immediate, deadline or ongoing, or their Chinese words (立行立改, 限期整改, 长期坚持)."""
    from checklist.domain.fields import BY_NAME

    return choice_option(BY_NAME["type"], value, "bad_type_option")


def whole_number(value: str, key: str) -> int:
    """A count or number typed as text (full-width digits too): 1 or more, else the usage error `key`."""
    import unicodedata

    from checklist.errors import UsageError

    digits = unicodedata.normalize("NFKC", value).strip()
    if not digits.isascii() or not digits.isdigit() or int(digits) < 1:
        raise UsageError(key, value=value)
    return int(digits)
