"""`checklist report [PATHS]`: the meeting report, in any format, to the terminal or a file.

Also the helpers `list` and `show` share: reading a ledger that must be valid,
the day to report on, checking a --format.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

from checklist.cli.common import err, guarded, out, print_problems, progress_bar, state
from checklist.cli.options import day
from checklist.errors import UsageError
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.ledger.files import Ledger


def register(app: typer.Typer) -> None:
    global typer  # Typer reads this module's annotations; the module itself runs without it (cli/fast.py)
    import typer

    app.command("report", help=t("help_report"), rich_help_panel=t("panel_office"))(report)


def valid_ledger(ctx: typer.Context, paths: list[str] | None) -> Ledger:
    """The ledger (or PATHS), refusing to report on data that does not validate (exit 1)."""
    from checklist.ledger.files import open_ledger

    with progress_bar() as progress:
        ledger = open_ledger(state(ctx).root, paths, progress=progress)
    if ledger.problems:
        print_problems(ledger.problems)
        raise SystemExit(1)
    return ledger


def check_format(value: str, choices: tuple[str, ...]) -> str:
    """--format, lower-cased, or a usage error naming the choices."""
    fmt = value.strip().lower()
    if fmt not in choices:
        raise UsageError("rpt_bad_format", value=value, choices=", ".join(choices))
    return fmt


@guarded
def report(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help=t("arg_paths"), show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=t("rpt_opt_as_of"), show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help=t("rpt_opt_since"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("rpt_opt_format", choices="table, json, csv, markdown, html, xlsx, docx"))] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help=t("rpt_opt_output"), show_default=False)] = None,
    serial: Annotated[str | None, typer.Option("--serial", metavar="N", help=t("rpt_opt_serial"), show_default=False)] = None,
    full: Annotated[bool, typer.Option("--full", help=t("rpt_opt_full"))] = False,
) -> None:
    from checklist.cli.values import whole_number
    from checklist.domain.dates import parse_date
    from checklist.render import FILE_FORMATS, REPORT_FORMATS

    fmt = check_format(fmt, REPORT_FORMATS)
    if fmt in FILE_FORMATS and output is None:
        raise UsageError("rpt_needs_output", format=fmt)
    day_ = day(as_of, blank_is_today=False)
    since_ = parse_date(since, day_) if since is not None else None
    _report(ctx, paths, day_, since_, fmt, output, Deliverable(None if serial is None else whole_number(serial, "rpt_bad_serial"), full))


class Deliverable:
    """The options of the office's documents: the 通报's issue number, and --full (no per-department cap)."""

    def __init__(self, serial: int | None = None, full: bool = False) -> None:
        self.serial, self.full = serial, full


def _report(ctx: typer.Context, paths: list[str] | None, day_: date, since_: date | None, fmt: str,
            output: str | None, options: Deliverable | None = None) -> None:
    from checklist.cli import partial

    ledger, left = partial.usable_ledger(ctx, paths, compact=fmt in ("table", "json", "csv", "markdown"))
    _write_report(ctx, ledger, left, day_, since_, fmt, output, options or Deliverable())
    if left:
        raise SystemExit(1)  # reported, but not every department: say so by the exit code too


# What the last report read and computed, kept to the end of the process: a reading command on
# the fast path ends with os._exit (__main__), and freeing a million items' columns and entries
# one object at a time would cost a tenth of the report. The next report in the process replaces it.
_KEPT: list[object] = []


def _write_report(ctx: typer.Context, ledger: Ledger, left: list[dict[str, object]], day_: date,
                  since_: date | None, fmt: str, output: str | None, opts: Deliverable) -> None:
    from checklist.cli.partial import departments, lines, with_notice
    from checklist.domain.figures import report_of
    from checklist.domain.records import Record, columns
    from checklist.domain.tally import parts
    from checklist.ledger import index

    # The figures count the departments' tallies, kept in the read index; records are made only
    # when a format reads items one by one (--since's lookup, the xlsx sheet) or some file could
    # not be read through the index (then tallied now).
    records: list[Record] | None = ledger.records() if since_ is not None or fmt == "xlsx" else None
    found = index.parts(ledger.files) if records is None else None
    if found is None:
        records = ledger.records() if records is None else records
        found = parts(columns(records))
    dsd = ledger.config.due_soon_days
    unit = ledger.config.money_unit
    policy = ledger.policy()
    listed: int | None = None
    if fmt == "table":  # the terminal table lists only so many overdue and due-soon items: make no more
        from checklist.render import table

        listed = table.REPORT_ROWS
    data = report_of(found, day_, policy, since_, ledger.config.categories, departments(ledger, left),
                     ledger.config.accountability_measures, listed=listed)
    if left:
        data["left_out"] = left
    _KEPT[:] = [ledger, records, found, data]
    lookup = {r.id: r for r in records or ()} if since_ is not None else None
    content: str | bytes
    if fmt == "json":
        from checklist.render import json as render_json

        content = render_json.report(data)
    elif fmt == "csv":
        from checklist.render import csv as render_csv

        content = render_csv.report(data, dsd, lookup, unit)
    elif fmt == "markdown":
        from checklist.render import markdown

        content = markdown.report(data, dsd, lookup, unit)
    elif fmt == "html":
        from checklist.render import html

        head = ledger.config.report
        content = html.report(data, dsd, lookup, unit, title=head.title, issuer=head.issuer, full=opts.full)
    elif fmt == "docx":
        from checklist.render import docx_report

        head = ledger.config.report
        content = docx_report.report(data, dsd, issuer=head.issuer, title=head.title, closing=head.closing,
                                     serial=opts.serial, full=opts.full, unit=unit)
    elif fmt == "xlsx":
        from checklist.domain.states import select
        from checklist.render import xlsx

        head = ledger.config.report
        content = xlsx.report(data, dsd, select(records or (), day_, policy), lookup, unit, title=head.title,
                              issuer=head.issuer)
    else:
        from checklist.render import table

        if output is None:
            if left:
                out("\n".join(lines(left)) + "\n\n")
            table.report(data, dsd, lookup, unit=unit)
            return
        import io

        buf = io.StringIO()
        table.report(data, dsd, lookup, file=buf, unit=unit)
        content = buf.getvalue()
    content = with_notice(fmt, content, left)
    if output is None:
        assert isinstance(content, str)
        out(content)
        return
    from checklist.cli.output import write_output

    written = write_output(output, content.encode("utf-8") if isinstance(content, str) else content, ledger)
    if written and not state(ctx).quiet:
        err(t("rpt_wrote", path=output))
