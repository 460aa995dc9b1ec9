"""`checklist validate [PATHS]`: check every file, print every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.commands._common import err, guarded, out, print_problems, state
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("validate", help=t("help_validate"), rich_help_panel=t("panel_office"))(validate)


@guarded
def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="[PATHS]...", help=t("arg_paths"), show_default=False)] = None,
) -> None:
    from checklist.ledger import open_ledger

    ledger = open_ledger(state(ctx).root, paths, evidence=True)
    files = len(ledger.files)
    items = sum(len(d["items"]) for fd in ledger.files for d in fd.departments)
    if ledger.problems:
        print_problems(ledger.problems)
        err(t("validate_bad", files=files, count=len(ledger.problems)))
        raise typer.Exit(1)
    if not state(ctx).quiet:
        out(t("validate_ok", files=files, items=items))
