"""`checklist add --dept D --title T --owner O --deadline DATE [...]`: prints the new ID."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from checklist.cli.common import guarded, out, state
from checklist.cli.complete import complete_category, complete_department, complete_owner
from checklist.cli.options import NoCommit, ask, interactive
from checklist.i18n import t

Text = str | None


def register(app: typer.Typer) -> None:
    app.command("add", help=t("help_add"), rich_help_panel=t("panel_clerk"))(add)


def _known(root: str | None) -> Any:
    """The ledger as read now, for the prompts' suggestions (None when unreadable)."""
    from checklist.errors import ChecklistError
    from checklist.ledger.files import open_ledger

    try:
        return open_ledger(root)
    except ChecklistError:
        return None


@guarded
def add(
    ctx: typer.Context,
    dept: Annotated[Text, typer.Option("--dept", metavar="D", help=t("opt_dept"), show_default=False, autocompletion=complete_department)] = None,
    title: Annotated[Text, typer.Option("--title", metavar="T", help=t("opt_title"), show_default=False)] = None,
    owner: Annotated[Text, typer.Option("--owner", metavar="O", help=t("opt_owner"), show_default=False, autocompletion=complete_owner)] = None,
    deadline: Annotated[Text, typer.Option("--deadline", metavar="DATE", help=t("opt_deadline"), show_default=False)] = None,
    category: Annotated[Text, typer.Option("--category", metavar="C", help=t("opt_category"), show_default=False, autocompletion=complete_category)] = None,
    measures: Annotated[Text, typer.Option("--measures", metavar="M", help=t("opt_measures"), show_default=False)] = None,
    source: Annotated[Text, typer.Option("--source", metavar="S", help=t("opt_source"), show_default=False)] = None,
    partner: Annotated[list[str] | None, typer.Option("--partner", metavar="P", help=t("opt_partner"), show_default=False)] = None,
    file: Annotated[Text, typer.Option("--file", metavar="F", help=t("opt_file"), show_default=False)] = None,
    no_commit: NoCommit = False,
) -> None:
    from checklist.domain import transitions
    from checklist.domain.dates import parse_date
    from checklist.ledger import edits

    root = state(ctx).root
    missing = [name for name, value in (("--dept", dept), ("--title", title), ("--owner", owner), ("--deadline", deadline)) if value is None]
    if missing and not interactive():
        from checklist.errors import UsageError

        raise UsageError("missing_option", option=", ".join(missing))
    ledger = _known(root) if missing else None
    if dept is None:
        dept = ask("prompt_dept", "--dept", [f"{c} {n}" for c, n in ledger.departments()] if ledger else None).split(" ")[0]
    if title is None:
        title = ask("prompt_title", "--title")
    if owner is None:
        from checklist.domain.names import distinct_persons

        listed = (r.owner for r in ledger.records() if dept in (r.code, r.department) or r.code == dept.upper()) if ledger else ()
        owners = sorted(distinct_persons(listed))
        owner = ask("prompt_owner", "--owner", owners)
    if deadline is None:
        while True:
            deadline = ask("prompt_deadline", "--deadline")
            try:
                parse_date(deadline)
                break
            except Exception as exc:  # a bad date on a terminal: say why and ask again
                from checklist.cli.common import err

                err(str(exc))
        if category is None and ledger is not None and ledger.config.categories:
            category = ask("prompt_category", "--category", ledger.config.categories, default="") or None
    fields = transitions.NewItem(
        title=title, owner=owner, deadline=parse_date(deadline), category=category,
        measures=measures, source=source, partners=partner,
    )
    outcome = edits.add(root, dept, fields, file=file, commit_change=not no_commit)
    out(outcome.id)
