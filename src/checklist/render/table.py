"""Terminal tables: the report with traffic lights (红黄绿灯, always with their
word) and completion bars, the item list, one item in full. Laid out by
render.grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    MONEY_UNIT,
    PROGRESS_COLUMNS,
    as_of_line,
    category_name,
    deadline_text,
    department_name,
    figure_label,
    flag_labels,
    headline,
    item_fields,
    last_update_text,
    level_label,
    levels_text,
    light_label,
    overdue_details,
    pct,
    state_level,
    summary_lines,
    text,
)
from checklist.render.grid import Cell, Col, Out, grid, wrap

COLOURS = {"overdue": "red", "due_soon": "yellow", "on_track": "green", "ongoing": "blue", "done": "cyan"}
BAR_WIDTH = 8
NARROW_BAR = 5  # below WIDE columns, so the ranking with its lights fits 80 columns
WIDE = 100
# The terminal report lists at most this many overdue / due-soon items; `list --state` shows them all.
REPORT_ROWS = 50


def _count(n: int, colour: str) -> Cell:
    return (str(n), f"bold {colour}" if n else "dim")


def bar(rate: float, width: int = BAR_WIDTH) -> str:
    """A completion bar, then the percentage: ███░░░░░  33.3%."""
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled) + f" {pct(rate):>6}"


def ranking(out: Out, data: Mapping[str, Any]) -> list[str]:
    """Departments ranked, each with its light in words and colour, counts in traffic-light
    colours, a completion bar in the light's colour; 未报送 marked."""
    keys = ("total", "done", "overdue", "due_soon", "on_track")
    cols = [Col(column("rank"), right=True, wrap=True), Col(column("department"), wrap=True, flex=True),
            Col(column("light")), *[Col(column(k), right=True, wrap=True) for k in keys],
            Col(column("completion_rate")), Col(column("on_time_rate"), right=True, wrap=True)]
    rows: list[list[Cell]] = []
    depts = data["departments"]
    size = BAR_WIDTH if out.width >= WIDE else NARROW_BAR
    for i, d in enumerate(depts):
        light = d["light"]
        rows.append([
            str(i + 1), department_name(d), (light_label(light), f"bold {light}"),
            str(d["total"]), str(d["done"]), _count(d["overdue"], "red"), _count(d["due_soon"], "yellow"),
            _count(d["on_track"], "green"), (bar(d["completion_rate"], size), f"bar-{light}"), pct(d["on_time_rate"]),
        ])
    tot = data["totals"]
    rows.append(["", (t("rpt_total_row"), "bold"), "", str(tot["total"]), str(tot["done"]),
                 _count(tot["overdue"], "red"), _count(tot["due_soon"], "yellow"), _count(tot["on_track"], "green"),
                 bar(tot["completion_rate"], size), pct(tot["on_time_rate"])])
    return grid(out, cols, rows, title=t("rpt_sec_departments"), sections=[len(depts)] if depts else [])


def follow_up(out: Out, data: Mapping[str, Any]) -> list[str]:
    """SPEC v2's figures by department beside the ranking: when each last reported, items
    ongoing, partly done, behind, extended, not updated, and overdue items by escalation level."""
    cols = [Col(column("department"), wrap=True, max_width=18), Col(column("last_update"), wrap=True, min_width=10),
            *[Col(figure_label(k), right=True, wrap=True, stack=t("rpt_stack_stale") if k == "stale" else "")
              for k in PROGRESS_COLUMNS],
            Col(column("escalation"), wrap=True, flex=True)]
    rows: list[list[Cell]] = []
    for d in data["departments"]:
        rows.append([d["department"], (last_update_text(d), "" if d["reported"] else "bold red"),
                     *[_count(d[k], "yellow") for k in PROGRESS_COLUMNS], (levels_text(d), "red")])
    return grid(out, cols, rows, title=t("rpt_sec_follow_up"))


def _entries(out: Out, title: str, entries: Sequence[Mapping[str, Any]], count: int, days_key: str,
             colour: str) -> list[str]:
    """The overdue or due-soon list (its first REPORT_ROWS of `count`); an overdue item's escalation
    level under its days, and its leader, extensions and latest progress under its title."""
    cols = [Col(column("id")), Col(column("department"), wrap=True, max_width=14),
            Col(column("title"), wrap=True, flex=True), Col(column("owner"), wrap=True, max_width=10),
            Col(column("deadline")), Col(column(days_key), right=True, wrap=True)]
    shown = entries[:REPORT_ROWS]
    rows: list[list[Cell]] = []
    for e in shown:
        days = str(e[days_key])
        title_ = e["title"]
        if days_key == "days_overdue":
            days = "\n".join([days, level_label(e["escalation"])]).rstrip("\n")
            title_ = "\n".join([title_, *overdue_details(e)])
        rows.append([(e["id"], "bold"), e["department"], title_, e["owner"], text(e["deadline"]),
                     (days, f"bold {colour}")])
    lines = grid(out, cols, rows, title=title)
    if count > len(shown):
        state = "overdue" if days_key == "days_overdue" else "due_soon"
        lines.append(out.style(t("rpt_more", count=count - len(shown), state=state), "dim"))
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
                 lookup: Mapping[str, Record] | None = None, unit: str = MONEY_UNIT) -> list[str]:
    """The whole report, line by line."""
    lines = [out.style(t("rpt_title"), "bold") + "  " + out.style(as_of_line(data), "dim"),
             *wrap(headline(data), out.width)]
    for sentence in summary_lines(data, unit):
        lines += wrap(sentence, out.width)
    lines += ["", *ranking(out, data), ""]
    if data["departments"]:
        lines += [*follow_up(out, data), ""]
    # The lists may hold only the rows shown (figures.report_of's `listed`): count from the totals.
    overdue, due_soon = data["totals"]["overdue"], data["totals"]["due_soon"]
    overdue_title = t("rpt_sec_overdue", count=overdue)
    soon_title = t("rpt_sec_due_soon", days=due_soon_days, count=due_soon)
    for title, entries, count, key, colour in ((overdue_title, data["overdue"], overdue, "days_overdue", "red"),
                                               (soon_title, data["due_soon"], due_soon, "days_left", "yellow")):
        if entries:
            lines += [*_entries(out, title, entries, count, key, colour), ""]
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
           file: IO[str] | None = None, unit: str = MONEY_UNIT) -> None:
    """Print the report."""
    out = Out(file)
    out.file.write("\n".join(report_lines(out, data, due_soon_days, lookup, unit)) + "\n")


def _days(state: str, days: int) -> str:
    """Days as a cell says them, so the number carries its meaning: 逾期3天, 剩5天, 今日到期."""
    if state == "overdue":
        return t("rpt_list_days_overdue", days=days)
    return t("rpt_list_days_left", days=days) if days else t("rpt_list_due_today")


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
    words: dict[tuple[Any, ...], Cell] = {}  # few combinations of state, level and flags: each worded once
    for v in views:
        colour = COLOURS[v.state]
        r = v.record
        key = (v.state, r.status, v.late, v.escalation, *v.flags)
        state = words.get(key)
        if state is None:
            state = words[key] = ("\n".join([state_level(v), *flag_labels(v)]), colour)
        rows.append([(r.id, "bold"), state, r.department, r.title, r.owner, deadline_text(v),
                     (_days(v.state, v.days), colour) if v.state not in ("done", "ongoing") else ""])
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
