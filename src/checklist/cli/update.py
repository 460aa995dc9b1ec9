"""`checklist update ID [--title] [--owner] [--category] [--measures] [--source] [--target] [--leader]
[--unit] [--remarks] [--type] [--amount] [--recovered] [--co-owner]...`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from checklist.cli.common import guarded, state
from checklist.cli.complete import (
    complete_category,
    complete_leader,
    complete_owner,
    complete_type,
    complete_unit,
)
from checklist.cli.options import report
from checklist.cli.values import type_option
from checklist.i18n import t

Text = str | None


if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("update", help=t("help_update"), rich_help_panel=t("panel_clerk"))(update)


def _money(option: str, value: str) -> float | int | str:
    """--amount/--recovered: a number of 0 or more (empty: remove the field)."""
    from checklist.errors import UsageError

    text = value.strip().replace(",", "").replace("，", "")
    if not text:
        return ""
    try:
        number = float(text)
    except ValueError:
        raise UsageError("bad_money_option", option=option, value=value) from None
    if not 0 <= number < float("inf"):
        raise UsageError("bad_money_option", option=option, value=value)
    return int(number) if number.is_integer() and "." not in text else number


@guarded
def update(
    ctx: typer.Context,
    item_id: params.IdArg,
    title: Annotated[Text, typer.Option("--title", metavar="TEXT", help=t("opt_title"), show_default=False)] = None,
    owner: Annotated[Text, typer.Option("--owner", metavar="WHO", help=t("opt_owner"), show_default=False, autocompletion=complete_owner)] = None,
    category: Annotated[Text, typer.Option("--category", metavar="C", help=t("opt_category"), show_default=False, autocompletion=complete_category)] = None,
    measures: Annotated[Text, typer.Option("--measures", metavar="TEXT", help=t("opt_measures"), show_default=False)] = None,
    source: Annotated[Text, typer.Option("--source", metavar="TEXT", help=t("opt_source"), show_default=False)] = None,
    target: Annotated[Text, typer.Option("--target", metavar="TEXT", help=t("opt_target"), show_default=False)] = None,
    leader: Annotated[Text, typer.Option("--leader", metavar="WHO", help=t("opt_leader"), show_default=False, autocompletion=complete_leader)] = None,
    unit: Annotated[Text, typer.Option("--unit", metavar="U", help=t("opt_unit"), show_default=False, autocompletion=complete_unit)] = None,
    remarks: Annotated[Text, typer.Option("--remarks", metavar="TEXT", help=t("opt_remarks"), show_default=False)] = None,
    kind: Annotated[Text, typer.Option("--type", metavar="TYPE", help=t("opt_type"), show_default=False, autocompletion=complete_type)] = None,
    amount: Annotated[Text, typer.Option("--amount", metavar="N", help=t("opt_amount"), show_default=False)] = None,
    recovered: Annotated[Text, typer.Option("--recovered", metavar="N", help=t("opt_recovered"), show_default=False)] = None,
    co_owner: Annotated[list[str] | None, typer.Option("--co-owner", metavar="WHO", help=t("opt_co_owner_update"), show_default=False, autocompletion=complete_owner)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.errors import UsageError
    from checklist.ledger import edits

    given: dict[str, Any] = {"title": title, "owner": owner, "category": category, "measures": measures,
                             "source": source, "target": target, "leader": leader, "unit": unit, "remarks": remarks}
    if kind is not None:
        given["type"] = type_option(kind) if kind.strip() else ""
    if amount is not None:
        given["amount"] = _money("--amount", amount)
    if recovered is not None:
        given["recovered"] = _money("--recovered", recovered)
    if co_owner is not None:
        given["co_owners"] = [name for name in co_owner if name.strip()]
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise UsageError("nothing_to_update")
    outcome = edits.edit_item(state(ctx).root, item_id, "update", lambda it: entries.op_update(it, changes=changes), commit_change=not no_commit)
    report(ctx, outcome, "done_update")
