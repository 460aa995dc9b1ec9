"""`checklist verify ID --by WHO [--note TEXT] [--date DATE]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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

    app.command("verify", help=t("help_verify"), rich_help_panel=t("panel_clerk"))(verify)


@guarded
def verify(
    ctx: typer.Context,
    item_id: params.ClosedIdArg,
    by: Annotated[str, typer.Option("--by", metavar="WHO", help=t("opt_by"), show_default=False)],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=t("opt_verify_note"), show_default=False)] = None,
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.ledger import edits

    on = day(date)
    outcome = edits.verify(state(ctx).root, item_id, by=by, note=note, on=on, commit_change=not no_commit)
    report(ctx, outcome, "done_verify")
