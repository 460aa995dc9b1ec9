"""`checklist history ID`: one item's changes from the git history, field by field."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from checklist.cli.common import guarded, out, state
from checklist.cli.complete import complete_any_id
from checklist.cli.report import check_format
from checklist.i18n import t

FORMATS = ("table", "json", "csv", "markdown")


def register(app: typer.Typer) -> None:
    app.command("history", help=t("help_history"), rich_help_panel=t("panel_office"))(history)


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
    item_id: Annotated[str, typer.Argument(metavar="ID", help=t("arg_history_id"), show_default=False, autocompletion=complete_any_id)],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("opt_format_history"))] = "table",
) -> None:
    from checklist.git.history import item_history
    from checklist.ledger.config import locate_in_git

    fmt = check_format(fmt, FORMATS)
    root, config = locate_in_git(state(ctx).root)
    item_id, entries = item_history(root, config.lists, item_id)
    if fmt == "json":
        out(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    if fmt == "table":
        out(blocks(entries, t("history_title", id=item_id)))
        return
    headers = [t(k) for k in ("col_commit", "col_date", "col_author", "col_subject", "col_field", "col_old", "col_new")]
    rows = []
    for entry in entries:
        for index, change in enumerate(entry["changes"]):
            full = fmt != "table" or index == 0
            head = [entry["commit"][:8] if fmt == "table" else entry["commit"], entry["date"][:16].replace("T", " ") if fmt == "table" else entry["date"],
                    entry["author"], entry["subject"]] if full else ["", "", "", ""]
            rows.append([*head, change["field"], shown(change["old"]), shown(change["new"])])
    emit(fmt, headers, rows, t("history_title", id=item_id), no_wrap=(0, 1, 4))


def blocks(entries: list[dict[str, Any]], title: str) -> str:
    """History for a terminal: one block a commit, one line a changed field (old → new).

    A table of seven columns leaves a Chinese title a few characters a line on
    an 80-column terminal; this layout gives the values the whole width.
    """
    lines = [title, ""]
    for entry in entries:
        when = entry["date"][:16].replace("T", " ")
        lines.append(f"{entry['commit'][:8]}  {when}  {entry['author']}  {entry['subject']}")
        width = max((len(c["field"]) for c in entry["changes"]), default=0)
        for change in entry["changes"]:
            old, new = shown(change["old"]), shown(change["new"])
            if old and new:
                text = f"{old} → {new}"
            elif new:
                text = f"+ {new}"
            else:
                text = f"- {old}"
            lines.append(f"    {change['field'].ljust(width)}  {text}")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def emit(fmt: str, headers: list[str], rows: list[list[str]], title: str | None = None, no_wrap: tuple[int, ...] = ()) -> None:
    """Rows as a rich table, CSV or a Markdown table (the renderers the reports use)."""
    if fmt == "csv":
        from checklist.render.csv import rows_csv

        out(rows_csv([headers, *rows]))
        return
    if fmt == "markdown":
        from checklist.render.markdown import table as markdown_table

        out(markdown_table(headers, rows))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for index, header in enumerate(headers):
        table.add_column(header, overflow="fold", no_wrap=index in no_wrap)
    for row in rows:
        table.add_row(*row)
    Console(soft_wrap=False).print(table)
