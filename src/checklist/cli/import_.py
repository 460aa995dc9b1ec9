"""`checklist import FILE --dept D [--dry-run]`: add a spreadsheet's rows as items, all or none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from checklist.cli.common import err, guarded, out, state
from checklist.cli.complete import complete_department
from checklist.cli.options import NoCommit
from checklist.i18n import column, t

if TYPE_CHECKING:
    from checklist.ledger.spreadsheet import Sheet

def register(app: typer.Typer) -> None:
    app.command("import", help=t("help_import"), rich_help_panel=t("panel_clerk"))(import_sheet)


@guarded
def import_sheet(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help=t("arg_import_file"), show_default=False)],
    dept: Annotated[str, typer.Option("--dept", metavar="D", help=t("opt_import_dept"), show_default=False, autocompletion=complete_department)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("opt_dry_run"))] = False,
    no_commit: NoCommit = False,
) -> None:
    from checklist.ledger import edits
    from checklist.ledger.departments import resolve
    from checklist.ledger.files import open_ledger

    quiet = state(ctx).quiet
    root = state(ctx).root
    ledger = open_ledger(root)  # no ledger: a usage error before the sheet is read
    code, name = resolve(ledger, dept)
    sheet = _read(Path(file), file, ledger.config.categories, quiet)
    if sheet.problems:
        for problem in sheet.problems:
            err(problem.format())
        err(t("imp_bad_rows", count=len(sheet.problems)))
        raise typer.Exit(1)
    if sheet.ignored and not quiet:
        err(t("imp_ignored", columns="、".join(sheet.ignored)))
    if not sheet.rows:
        from checklist.errors import ChecklistError

        raise ChecklistError("imp_empty", file=file)
    items = [fields for _, fields in sheet.rows]
    if dry_run:
        _show(sheet, edits.next_ids(ledger, code, len(items)))
        if not quiet:
            err(t("imp_dry_run", count=len(items), dept=f"{code} {name}"))
        return
    outcome = edits.add_many(root, code, items, label=Path(file).name, commit_change=not no_commit)
    if quiet:
        out("\n".join(outcome.ids))
        return
    out(t("imp_done", count=len(outcome.ids), file=outcome.file, first=outcome.ids[0], last=outcome.ids[-1]))
    if outcome.committed:
        err(t("done_committed", subject=f"import {len(outcome.ids)} items: {Path(file).name}"))


def _read(path: Path, display: str, categories: list[str], quiet: bool) -> Sheet:
    """The sheet; a big one that takes over a second shows a progress bar on a terminal."""
    from checklist.cli.common import progress_bar
    from checklist.ledger.spreadsheet import read_sheet

    with progress_bar(enabled=not quiet) as progress:
        return read_sheet(path, display, categories, progress)


def _show(sheet: Sheet, ids: list[str]) -> None:
    from checklist.render import text
    from checklist.render.grid import Col, Out, grid

    output = Out()
    cols = [Col(t("imp_col_row"), right=True), Col(column("id")), Col(column("title"), wrap=True, flex=True),
            Col(column("owner"), wrap=True, max_width=10), Col(column("deadline")),
            Col(column("category"), wrap=True, max_width=10)]
    rows = [[str(number), new_id, fields.title, fields.owner, text(fields.deadline), fields.category or ""]
            for (number, fields), new_id in zip(sheet.rows, ids, strict=True)]
    output.file.write("\n".join(grid(output, cols, rows)) + "\n")
