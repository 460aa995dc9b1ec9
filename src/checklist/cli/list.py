"""`checklist list [PATHS]`: the items, filtered, attention first."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from checklist.cli.common import guarded, out
from checklist.cli.complete import (
    complete_category,
    complete_department,
    complete_leader,
    complete_owner,
    complete_type,
    complete_unit,
)
from checklist.cli.options import day
from checklist.cli.report import check_format
from checklist.cli.values import type_option
from checklist.errors import UsageError
from checklist.i18n import t

if TYPE_CHECKING:
    import typer


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    app.command("list", help=t("help_list"), rich_help_panel=t("panel_office"))(list_items)


@guarded
def list_items(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
    dept: Annotated[str | None, typer.Option("--dept", "-d", metavar="D", help=t("rpt_opt_dept"), show_default=False, autocompletion=complete_department)] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="O", help=t("rpt_opt_owner"), show_default=False, autocompletion=complete_owner)] = None,
    category: Annotated[str | None, typer.Option("--category", metavar="C", help=t("rpt_opt_category"), show_default=False, autocompletion=complete_category)] = None,
    leader: Annotated[str | None, typer.Option("--leader", metavar="L", help=t("rpt_opt_leader"), show_default=False, autocompletion=complete_leader)] = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="U", help=t("rpt_opt_unit"), show_default=False, autocompletion=complete_unit)] = None,
    kind: Annotated[str | None, typer.Option("--type", metavar="TYPE", help=t("opt_type"), show_default=False, autocompletion=complete_type)] = None,
    state_: Annotated[str | None, typer.Option("--state", "-s", metavar="S", help=t("rpt_opt_state"), show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=t("rpt_opt_as_of"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("rpt_opt_format", choices="table, json, csv, markdown"))] = "table",
) -> None:
    from checklist.domain.states import STATE_FILTERS, state_filter
    from checklist.render import FORMATS

    fmt = check_format(fmt, FORMATS)
    if state_ is not None:
        given, state_ = state_, state_filter(state_)
        if state_ is None:
            raise UsageError("rpt_bad_state", value=given, choices=", ".join(STATE_FILTERS))
    if kind is not None:
        kind = type_option(kind)
    day_ = day(as_of, blank_is_today=False)
    _list(ctx, paths, day_, fmt, dept, owner, category, state_, {"leader": leader, "unit": unit, "kind": kind})


def _list(ctx: typer.Context, paths: list[str] | None, day_: date, fmt: str, dept: str | None,
          owner: str | None, category: str | None, state_: str | None, more: dict[str, str | None]) -> None:
    from checklist.cli import partial

    ledger, left = partial.usable_ledger(ctx, paths, compact=fmt in ("table", "markdown"))
    _show_list(ledger, left, day_, fmt, dept, owner, category, state_, more)
    if left:
        raise SystemExit(1)  # listed, but not every department: say so by the exit code too


def _show_list(ledger: Any, left: list[dict[str, Any]], day_: date, fmt: str, dept: str | None,
               owner: str | None, category: str | None, state_: str | None, more: dict[str, str | None]) -> None:
    from checklist.cli.partial import lines, with_notice
    from checklist.domain.states import select

    if dept is not None:
        from checklist.ledger.departments import resolve

        dept, _ = resolve(ledger, dept)
    views = select(ledger.records(), day_, ledger.policy(),
                   dept=dept, owner=owner, category=category, state=state_, **more)
    if fmt == "json":
        from checklist.render import json as render_json

        out(render_json.items(views))  # SPEC's array: the departments left out are named on stderr
    elif fmt == "csv":
        from checklist.render import csv as render_csv

        out(str(with_notice("csv", render_csv.items(views, ledger.config.money_unit), left)))
    elif fmt == "markdown":
        from checklist.render import markdown

        out(str(with_notice("markdown", markdown.items(views), left)))
    else:
        from checklist.render import table

        if left:
            out("\n".join(lines(left)) + "\n\n")
        table.items(views)
