"""CSV output, UTF-8 with a BOM so Excel opens Chinese text correctly.

One table per file, as Excel and WPS open it: `list` one row per item; `show`
field/value rows; `report` the department ranking.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from checklist.domain.records import Record
from checklist.domain.states import ItemView
from checklist.i18n import column, t
from checklist.render import (
    COUNT_COLUMNS,
    MONEY_COLUMNS,
    MONEY_UNIT,
    V2_COLUMNS,
    deadline_text,
    field_text,
    figure_label,
    flag_labels,
    formula_like,
    item_fields,
    last_update_text,
    level_label,
    light_label,
    money,
    pct,
    state_label,
)

BOM = "\ufeff"
ITEM_COLUMNS = ("id", "department", "code", "title", "category", "type", "owner", "co_owners", "leader", "unit",
                "deadline", "state", "flags", "escalation", "status", "created_on", "closed_on", "target", "measures",
                "percent", "progress", "tasks", "extensions", "amount", "recovered", "rules", "accountability",
                "rechecks", "result", "evidence", "verified_on", "verified_by", "remarks", "source", "partners",
                "reopenings", "file")
_RATES = ("completion_rate", "on_time_rate")


def safe_cell(value: Any) -> Any:
    """A cell as a spreadsheet must take it: text that would start a formula kept as text (after a ')."""
    return "'" + value if formula_like(value) else value


def rows_csv(rows: list[list[Any]]) -> str:
    """Rows as CSV for Excel: UTF-8 with a BOM, CRLF line ends, never a formula."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return BOM + buf.getvalue()


def _item_heading(name: str, unit: str) -> str:
    return figure_label(name, unit) if name in ("amount", "recovered") else column(name)


def _item_cell(name: str, v: ItemView, unit: str) -> Any:
    """One cell of `list --format csv`: percent and money as numbers, the rest as `show` words them."""
    d = v.record.data
    if name in ("percent", "amount", "recovered"):
        return d.get(name, "")
    computed = {"department": v.record.department, "code": v.record.code, "deadline": deadline_text(v),
                "state": state_label(v), "flags": t("rpt_list_sep").join(flag_labels(v)),
                "escalation": level_label(v.escalation), "status": t(f"choice_status_{v.record.status}"),
                "file": v.record.file}
    return computed[name] if name in computed else field_text(name, d, unit)


def items(views: list[ItemView], unit: str = MONEY_UNIT) -> str:
    """`list --format csv`: one row per item; amounts in `unit` (named in their headings)."""
    rows: list[list[Any]] = [[_item_heading(c, unit) for c in ITEM_COLUMNS]]
    rows += [[_item_cell(c, v, unit) for c in ITEM_COLUMNS] for v in views]
    return rows_csv(rows)


def item(view: ItemView, unit: str = MONEY_UNIT) -> str:
    """`show --format csv`: field/value rows."""
    return rows_csv([[column("field"), column("value")], *[list(f) for f in item_fields(view, unit)]])


def _figures(d: Mapping[str, Any]) -> list[Any]:
    """v1's counts and rates, then SPEC v2's figures (money as a plain number in the unit named in the heading)."""
    return ([d[k] for k in COUNT_COLUMNS] + [pct(d[k]) for k in _RATES]
            + [d[k] for k in V2_COLUMNS if k not in MONEY_COLUMNS] + [money(d[k]) for k in MONEY_COLUMNS])


def report(data: dict[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           unit: str = MONEY_UNIT) -> str:
    """`report --format csv`: one table, the department ranking (v1's columns first, then SPEC v2's
    figures, the light, the last update), a total row last. A CSV file holds one table: the
    item-level lists are `list --format csv` (`--state overdue`, `--state due_soon`)."""
    heads = [*[column(k) for k in (*COUNT_COLUMNS, *_RATES)], *[figure_label(k, unit) for k in V2_COLUMNS]]
    rows: list[list[Any]] = [
        [column("rank"), column("department"), column("code"), *heads, column("light"), column("last_update"),
         column("update_stale")],
    ]
    for n, d in enumerate(data["departments"], 1):
        rows.append([n, d["department"], d["code"], *_figures(d), light_label(d["light"]), last_update_text(d),
                     t("rpt_yes") if d.get("update_stale") else ""])
    rows.append(["", t("rpt_total_row"), "", *_figures(data["totals"])])
    return rows_csv(rows)
