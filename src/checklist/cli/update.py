"""`checklist update ID [--title] [--owner] [--category] [--measures] [--source]`."""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.cli.common import guarded, state
from checklist.cli.complete import complete_category, complete_owner
from checklist.cli.options import IdArg, NoCommit, report
from checklist.i18n import t

Text = str | None


def register(app: typer.Typer) -> None:
    app.command("update", help=t("help_update"), rich_help_panel=t("panel_clerk"))(update)


@guarded
def update(
    ctx: typer.Context,
    item_id: IdArg,
    title: Annotated[Text, typer.Option("--title", metavar="TEXT", help=t("opt_title"), show_default=False)] = None,
    owner: Annotated[Text, typer.Option("--owner", metavar="WHO", help=t("opt_owner"), show_default=False, autocompletion=complete_owner)] = None,
    category: Annotated[Text, typer.Option("--category", metavar="C", help=t("opt_category"), show_default=False, autocompletion=complete_category)] = None,
    measures: Annotated[Text, typer.Option("--measures", metavar="TEXT", help=t("opt_measures"), show_default=False)] = None,
    source: Annotated[Text, typer.Option("--source", metavar="TEXT", help=t("opt_source"), show_default=False)] = None,
    no_commit: NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.errors import UsageError
    from checklist.ledger import edits

    given = {"title": title, "owner": owner, "category": category, "measures": measures, "source": source}
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise UsageError("nothing_to_update")
    outcome = edits.edit_item(state(ctx).root, item_id, "update", lambda it: transitions.op_update(it, changes=changes), commit_change=not no_commit)
    report(ctx, outcome, "done_update")
