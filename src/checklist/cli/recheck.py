"""`checklist recheck ID --by WHO --result ok|rebound|false [--note TEXT] [--date DATE]`:
a follow-up check of a done item (回访/回头看); rebound and false reopen it, in one commit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, state
from checklist.cli.complete import complete_owner, complete_recheck_result
from checklist.cli.options import day, report
from checklist.cli.values import choice_option
from checklist.i18n import lang, t

if TYPE_CHECKING:
    import typer

    from checklist.cli import params


def register(app: typer.Typer) -> None:
    global typer, params  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    from checklist.cli import params

    app.command("recheck", help=t("help_recheck"), rich_help_panel=t("panel_office"))(recheck)


@guarded
def recheck(
    ctx: typer.Context,
    item_id: params.DoneIdArg,
    by: Annotated[str, typer.Option("--by", metavar="WHO", help=t("opt_recheck_by"), show_default=False, autocompletion=complete_owner)],
    result: Annotated[str, typer.Option("--result", metavar="RESULT", help=t("opt_recheck_result"), show_default=False, autocompletion=complete_recheck_result)],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=t("opt_recheck_note"), show_default=False)] = None,
    date: params.DateOpt = None,
    no_commit: params.NoCommit = False,
) -> None:
    from checklist.domain import followup
    from checklist.domain.fields import RECHECK
    from checklist.ledger import edits

    field = next(f for f in RECHECK if f.name == "result")
    chosen = choice_option(field, result, "bad_recheck_result_option")
    on = day(date)
    words = next(zh if lang() == "zh" else en for v, en, zh in field.choices if v == chosen)
    reason = t("recheck_reopen_reason", result=words, by=by)
    outcome = edits.edit_item(
        state(ctx).root, item_id, "recheck",
        lambda it: followup.op_recheck(it, by=by, result=chosen, note=note, on=on, reason=reason),
        commit_change=not no_commit,
    )
    report(ctx, outcome, "done_recheck_ok" if chosen == "ok" else "done_recheck_reopened", result=words)
