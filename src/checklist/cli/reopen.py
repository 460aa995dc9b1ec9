"""`checklist reopen ID --reason TEXT [--kind reopen|rebound|false]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, state
from checklist.cli.options import day, report
from checklist.cli.values import choice_option
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("reopen", help=t("help_reopen"), rich_help_panel=t("panel_clerk"))(reopen)


@guarded
def reopen(
    ctx: typer.Context,
    item_id: params.DoneIdArg,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help=t("opt_reason"), show_default=False)],
    kind: Annotated[str, typer.Option("--kind", metavar="KIND", help=t("opt_kind"))] = "reopen",
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.domain.fields import REOPENING
    from checklist.ledger import edits

    chosen = choice_option(next(f for f in REOPENING if f.name == "kind"), kind, "bad_kind_option")
    on = day(date)
    outcome = edits.edit_item(state(ctx).root, item_id, "reopen", lambda it: transitions.op_reopen(it, reason=reason, on=on, kind=chosen), commit_change=not no_commit)
    report(ctx, outcome, "done_reopen")
