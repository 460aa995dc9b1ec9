"""Terminal tables: the report with traffic lights (红黄绿灯) and completion
bars, the item list, one item in full. Laid out by render.grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    MONEY_UNIT,
    as_of_line,
    category_name,
    deadline_text,
    flag_labels,
    headline,
    item_fields,
    pct,
    state_level,
    text,
)
from checklist.render.grid import Cell, Col, Out, grid, wrap

COLOURS = {"overdue": "red", "due_soon": "yellow", "on_track": "green", "ongoing": "blue", "done": "cyan"}
BAR_WIDTH = 8
# The terminal report lists at most this many overdue / due-soon items; `list --state` shows them all.
REPORT_ROWS = 50


def _count(n: int, colour: str) -> Cell:
    return (str(n), f"bold {colour}" if n else "dim")


def bar(rate: float, width: int = BAR_WIDTH) -> str:
    """A completion bar, then the percentage: ███░░░░░  33.3%."""
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled) + f" {pct(rate):>6}"


def ranking(out: Out, data: Mapping[str, Any]) -> list[str]:
    """Departments ranked, counts in traffic-light colours, a completion bar each."""
    keys = ("total", "done", "overdue", "due_soon", "on_track")
    cols = [Col(column("rank"), right=True, wrap=True), Col(column("department"), wrap=True, flex=True),
            *[Col(column(k), right=True, wrap=True) for k in keys],
            Col(column("completion_rate")), Col(column("on_time_rate"), right=True, wrap=True)]
    rows: list[list[Cell]] = []
    depts = data["departments"]
    for i, d in enumerate([*depts, data["totals"]]):
        last = i == len(depts)
        rate = d["completion_rate"]
        light = "green" if rate >= 0.8 else "yellow" if rate >= 0.5 else "red"
        rows.append([
            "" if last else str(i + 1), (t("rpt_total_row"), "bold") if last else d["department"],
            str(d["total"]), str(d["done"]), _count(d["overdue"], "red"), _count(d["due_soon"], "yellow"),
            _count(d["on_track"], "green"), (bar(rate), f"bar-{light}"), pct(d["on_time_rate"]),
        ])
    return grid(out, cols, rows, title=t("rpt_sec_departments"), sections=[len(depts)] if depts else [])


def _entries(out: Out, title: str, entries: Sequence[Mapping[str, Any]], days_key: str, colour: str) -> list[str]:
    cols = [Col(column("id")), Col(column("department"), wrap=True, max_width=14),
            Col(column("title"), wrap=True, flex=True), Col(column("owner"), wrap=True, max_width=10),
            Col(column("deadline")), Col(column(days_key), right=True, wrap=True)]
    shown = entries[:REPORT_ROWS]
    lines = grid(out, cols, [[(e["id"], "bold"), e["department"], e["title"], e["owner"], text(e["deadline"]),
                              (str(e[days_key]), f"bold {colour}")] for e in shown], title=title)
    if len(entries) > len(shown):
        state = "overdue" if days_key == "days_overdue" else "due_soon"
        lines.append(out.style(t("rpt_more", count=len(entries) - len(shown), state=state), "dim"))
    return lines


def _since(out: Out, title: str, ids: Sequence[str], lookup: Mapping[str, Record] | None) -> list[str]:
    cols = [Col(column("id")), Col(column("department"), wrap=True, max_width=14),
            Col(column("title"), wrap=True, flex=True)]
    rows: list[list[Cell]] = []
    for item_id in ids:
        r = lookup.get(item_id) if lookup else None
        rows.append([(item_id, "bold"), r.department if r else "", r.title if r else ""])
    return grid(out, cols, rows, title=title)


def _categories(out: Out, data: Mapping[str, Any]) -> list[str]:
    cols = [Col(column("category"), wrap=True, flex=True),
            *[Col(column(k), right=True) for k in ("total", "done", "overdue")]]
    return grid(out, cols, [[category_name(c["category"]), str(c["total"]), str(c["done"]), _count(c["overdue"], "red")]
                            for c in data["categories"]], title=t("rpt_sec_categories"))


def report_lines(out: Out, data: Mapping[str, Any], due_soon_days: int,
                 lookup: Mapping[str, Record] | None = None) -> list[str]:
    """The whole report, line by line."""
    lines = [out.style(t("rpt_title"), "bold") + "  " + out.style(as_of_line(data), "dim"),
             *wrap(headline(data), out.width), "", *ranking(out, data), ""]
    overdue_title = t("rpt_sec_overdue", count=len(data["overdue"]))
    soon_title = t("rpt_sec_due_soon", days=due_soon_days, count=len(data["due_soon"]))
    for title, entries, key, colour in ((overdue_title, data["overdue"], "days_overdue", "red"),
                                        (soon_title, data["due_soon"], "days_left", "yellow")):
        if entries:
            lines += [*_entries(out, title, entries, key, colour), ""]
        else:
            lines += [out.style(title, "bold") + "  " + t("rpt_none"), ""]
    if data["categories"]:
        lines += [*_categories(out, data), ""]
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            title = t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key]))
            lines += [*(_since(out, title, data[key], lookup) if data[key]
                        else [out.style(title, "bold") + "  " + t("rpt_none")]), ""]
    return lines[:-1]


def report(data: Mapping[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           file: IO[str] | None = None) -> None:
    """Print the report."""
    out = Out(file)
    out.file.write("\n".join(report_lines(out, data, due_soon_days, lookup)) + "\n")


def items(views: Sequence[ItemView], file: IO[str] | None = None) -> None:
    """Print the item list: state (with its escalation level and flags) in its light colour,
    always in words; days overdue or left."""
    out = Out(file)
    if not views:
        out.file.write(t("rpt_no_items") + "\n")
        return
    cols = [Col(column("id")), Col(column("state"), wrap=True, max_width=12),
            Col(column("department"), wrap=True, max_width=12), Col(column("title"), wrap=True, flex=True),
            Col(column("owner"), wrap=True, max_width=10), Col(column("deadline")),
            Col(column("days"), right=True)]
    rows: list[list[Cell]] = []
    for v in views:
        colour = COLOURS[v.state]
        r = v.record
        rows.append([(r.id, "bold"), ("\n".join([state_level(v), *flag_labels(v)]), colour), r.department, r.title,
                     r.owner, deadline_text(v), (str(v.days), colour) if v.state not in ("done", "ongoing") else ""])
    out.file.write("\n".join(grid(out, cols, rows)) + "\n")


def item(view: ItemView, file: IO[str] | None = None, unit: str = MONEY_UNIT) -> None:
    """Print one item in full, label and value, its state in colour."""
    out = Out(file)
    cols = [Col(""), Col("", wrap=True, flex=True)]
    coloured = (column("state"), column("escalation"))
    rows: list[list[Cell]] = [[(label, "bold"), (value, COLOURS[view.state] if label in coloured else "")]
                              for label, value in item_fields(view, unit)]
    lines = grid(out, cols, rows)[2:]  # no header, no rule: a label/value sheet
    out.file.write("\n".join(lines) + "\n")
