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
    from checklist.ledger.cache import cache_dir

    item_id, entries = item_history(root, config.lists, item_id, cache_dir())
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
            rows.append([*head, label(change["field"]), worded(change["field"], change["old"]),
                         worded(change["field"], change["new"])])
    emit(fmt, headers, rows, t("history_title", id=item_id), no_wrap=(0, 1, 4))


def label(field: str) -> str:
    """A field's name in the interface language (整改进展 for progress); an unknown key as written."""
    from checklist.i18n import column

    try:
        return column(field)
    except KeyError:
        return field


def worded(field: str, value: Any) -> str:
    """A value as `show` words it (a progress entry as its date and note, a choice in words)."""
    from checklist.render import field_text

    if value is None:
        return ""
    try:
        return field_text(field, {field: [value] if isinstance(value, dict) else value}) or shown(value)
    except (KeyError, TypeError, ValueError, IndexError):
        return shown(value)


def blocks(entries: list[dict[str, Any]], title: str) -> str:
    """History for a terminal: one block a commit, one line a changed field (old → new), field
    names and values in the interface language, continuation lines under the value, colour on a TTY.

    A table of seven columns leaves a Chinese title a few characters a line on
    an 80-column terminal; this layout gives the values the whole width.
    """
    from checklist.render.grid import Out, cell_len, wrap

    screen = Out()
    lines = [screen.style(title, "bold"), ""]
    for entry in entries:
        when = entry["date"][:16].replace("T", " ")
        lines.append(screen.style(f"{entry['commit'][:8]}  {when}  {entry['author']}  {entry['subject']}", "bold"))
        names = [label(c["field"]) for c in entry["changes"]]
        width = max((cell_len(n) for n in names), default=0)
        for name, change in zip(names, entry["changes"], strict=True):
            old, new = worded(change["field"], change["old"]), worded(change["field"], change["new"])
            if old and new:
                text, style = f"{old} → {new}", ""
            elif new:
                text, style = f"+ {new}", "green"
            else:
                text, style = f"- {old}", "red"
            indent = 4 + width + 2
            body = wrap(text, max(20, screen.width - indent))
            lines.append("    " + name + " " * (width - cell_len(name)) + "  " + screen.style(body[0], style))
            lines += [" " * indent + screen.style(more, style) for more in body[1:]]
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
