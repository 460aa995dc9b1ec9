"""`checklist rule ID TITLE [--doc-no NO] [--date DATE]`: a rule or system issued (建章立制)."""

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

    app.command("rule", help=t("help_rule"), rich_help_panel=t("panel_clerk"))(rule)


@guarded
def rule(
    ctx: typer.Context,
    item_id: params.IdArg,
    title: Annotated[str, typer.Argument(metavar="TITLE", help=t("arg_rule_title"), show_default=False)],
    doc_no: Annotated[str | None, typer.Option("--doc-no", metavar="NO", help=t("opt_doc_no"), show_default=False)] = None,
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.ledger import edits

    on = day(date)
    outcome = edits.edit_item(state(ctx).root, item_id, "rule", lambda it: entries.op_rule(it, title=title, doc_no=doc_no, on=on),
                              commit_change=not no_commit)
    report(ctx, outcome, "done_rule")
