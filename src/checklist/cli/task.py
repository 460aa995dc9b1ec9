"""`checklist task add ID TEXT [--owner O] [--deadline DATE]` and `checklist task done ID N [--date DATE]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import err, guarded, out, state
from checklist.cli.complete import complete_owner
from checklist.cli.options import day, report
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    group = type(app)(name="task", help=t("help_task"), no_args_is_help=True,
                      cls=app.info.cls, command_class=getattr(app, "command_class", None))  # type: ignore[call-arg]
    group.command("add", help=t("help_task_add"))(task_add)
    group.command("done", help=t("help_task_done"))(task_done)
    app.add_typer(group, name="task", help=t("help_task"), rich_help_panel=t("panel_clerk"))


@guarded
def task_add(
    ctx: typer.Context,
    item_id: params.OpenIdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help=t("arg_task_text"), show_default=False)],
    owner: Annotated[str | None, typer.Option("--owner", metavar="O", help=t("opt_task_owner"), show_default=False, autocompletion=complete_owner)] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", metavar="DATE", help=t("opt_task_deadline"), show_default=False)] = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.domain.dates import parse_date
    from checklist.ledger import edits

    due = parse_date(deadline) if deadline is not None else None
    numbers: list[int] = []

    def add(item: dict[str, object]) -> dict[str, object]:
        new = entries.op_task_add(item, task=text, owner=owner, deadline=due)
        numbers.append(len(new["tasks"]))
        return new

    outcome = edits.edit_item(state(ctx).root, item_id, "task-add", add, commit_change=not no_commit)
    out(str(numbers[-1]))  # like add's new ID: the number to mark it done with
    if outcome.committed and not state(ctx).quiet:
        err(t("done_committed", subject=f"{outcome.action} {outcome.id}: {outcome.title}"))


@guarded
def task_done(
    ctx: typer.Context,
    item_id: params.OpenIdArg,
    number: Annotated[int, typer.Argument(metavar="N", min=1, help=t("arg_task_number"), show_default=False)],
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import entries
    from checklist.ledger import edits

    on = day(date)
    outcome = edits.edit_item(state(ctx).root, item_id, "task-done", lambda it: entries.op_task_done(it, number=number, on=on),
                              commit_change=not no_commit)
    report(ctx, outcome, "done_task_done", number=number)
