"""Markdown output (GitHub tables) that pastes into meeting minutes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    COUNT_COLUMNS,
    MONEY_COLUMNS,
    MONEY_UNIT,
    V2_COLUMNS,
    as_of_line,
    category_name,
    days_label,
    deadline_text,
    department_name,
    figure_label,
    flag_labels,
    headline,
    item_fields,
    last_update_text,
    level_label,
    light_label,
    measure_counts,
    money,
    pct,
    state_label,
    summary_lines,
    text,
)


def cell(value: Any) -> str:
    """A value safe inside a table cell: pipes escaped, line breaks as <br>."""
    return text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()) -> str:
    """A Markdown table; columns in `right` are right-aligned."""
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def items(views: list[ItemView]) -> str:
    """`list --format markdown`: v1's columns, then the flags and the escalation level."""
    heads = [column(k) for k in ("id", "state", "department", "title", "owner", "deadline", "days", "flags", "escalation")]
    rows = [[v.record.id, state_label(v), v.record.department, v.record.title, v.record.owner,
             deadline_text(v), days_label(v), t("rpt_list_sep").join(flag_labels(v)), level_label(v.escalation)]
            for v in views]
    return table(heads, rows)


def item(view: ItemView, unit: str = MONEY_UNIT) -> str:
    """`show --format markdown`: a heading and a field/value table."""
    head = f"## {cell(view.record.id)} {cell(view.record.title)}\n\n"
    return head + table([column("field"), column("value")], item_fields(view, unit))


def _v2_cells(d: Mapping[str, Any]) -> list[Any]:
    return [*[d[k] for k in V2_COLUMNS if k not in MONEY_COLUMNS], *[money(d[k]) for k in MONEY_COLUMNS]]


def _departments(data: Mapping[str, Any], unit: str) -> list[str]:
    """The ranking (v1's figures and each light in words), then SPEC v2's figures by department."""
    counts = [column(k) for k in COUNT_COLUMNS]
    rates = [column("completion_rate"), column("on_time_rate")]
    num = list(range(3, 3 + len(COUNT_COLUMNS) + 2))
    depts, tot = data["departments"], data["totals"]
    rows: list[list[Any]] = [[n, department_name(d, f"{d['department']} ({d['code']})"), light_label(d["light"]),
                              *[d[k] for k in COUNT_COLUMNS], pct(d["completion_rate"]), pct(d["on_time_rate"])]
                             for n, d in enumerate(depts, 1)]
    rows.append(["", f"**{t('rpt_total_row')}**", "", *[tot[k] for k in COUNT_COLUMNS],
                 pct(tot["completion_rate"]), pct(tot["on_time_rate"])])
    parts = [f"## {t('rpt_sec_departments')}\n",
             table([column("rank"), column("department"), column("light"), *counts, *rates], rows, right=[0, *num])]
    if not depts:
        return parts
    heads = [column("department"), column("last_update"), *[figure_label(k, unit) for k in V2_COLUMNS]]
    rows = [[f"{d['department']} ({d['code']})", last_update_text(d), *_v2_cells(d)] for d in depts]
    rows.append([f"**{t('rpt_total_row')}**", "", *_v2_cells(tot)])
    parts += [f"## {t('rpt_sec_follow_up')}\n", table(heads, rows, right=list(range(2, 2 + len(V2_COLUMNS))))]
    return parts


def _overdue(data: Mapping[str, Any]) -> str:
    keys = ("id", "department", "title", "owner", "leader", "deadline", "days_overdue", "extension_count",
            "escalation", "latest_progress")
    return table([column(k) for k in keys],
                 [[e["id"], e["department"], e["title"], e["owner"], e["leader"], text(e["deadline"]), e["days_overdue"],
                   e["extensions"], level_label(e["escalation"]), e["latest_progress"]] for e in data["overdue"]],
                 right=[6, 7])


def report(data: dict[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           unit: str = MONEY_UNIT) -> str:
    """`report --format markdown`: headline and the v2 summary, ranking, follow-up, categories,
    accountability, overdue, due soon, since."""
    parts = [f"# {t('rpt_title')}\n", f"{as_of_line(data)}\n", f"{headline(data)}\n"]
    summary = summary_lines(data, unit)
    if summary:
        parts.append("".join(f"- {cell(line)}\n" for line in summary))
    parts += _departments(data, unit)
    parts.append(f"## {t('rpt_sec_categories')}\n")
    parts.append(table([column(k) for k in ("category", "total", "done", "overdue")],
                       [[category_name(c["category"]), c["total"], c["done"], c["overdue"]] for c in data["categories"]],
                       right=[1, 2, 3]))
    used = measure_counts(data)
    if used:
        parts += [f"## {t('rpt_sec_accountability')}\n", table([column("measure"), column("persons")], used, right=[1])]
    parts.append(f"## {t('rpt_sec_overdue', count=len(data['overdue']))}\n")
    parts.append(_overdue(data) if data["overdue"] else t("rpt_none") + "\n")
    parts.append(f"## {t('rpt_sec_due_soon', days=due_soon_days, count=len(data['due_soon']))}\n")
    if data["due_soon"]:
        parts.append(table([column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")],
                           [[e["id"], e["department"], e["title"], e["owner"], text(e["deadline"]), e["days_left"]]
                            for e in data["due_soon"]], right=[5]))
    else:
        parts.append(t("rpt_none") + "\n")
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            parts.append(f"## {t(f'rpt_sec_{key}', since=text(data['since']), count=len(data[key]))}\n")
            if not data[key]:
                parts.append(t("rpt_none") + "\n")
                continue
            found = [(i, lookup.get(i) if lookup else None) for i in data[key]]
            parts.append(table([column("id"), column("department"), column("title")],
                               [[i, r.department if r else "", r.title if r else ""] for i, r in found]))
    return "\n".join(parts)
