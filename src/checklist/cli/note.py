"""`checklist note ID TEXT [--date DATE] [--percent N]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli import values
from checklist.cli.common import guarded, state
from checklist.cli.options import day, report
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("note", help=t("help_note"), rich_help_panel=t("panel_clerk"))(note)


@guarded
def note(
    ctx: typer.Context,
    item_id: params.OpenIdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help=t("arg_note_text"), show_default=False)],
    date: params.DateOpt = None,
    # Text, parsed here: an int option would make Typer import pydantic (~0.1 s) and answer in English.
    percent: Annotated[str | None, typer.Option("--percent", metavar="N", help=t("opt_percent"), show_default=False)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.ledger import edits

    on = day(date)
    share = values.percent(percent) if percent is not None else None
    outcome = edits.edit_item(state(ctx).root, item_id, "note", lambda it: transitions.op_note(it, note=text, on=on, percent=share), commit_change=not no_commit)
    report(ctx, outcome, "done_note")
