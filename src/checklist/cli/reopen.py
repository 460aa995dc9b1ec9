"""`checklist reopen ID --reason TEXT [--kind reopen|rebound|false]`."""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.cli.common import guarded, state
from checklist.cli.options import DateOpt, DoneIdArg, NoCommit, choice_option, day, report
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("reopen", help=t("help_reopen"), rich_help_panel=t("panel_clerk"))(reopen)


@guarded
def reopen(
    ctx: typer.Context,
    item_id: DoneIdArg,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help=t("opt_reason"), show_default=False)],
    kind: Annotated[str, typer.Option("--kind", metavar="KIND", help=t("opt_kind"))] = "reopen",
    date: DateOpt = None,
    no_commit: NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.domain.fields import REOPENING
    from checklist.ledger import edits

    chosen = choice_option(next(f for f in REOPENING if f.name == "kind"), kind, "bad_kind_option")
    on = day(date)
    outcome = edits.edit_item(state(ctx).root, item_id, "reopen", lambda it: transitions.op_reopen(it, reason=reason, on=on, kind=chosen), commit_change=not no_commit)
    report(ctx, outcome, "done_reopen")
