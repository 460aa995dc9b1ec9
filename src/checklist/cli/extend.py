"""`checklist extend ID --to DATE --reason TEXT [--approved-by P]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, state
from checklist.cli.options import report
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("extend", help=t("help_extend"), rich_help_panel=t("panel_clerk"))(extend)


@guarded
def extend(
    ctx: typer.Context,
    item_id: params.OpenIdArg,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help=t("opt_to"), show_default=False)],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help=t("opt_reason"), show_default=False)],
    approved_by: Annotated[str | None, typer.Option("--approved-by", metavar="WHO", help=t("opt_approved_by"), show_default=False)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.domain.dates import parse_date, today
    from checklist.ledger import edits
    from checklist.ledger.config import CONFIG_NAME, load_config
    from checklist.ledger.transaction import ledger_root

    new_deadline, on = parse_date(to), today()
    config = load_config(ledger_root(state(ctx).root) / CONFIG_NAME, CONFIG_NAME)[0]
    outcome = edits.edit_item(
        state(ctx).root, item_id, "extend",
        lambda it: transitions.op_extend(it, to=new_deadline, reason=reason, approved_by=approved_by, on=on,
                                         max_extensions=config.max_extensions,
                                         needs_approval=config.extension_needs_approval),
        commit_change=not no_commit,
    )
    report(ctx, outcome, "done_extend", to=new_deadline.isoformat())
