"""`checklist import FILE [--dept D] [--sheet NAME] [--dry-run] [--update] [--closed-on DATE]
[--verified-by WHO]`: a 台账's rows as items, all or none, in one commit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import err, guarded, out, state
from checklist.cli.complete import complete_department
from checklist.i18n import column, t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params
    from checklist.ledger.spreadsheet import Plan


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("import", help=t("help_import"), rich_help_panel=t("panel_clerk"))(import_sheet)


@guarded
def import_sheet(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help=t("arg_import_file"), show_default=False)],
    dept: Annotated[str | None, typer.Option("--dept", metavar="D", help=t("opt_import_dept"), show_default=False, autocompletion=complete_department)] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="NAME", help=t("opt_import_sheet"), show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("opt_dry_run"))] = False,
    update: Annotated[bool, typer.Option("--update", help=t("opt_import_update"))] = False,
    closed_on: Annotated[str | None, typer.Option("--closed-on", metavar="DATE", help=t("opt_import_closed_on"), show_default=False)] = None,
    verified_by: Annotated[str | None, typer.Option("--verified-by", metavar="WHO", help=t("opt_import_verified_by"), show_default=False)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain.dates import parse_date
    from checklist.errors import ChecklistError
    from checklist.ledger.files import open_ledger
    from checklist.ledger.spreadsheet import Options, read_sheet

    quiet = state(ctx).quiet
    root = state(ctx).root
    ledger = open_ledger(root)  # no ledger: a usage error before the sheet is read
    options = Options(dept, sheet, parse_date(closed_on) if closed_on else None, verified_by, update)
    plan = read_sheet(Path(file), file, ledger, options)
    if plan.problems:
        for problem in plan.problems:
            err(plan.format(problem))
        err(t("imp_bad_rows", count=len({p.row for p in plan.problems})))
        raise SystemExit(1)
    if (plan.ignored or dry_run) and not quiet:
        err(t("imp_ignored", columns="、".join(plan.ignored) or t("imp_none")))
    if not plan.new and not plan.edits and not plan.duplicates:
        raise ChecklistError("imp_empty", file=file)
    if dry_run:
        from checklist.ledger.sheet_write import new_ids

        if plan.new or plan.edits:
            _show(plan, new_ids(ledger, plan))
        _notes(plan, quiet, True)
        if not quiet:
            for code, name in plan.names.items():
                new, edits = sum(n.code == code for n in plan.new), sum(e.code == code for e in plan.edits)
                if new or edits:
                    err(t("imp_dry_run_dept", dept=f"{code} {name}", count=new, edits=edits))
            err(t("imp_dry_run", count=len(plan.new), edits=len(plan.edits)))
        return
    _notes(plan, quiet, False)
    if not plan.new and not plan.edits:
        if not quiet:
            out(t("imp_nothing_new", count=len(plan.duplicates)))
        return
    from checklist.ledger.sheet_write import apply

    done = apply(root, plan, commit_change=not no_commit)
    if quiet:
        out("\n".join([i for ids in done.added.values() for i in ids] + done.edited))
        return
    for code, ids in done.added.items():
        out(t("imp_done", count=len(ids), file=done.file_of[code], first=ids[0], last=ids[-1]))
    if done.edited:
        out(t("imp_updated", count=len(done.edited), ids="、".join(done.edited)))
    if done.committed:
        err(t("imp_committed", files=" ".join(done.files)))


def _notes(plan: Plan, quiet: bool, dry_run: bool) -> None:
    """The rows left alone: items already in the ledger, and changes import does not make."""
    if quiet:
        return
    if not plan.update or dry_run:
        same = "imp_unchanged" if plan.update else "imp_duplicate"
        for row, item_id, title in plan.duplicates:
            err(f"{plan.file}:{row}: " + t(same, id=item_id, title=title))
    if plan.duplicates:
        err(t("imp_unchanged_count" if plan.update else "imp_duplicates", count=len(plan.duplicates)))
    for row, item_id, _name in plan.skipped:
        err(f"{plan.file}:{row}: " + t("imp_not_reopened", id=item_id))


def _show(plan: Plan, ids: list[str]) -> None:
    from checklist.render import text
    from checklist.render.grid import Col, Out, grid

    output = Out()
    cols = [Col(t("imp_col_row"), right=True), Col(column("id")), Col(column("title"), wrap=True, flex=True),
            Col(column("owner"), wrap=True, max_width=10), Col(column("deadline")), Col(column("status"), wrap=True, max_width=16),
            Col(column("category"), wrap=True, max_width=10)]
    rows = [[str(new.number), new_id, new.item["title"], new.item["owner"],
             text(new.item.get("deadline")) or t("imp_no_deadline"), _state(new.item), new.item.get("category", "")]
            for new, new_id in zip(plan.new, ids, strict=True)]
    for edit in plan.edits:
        changed = "、".join(dict.fromkeys(column(name) for name, _ in edit.changes.steps))
        rows.append([str(edit.number), edit.id, edit.title, "", "", t("imp_state_update", fields=changed), ""])
    rows.sort(key=lambda r: int(r[0]))
    output.file.write("\n".join(grid(output, cols, rows)) + "\n")


def _state(item: dict[str, object]) -> str:
    words = [t(f"imp_state_{item['status']}")]
    if item.get("type") in ("ongoing", "immediate"):
        words.append(t(f"imp_type_{item['type']}"))
    if item.get("closed_on") is not None:
        words.append(str(item["closed_on"]))
    if item.get("percent") is not None and item["status"] == "open":
        words.append(f"{item['percent']}%")
    return " ".join(words)
