"""Terminal tables (rich): the report with traffic lights (红黄绿灯) and
completion bars, the item list, one item in full.

rich measures East Asian wide characters, so Chinese text lines up; long
titles wrap, IDs and dates never do. Colour only on a terminal without
NO_COLOR (rich's own rule); piped output is plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from checklist.i18n import t
from checklist.ledger import Record
from checklist.render import as_of_line, category_name, headline, item_fields, pct, state_label, text
from checklist.report import ItemView

COLOURS = {"overdue": "red", "due_soon": "yellow", "on_track": "green", "done": "cyan"}
BAR_WIDTH = 8


def console(file: IO[str] | None = None) -> Console:
    """A console on stdout (or file), plain when it is not a terminal or NO_COLOR is set."""
    return Console(file=file or sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=False)


def emit(renderable: RenderableType, file: IO[str] | None = None) -> None:
    """Print a renderable; plain output loses the trailing blanks rich pads lines with."""
    con = console(file)
    if con.is_terminal:
        con.print(renderable)
        return
    with con.capture() as cap:
        con.print(renderable)
    lines = [line.rstrip() for line in cap.get().splitlines()]
    con.file.write("\n".join(lines).strip("\n") + "\n")


def _t(value: Any, style: str = "") -> Text:
    # Text, never markup: a title like "[整改]" must print as written.
    return Text(text(value), style=style)


def _count(n: int, colour: str) -> Text:
    return Text(str(n), style=f"bold {colour}" if n else "dim")


def bar(rate: float, width: int = BAR_WIDTH) -> Text:
    """A completion bar: filled cells in the traffic-light colour of the rate, then the percentage."""
    filled = round(rate * width)
    colour = "green" if rate >= 0.8 else "yellow" if rate >= 0.5 else "red"
    out = Text("█" * filled, style=colour)
    out.append("░" * (width - filled), style="dim")
    out.append(f" {pct(rate):>6}")
    return out


def _table(title: str | None = None) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 padding=(0, 1, 0, 0), pad_edge=False, show_edge=False, header_style="bold")


def _narrow(header: str) -> int:
    """The narrowest width that wraps a header onto two lines at most (CJK breaks anywhere)."""
    if " " in header or cell_len(header) == len(header):
        return max(len(word) for word in header.split())
    half = -(-len(header) // 2)
    return 2 * half


def ranking(data: Mapping[str, Any], width: int = 80) -> Table:
    """Departments ranked, with counts in traffic-light colours and a completion bar."""
    tab = _table(t("rpt_sec_departments"))
    rows = [(str(n), d) for n, d in enumerate(data["departments"], 1)]
    keys = ("total", "done", "overdue", "due_soon", "on_track")
    heads = {k: t(f"rpt_col_{k}") for k in (*keys, "rank", "on_time_rate", "completion_rate", "department")}
    digits = len(str(data["totals"]["total"]))
    names = max((cell_len(d["department"]) for _, d in rows), default=0)
    natural = (sum(max(cell_len(heads[k]), digits) for k in keys) + cell_len(heads["rank"])
               + max(names, cell_len(heads["department"])) + BAR_WIDTH + 7 + cell_len(heads["on_time_rate"]) + 2 * 8)
    # Too wide for the terminal: number headers wrap (即将/到期) so the department names keep their room.
    fixed = natural > width
    tab.add_column(heads["rank"], justify="right", no_wrap=not fixed, overflow="fold",
                   width=max(_narrow(heads["rank"]), len(str(len(rows)))) if fixed else None)
    tab.add_column(heads["department"], overflow="fold")
    for key in keys:
        tab.add_column(heads[key], justify="right", no_wrap=not fixed, overflow="fold",
                       width=max(_narrow(heads[key]), digits) if fixed else None)
    tab.add_column(heads["completion_rate"], no_wrap=True)
    tab.add_column(heads["on_time_rate"], justify="right", no_wrap=not fixed, overflow="fold",
                   width=max(_narrow(heads["on_time_rate"]), 6) if fixed else None)
    for i, (rank, d) in enumerate([*rows, ("", data["totals"])]):
        last = i == len(rows)
        tab.add_row(
            rank, _t(t("rpt_total_row") if last else d["department"], "bold" if last else ""),
            str(d["total"]), str(d["done"]), _count(d["overdue"], "red"), _count(d["due_soon"], "yellow"),
            _count(d["on_track"], "green"), bar(d["completion_rate"]), pct(d["on_time_rate"]),
            end_section=i == len(rows) - 1,
        )
    return tab


def _entries(title: str, entries: Sequence[Mapping[str, Any]], days_key: str, colour: str) -> Table:
    tab = _table(title)
    tab.add_column(t("rpt_col_id"), no_wrap=True)
    tab.add_column(t("rpt_col_department"), max_width=14, overflow="fold")
    tab.add_column(t("rpt_col_title"), ratio=1, min_width=12, overflow="fold")
    tab.add_column(t("rpt_col_owner"), max_width=10, overflow="fold")
    tab.add_column(t("rpt_col_deadline"), no_wrap=True)
    tab.add_column(t(f"rpt_col_{days_key}"), justify="right", no_wrap=True)
    for e in entries:
        tab.add_row(_t(e["id"], "bold"), _t(e["department"]), _t(e["title"]), _t(e["owner"]),
                    _t(e["deadline"]), Text(str(e[days_key]), style=f"bold {colour}"))
    return tab


def _since(title: str, ids: Sequence[str], lookup: Mapping[str, Record] | None) -> Table:
    tab = _table(title)
    tab.add_column(t("rpt_col_id"), no_wrap=True)
    tab.add_column(t("rpt_col_department"), max_width=14, overflow="fold")
    tab.add_column(t("rpt_col_title"), ratio=1, overflow="fold")
    for item_id in ids:
        r = lookup.get(item_id) if lookup else None
        tab.add_row(_t(item_id, "bold"), _t(r.department if r else ""), _t(r.title if r else ""))
    return tab


def _categories(data: Mapping[str, Any]) -> Table:
    tab = _table(t("rpt_sec_categories"))
    tab.add_column(t("rpt_col_category"), overflow="fold")
    for key in ("total", "done", "overdue"):
        tab.add_column(t(f"rpt_col_{key}"), justify="right", no_wrap=True)
    for c in data["categories"]:
        tab.add_row(_t(category_name(c["category"])), str(c["total"]), str(c["done"]), _count(c["overdue"], "red"))
    return tab


def report_renderable(data: Mapping[str, Any], due_soon_days: int,
                      lookup: Mapping[str, Record] | None = None, width: int = 80) -> RenderableType:
    """The whole report as one rich renderable."""
    parts: list[RenderableType] = [
        Text.assemble((t("rpt_title"), "bold"), "  ", (as_of_line(data), "dim")),
        _t(headline(data)),
        Text(""),
        ranking(data, width),
        Text(""),
    ]
    overdue_title = t("rpt_sec_overdue", count=len(data["overdue"]))
    soon_title = t("rpt_sec_due_soon", days=due_soon_days, count=len(data["due_soon"]))
    for title, entries, key, colour in ((overdue_title, data["overdue"], "days_overdue", "red"),
                                        (soon_title, data["due_soon"], "days_left", "yellow")):
        if entries:
            parts += [_entries(title, entries, key, colour), Text("")]
        else:
            parts += [Text.assemble((title, "bold"), "  ", t("rpt_none")), Text("")]
    if data["categories"]:
        parts += [_categories(data), Text("")]
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            title = t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key]))
            parts += [_since(title, data[key], lookup) if data[key]
                      else Text.assemble((title, "bold"), "  ", t("rpt_none")), Text("")]
    return Group(*parts[:-1])


def report(data: Mapping[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           file: IO[str] | None = None) -> None:
    """Print the report."""
    emit(report_renderable(data, due_soon_days, lookup, console(file).width), file)


def items(views: Sequence[ItemView], file: IO[str] | None = None) -> None:
    """Print the item list: state in its light colour, days overdue or left."""
    if not views:
        emit(Text(t("rpt_no_items")), file)
        return
    tab = _table()
    tab.add_column(t("rpt_col_id"), no_wrap=True)
    tab.add_column(t("rpt_col_state"), max_width=12, overflow="fold")
    tab.add_column(t("rpt_col_department"), max_width=12, overflow="fold")
    tab.add_column(t("rpt_col_title"), ratio=1, min_width=12, overflow="fold")
    tab.add_column(t("rpt_col_owner"), max_width=10, overflow="fold")
    tab.add_column(t("rpt_col_deadline"), no_wrap=True)
    tab.add_column(t("rpt_col_days"), justify="right", no_wrap=True)
    for v in views:
        colour = COLOURS[v.state]
        tab.add_row(_t(v.record.id, "bold"), _t(state_label(v), colour), _t(v.record.department),
                    _t(v.record.title), _t(v.record.owner), _t(v.record.deadline),
                    Text(str(v.days), style=colour) if v.state != "done" else Text(""))
    emit(tab, file)


def item(view: ItemView, file: IO[str] | None = None) -> None:
    """Print one item in full, label and value, its state in colour."""
    tab = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    tab.add_column(no_wrap=True, style="bold")
    tab.add_column(ratio=1, overflow="fold")
    state_text = state_label(view)
    for label, value in item_fields(view):
        style = COLOURS[view.state] if value.startswith(state_text) and label == t("rpt_col_state") else ""
        tab.add_row(_t(label), _t(value, style))
    emit(tab, file)
