"""`checklist add --dept D --title T --owner O [--deadline DATE] [--type TYPE] [...]`: prints the new ID.

On a terminal, a missing required value is asked for, and each answer is
checked as it is typed (an unknown department, a date before the listing
day, a category the ledger does not know are refused at their own prompt).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from checklist.cli.common import guarded, out, state
from checklist.cli.complete import (
    complete_category,
    complete_department,
    complete_leader,
    complete_owner,
    complete_type,
    complete_unit,
)
from checklist.cli.options import ask, interactive
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

    app.command("add", help=t("help_add"), rich_help_panel=t("panel_clerk"))(add)


def _known(root: str | None) -> Any:
    """The ledger as read now, for the prompts' suggestions and checks (None when unreadable)."""
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
    kind: Annotated[Text, typer.Option("--type", metavar="TYPE", help=t("opt_type"), show_default=False, autocompletion=complete_type)] = None,
    category: Annotated[Text, typer.Option("--category", metavar="C", help=t("opt_category"), show_default=False, autocompletion=complete_category)] = None,
    measures: Annotated[Text, typer.Option("--measures", metavar="M", help=t("opt_measures"), show_default=False)] = None,
    target: Annotated[Text, typer.Option("--target", metavar="T", help=t("opt_target"), show_default=False)] = None,
    leader: Annotated[Text, typer.Option("--leader", metavar="L", help=t("opt_leader"), show_default=False, autocompletion=complete_leader)] = None,
    unit: Annotated[Text, typer.Option("--unit", metavar="U", help=t("opt_unit"), show_default=False, autocompletion=complete_unit)] = None,
    co_owner: Annotated[list[str] | None, typer.Option("--co-owner", metavar="P", help=t("opt_co_owner"), show_default=False, autocompletion=complete_owner)] = None,
    remarks: Annotated[Text, typer.Option("--remarks", metavar="R", help=t("opt_remarks"), show_default=False)] = None,
    source: Annotated[Text, typer.Option("--source", metavar="S", help=t("opt_source"), show_default=False)] = None,
    partner: Annotated[list[str] | None, typer.Option("--partner", metavar="P", help=t("opt_partner"), show_default=False)] = None,
    created_on: Annotated[Text, typer.Option("--created-on", metavar="DATE", help=t("opt_created_on"), show_default=False)] = None,
    file: Annotated[Text, typer.Option("--file", metavar="F", help=t("opt_file"), show_default=False)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.domain.dates import parse_date
    from checklist.ledger import edits

    root = state(ctx).root
    chosen = type_option(kind) if kind is not None else None
    created = parse_date(created_on) if created_on is not None else None
    needs_deadline = chosen not in ("ongoing", "immediate")
    wanted = (("--dept", dept), ("--title", title), ("--owner", owner), ("--deadline", deadline if needs_deadline else ""))
    missing = [name for name, value in wanted if value is None]
    if missing and not interactive():
        from checklist.errors import UsageError

        raise UsageError("missing_option", option=", ".join(missing))
    ledger = _known(root) if missing else None
    if dept is None:
        dept = _ask_dept(ledger)
    if title is None:
        title = ask("prompt_title", "--title")
    if owner is None:
        from checklist.domain.names import distinct_persons

        listed = (r.owner for r in ledger.records() if r.code == dept) if ledger else ()
        owner = ask("prompt_owner", "--owner", sorted(distinct_persons(listed)))
    due = parse_date(deadline) if deadline else None
    if deadline is None and needs_deadline:
        due = ask("prompt_deadline", "--deadline", check=lambda answer: _deadline(answer, created))
        if category is None and ledger is not None and ledger.config.categories:
            category = ask("prompt_category", "--category", ledger.config.categories, default="",
                           check=lambda answer: _category(answer, ledger.config.categories)) or None
    fields = entries.NewItem(
        title=title, owner=owner, deadline=due, category=category, measures=measures, source=source,
        partners=partner, type=chosen, created_on=created, target=target, leader=leader, unit=unit,
        co_owners=co_owner or [], remarks=remarks,
    )
    outcome = edits.add(root, dept, fields, file=file, commit_change=not no_commit)
    out(outcome.id)


def _ask_dept(ledger: Any) -> str:
    """The department, asked for until the answer names one of the ledger's (code, name or alias)."""
    from checklist.ledger.departments import resolve

    known = [f"{c} {n}" for c, n in ledger.departments()] if ledger else None

    def check(answer: str) -> str:
        if ledger is None:
            return answer.split(" ")[0]
        code, _ = resolve(ledger, answer.split(" ")[0] if answer.split(" ")[0] in {c for c, _ in ledger.departments()} else answer)
        return code

    return str(ask("prompt_dept", "--dept", known, check=check))


def _deadline(answer: str, created: date | None) -> date:
    """A deadline as typed at the prompt: a DATE, not before the day the item is listed."""
    from checklist.domain.dates import parse_date, today
    from checklist.errors import ChecklistError

    due = parse_date(answer)
    listed = created or today()
    if due < listed:
        raise ChecklistError("edit_deadline_before_created", date=due.isoformat(), created=listed.isoformat())
    return due


def _category(answer: str, categories: list[str]) -> str:
    """A category as typed at the prompt: empty (none) or one of the ledger's."""
    from checklist.errors import ChecklistError
    from checklist.problems import did_you_mean

    if not answer or answer in categories:
        return answer
    hint = did_you_mean(answer, categories)
    raise ChecklistError("imp_bad_category_hint" if hint else "imp_bad_category", value=answer,
                         choices="、".join(categories), hint=hint or "")
