"""`checklist notice [PATHS] [--dept D] [--as-of DATE] [--format docx|markdown|html] --output DIR`:
one 催办/督办/约谈 notice per department with overdue or due-soon items."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import guarded, out
from checklist.cli.complete import complete_department
from checklist.cli.options import day
from checklist.cli.output import write_output
from checklist.cli.report import check_format, valid_ledger
from checklist.cli.values import whole_number
from checklist.errors import ChecklistError, UsageError
from checklist.i18n import t

if TYPE_CHECKING:
    import typer


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    app.command("notice", help=t("help_notice"), rich_help_panel=t("panel_office"))(notice)


@guarded
def notice(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
    dept: Annotated[str | None, typer.Option("--dept", "-d", metavar="D", help=t("opt_notice_dept"), show_default=False, autocompletion=complete_department)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=t("rpt_opt_as_of"), show_default=False)] = None,
    reply_by: Annotated[str | None, typer.Option("--reply-by", metavar="DATE", help=t("opt_notice_reply_by"), show_default=False)] = None,
    first_number: Annotated[str, typer.Option("--first-number", metavar="N", help=t("opt_notice_first_number"))] = "1",
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("rpt_opt_format", choices="docx, markdown, html"))] = "docx",
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="DIR", help=t("opt_notice_output"), show_default=False)] = None,
) -> None:
    from checklist.domain.dates import parse_date, shift
    from checklist.domain.notices import build_notices
    from checklist.domain.states import select
    from checklist.ledger.disk import os_reason
    from checklist.render import notice as render

    fmt = check_format(fmt, render.FORMATS)
    if output is None:
        raise UsageError("notice_needs_output")
    day_ = day(as_of, blank_is_today=False)
    reply = parse_date(reply_by, day_) if reply_by is not None else shift(day_, 3)
    if reply < day_:
        raise UsageError("notice_reply_before", reply_by=reply.isoformat(), as_of=day_.isoformat())
    number = whole_number(first_number, "notice_bad_number")
    ledger = valid_ledger(ctx, paths)
    if dept is not None:
        from checklist.ledger.departments import resolve

        dept, _ = resolve(ledger, dept)
    notices = build_notices(select(ledger.records(), day_, ledger.policy(), dept=dept), day_, reply, number)
    if not notices:
        out(t("notice_nothing", as_of=day_.isoformat()))
        return
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise ChecklistError("notice_output_not_folder", path=output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ChecklistError("rpt_cannot_write", path=output, reason=os_reason(exc)) from None
    issuer = ledger.config.report.issuer
    for n in notices:
        path = folder / render.file_name(n, fmt)
        content = render.docx(n, issuer) if fmt == "docx" else (
            render.markdown(n, issuer) if fmt == "markdown" else render.html(n, issuer)).encode("utf-8")
        write_output(str(path), content, ledger)
        out(t("notice_wrote", path=str(path), department=n.department, kind=render.kind_title(n), count=len(n.items)))

