"""`checklist init [DIR]`: create a ledger; never overwrites checklist.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checklist.cli.common import guarded, out, state
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("init", help=t("help_init"), rich_help_panel=t("panel_setup"))(init)


@guarded
def init(
    ctx: typer.Context,
    directory: Annotated[str, typer.Argument(metavar="DIR", help=t("arg_init_dir"))] = ".",
) -> None:
    from checklist.ledger.init import init_ledger

    actions = init_ledger(Path(directory))
    if not state(ctx).quiet:
        for key, params in actions:
            out(t(key, **params))
        out(t("init_done", path=directory))
