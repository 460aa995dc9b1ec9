"""`checklist accountability ID --person P --measure M [--note TEXT] [--date DATE]`: a person held to account (问责)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, state
from checklist.cli.complete import complete_measure, complete_owner
from checklist.cli.options import day, report
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("accountability", help=t("help_accountability"), rich_help_panel=t("panel_clerk"))(accountability)


@guarded
def accountability(
    ctx: typer.Context,
    item_id: params.IdArg,
    person: Annotated[str, typer.Option("--person", metavar="P", help=t("opt_person"), show_default=False, autocompletion=complete_owner)],
    measure: Annotated[str, typer.Option("--measure", metavar="M", help=t("opt_measure"), show_default=False, autocompletion=complete_measure)],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=t("opt_acc_note"), show_default=False)] = None,
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.ledger import edits
    from checklist.ledger.config import CONFIG_NAME, load_config
    from checklist.ledger.transaction import ledger_root

    root = ledger_root(state(ctx).root)
    measures = load_config(root / CONFIG_NAME, CONFIG_NAME)[0].accountability_measures
    on = day(date)
    outcome = edits.edit_item(
        state(ctx).root, item_id, "accountability",
        lambda it: entries.op_accountability(it, person=person, measure=measure, note=note, on=on, measures=measures),
        commit_change=not no_commit,
    )
    report(ctx, outcome, "done_accountability")
