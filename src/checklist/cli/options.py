"""What the editing commands share at run time: DATE options, prompts, and the report of an edit.

No Typer here (the commands run without it on the fast path, cli/fast.py); their shared Typer
declarations are in cli/params.py, the option values every command checks alike in cli/values.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from checklist.cli.common import err, out
from checklist.i18n import t

if TYPE_CHECKING:
    import typer


def day(value: str | None, *, blank_is_today: bool = True) -> date:
    """A DATE option's value, today when absent. An edit's `--date ""` means today too (a
    script passing an empty variable records the day it ran); a reading command's `--as-of ""`
    is refused as a bad date (blank_is_today=False): a report of the wrong day looks right."""
    from checklist.domain.dates import parse_date, today

    if value is None or (not value and blank_is_today):
        return today()
    return parse_date(value)


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
