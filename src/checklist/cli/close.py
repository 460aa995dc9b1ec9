"""`checklist close ID --result TEXT [--evidence PATH]... [--date DATE]`."""

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

    app.command("close", help=t("help_close"), rich_help_panel=t("panel_clerk"))(close)


@guarded
def close(
    ctx: typer.Context,
    item_id: params.OpenIdArg,
    result: Annotated[str, typer.Option("--result", metavar="TEXT", help=t("opt_result"), show_default=False)],
    evidence: Annotated[list[str] | None, typer.Option("--evidence", metavar="PATH", help=t("opt_evidence"), show_default=False)] = None,
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.ledger import edits

    outcome = edits.close(state(ctx).root, item_id, result=result, evidence=evidence or [], on=day(date), commit_change=not no_commit)
    report(ctx, outcome, "done_close")
