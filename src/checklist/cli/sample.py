"""`checklist sample [PATHS] [--n N] [--seed S] [--dept D] [--state done|verified] [--format F]`:
done items picked for 回头看, the same ones for the same ledger, seed and options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import err, guarded, out, state
from checklist.cli.complete import complete_department
from checklist.cli.options import day
from checklist.cli.output import write_output
from checklist.cli.report import check_format, valid_ledger
from checklist.cli.values import whole_number
from checklist.errors import UsageError
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.domain.states import ItemView
    from checklist.ledger.files import Ledger

FORMATS = ("table", "json", "csv", "markdown", "xlsx")
STATES = {"done": "done", "已完成": "done", "verified": "verified", "已销号": "verified"}


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    app.command("sample", help=t("help_sample"), rich_help_panel=t("panel_office"))(sample)


@guarded
def sample(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
    n: Annotated[str, typer.Option("--n", "-n", metavar="N", help=t("opt_sample_n"))] = "10",
    seed: Annotated[str | None, typer.Option("--seed", metavar="S", help=t("opt_sample_seed"), show_default=False)] = None,
    dept: Annotated[str | None, typer.Option("--dept", "-d", metavar="D", help=t("opt_sample_dept"), show_default=False, autocompletion=complete_department)] = None,
    each_dept: Annotated[bool, typer.Option("--each-dept", help=t("opt_sample_each_dept"))] = False,
    state_: Annotated[str, typer.Option("--state", "-s", metavar="S", help=t("opt_sample_state"))] = "done",
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=t("opt_sample_as_of"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("rpt_opt_format", choices=", ".join(FORMATS)))] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help=t("opt_sample_output"), show_default=False)] = None,
) -> None:
    from checklist.domain.followup import sample as draw
    from checklist.domain.states import select

    fmt = check_format(fmt, FORMATS)
    if fmt == "xlsx" and output is None:
        raise UsageError("rpt_needs_output", format=fmt)
    count = whole_number(n, "sample_bad_n")
    wanted = STATES.get(state_.strip().lower())
    if wanted is None:
        raise UsageError("sample_bad_state", value=state_)
    day_ = day(as_of, blank_is_today=False)
    seed_ = seed if seed is not None else day_.isoformat()
    ledger = valid_ledger(ctx, paths)
    if dept is not None:
        from checklist.ledger.departments import resolve

        dept, _ = resolve(ledger, dept)
    done = [v for v in select(ledger.records(), day_, ledger.policy(), dept=dept, state=wanted) if v.record.closed_on]
    done.sort(key=lambda v: (v.record.code, v.record.id))  # ledger order, never the order files were read in
    chosen = draw(done, count, seed_, lambda v: v.record.id, group=(lambda v: v.record.code) if each_dept else None)
    title = t("sample_title", n=len(chosen), total=len(done), seed=seed_)
    if _emit(chosen, fmt, title, output, ledger) and not state(ctx).quiet:
        err(t("rpt_wrote", path=str(output)))


def _emit(chosen: list[ItemView], fmt: str, title: str, output: str | None, ledger: Ledger) -> bool:
    """Print or write the sample; True when a file was written."""
    from checklist.render import visit

    if fmt == "table" and output is None:
        visit.table(chosen, title)
        return False
    if fmt == "json":
        from checklist.render import json as render_json

        content = render_json.items(chosen)
    elif fmt == "csv":
        content = visit.csv(chosen)
    elif fmt == "markdown":
        content = visit.markdown(chosen, title)
    elif fmt == "xlsx":
        content = None
    else:  # a table into a file
        import io

        buf = io.StringIO()
        visit.table(chosen, title, file=buf)
        content = buf.getvalue()
    if content is None:
        return write_output(str(output), visit.xlsx(chosen, title), ledger)
    if output is None:
        out(content)
        return False
    return write_output(output, content.encode("utf-8"), ledger)
