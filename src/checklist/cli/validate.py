"""`checklist validate [PATHS]`: check every file, print every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.cli.common import err, guarded, out, print_problems, progress_bar, state
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("validate", help=t("help_validate"), rich_help_panel=t("panel_office"))(validate)


@guarded
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
) -> None:
    from checklist.ledger.files import check_ledger

    with progress_bar() as progress:
        checked = check_ledger(state(ctx).root, paths, progress=progress)
    if checked.problems:
        print_problems(checked.problems)
        err(t("validate_bad", files=checked.files, count=len(checked.problems)))
        raise typer.Exit(1)
    if not state(ctx).quiet:
        out(t("validate_ok", files=checked.files, items=checked.items))
