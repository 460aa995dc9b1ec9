"""`checklist history ID`: one item's changes from the git history, field by field."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from checklist.commands._common import guarded, out, state
from checklist.i18n import t

FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    app.command("history", help=t("help_history"), rich_help_panel=t("panel_office"))(history)


def check_format(value: str) -> str:
    """A --format value among table and json, else a usage error."""
    from checklist.errors import UsageError

    if value not in FORMATS:
        raise UsageError("bad_format", value=value, choices=", ".join(FORMATS))
    return value


def shown(value: Any) -> str:
    """A field value as one table cell."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    return str(value)


@guarded
def history(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help=t("arg_history_id"), show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="table|json", help=t("opt_format_table_json"))] = "table",
) -> None:
    from checklist.history import item_history, locate

    check_format(fmt)
    root, lists, _ = locate(state(ctx).root)
    entries = item_history(root, lists, item_id)
    if fmt == "json":
        out(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=t("history_title", id=item_id.strip().upper()), show_lines=False)
    for key in ("col_commit", "col_date", "col_author", "col_subject", "col_field", "col_old", "col_new"):
        table.add_column(t(key), overflow="fold", no_wrap=key in ("col_commit", "col_date", "col_field"))
    for entry in entries:
        first = True
        for change in entry["changes"]:
            head = [entry["commit"][:8], entry["date"][:16].replace("T", " "), entry["author"], entry["subject"]] if first else ["", "", "", ""]
            table.add_row(*head, change["field"], shown(change["old"]), shown(change["new"]))
            first = False
    Console(soft_wrap=False).print(table)
