"""`checklist show ID`: one item in full, with its state on the day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, out
from checklist.cli.complete import complete_any_id
from checklist.cli.options import day
from checklist.cli.report import check_format, valid_ledger
from checklist.i18n import t

if TYPE_CHECKING:
    import typer


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    app.command("show", help=t("help_show"), rich_help_panel=t("panel_office"))(show)


@guarded
def show(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help=t("rpt_arg_id"), show_default=False, autocompletion=complete_any_id)],
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=t("rpt_opt_as_of"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("rpt_opt_format", choices="table, json, csv, markdown"))] = "table",
) -> None:
    from checklist.domain.states import find, view
    from checklist.render import FORMATS

    fmt = check_format(fmt, FORMATS)
    day_ = day(as_of, blank_is_today=False)
    ledger = valid_ledger(ctx, paths)
    record = find(ledger.records(), item_id)
    if record is None:
        from checklist.domain.ids import normalize_id
        from checklist.domain.values import unknown_id

        raise unknown_id(item_id, "rpt_unknown_id", id=normalize_id(item_id))
    v = view(record, day_, ledger.policy())
    unit = ledger.config.money_unit
    if fmt == "json":
        from checklist.render import json as render_json

        out(render_json.item(v))
    elif fmt == "csv":
        from checklist.render import csv as render_csv

        out(render_csv.item(v, unit))
    elif fmt == "markdown":
        from checklist.render import markdown

        out(markdown.item(v, unit))
    else:
        from checklist.render import table

        table.item(v, unit=unit)
