"""`checklist reopen ID --reason TEXT`."""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.cli.common import guarded, state
from checklist.cli.options import DateOpt, DoneIdArg, NoCommit, day, report
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("reopen", help=t("help_reopen"), rich_help_panel=t("panel_clerk"))(reopen)


@guarded
def reopen(
    ctx: typer.Context,
    item_id: DoneIdArg,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help=t("opt_reason"), show_default=False)],
    date: DateOpt = None,
    no_commit: NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.ledger import edits

    on = day(date)
    outcome = edits.edit_item(state(ctx).root, item_id, "reopen", lambda it: transitions.op_reopen(it, reason=reason, on=on), commit_change=not no_commit)
    report(ctx, outcome, "done_reopen")
