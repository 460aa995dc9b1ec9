"""`checklist validate [PATHS]`: check every file, print every problem."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import err, guarded, out, print_problems, progress_bar, state
from checklist.i18n import t

if TYPE_CHECKING:
    import typer


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

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
        raise SystemExit(1)
    if not state(ctx).quiet:
        out(t("validate_ok", files=checked.files, items=checked.items))
