"""CSV output, UTF-8 with a BOM so Excel opens Chinese text correctly.

`list` is one table of items; `show` is field/value rows; `report` is its
sections one after another (title row, header row, rows, blank row), the
department ranking first so the file opens on what a meeting reads first.
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
    category_name,
    evidence_lines,
    extension_lines,
    item_fields,
    pct,
    progress_lines,
    state_label,
    text,
)

BOM = "\ufeff"
ITEM_COLUMNS = ("id", "department", "code", "title", "category", "owner", "deadline", "state", "status",
                "created_on", "closed_on", "measures", "progress", "extensions", "result", "evidence",
                "verified_on", "verified_by", "source", "partners", "file")
_RATES = ("completion_rate", "on_time_rate")


def rows_csv(rows: list[list[Any]]) -> str:
    """Rows as CSV for Excel: UTF-8 with a BOM, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return BOM + buf.getvalue()


def items(views: list[ItemView]) -> str:
    """`list --format csv`: one row per item."""
    rows: list[list[Any]] = [[column(c) for c in ITEM_COLUMNS]]
    for v in views:
        r, d = v.record, v.record.data
        rows.append([
            r.id, r.department, r.code, r.title, text(r.category), r.owner, text(d.get("deadline")),
            state_label(v), t(f"choice_status_{r.status}"), text(d.get("created_on")), text(d.get("closed_on")),
            text(d.get("measures")), "\n".join(progress_lines(d)), "\n".join(extension_lines(d)),
            text(d.get("result")), "\n".join(evidence_lines(d)), text(d.get("verified_on")),
            text(d.get("verified_by")), text(d.get("source")), "、".join(d.get("partners") or []), r.file,
        ])
    return rows_csv(rows)


def item(view: ItemView) -> str:
    """`show --format csv`: field/value rows."""
    return rows_csv([[column("field"), column("value")], *[list(f) for f in item_fields(view)]])


def _figures(d: Mapping[str, Any]) -> list[Any]:
    return [d[k] for k in COUNT_COLUMNS] + [pct(d[k]) for k in _RATES]


def report(data: dict[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None) -> str:
    """`report --format csv`: ranking (with a total row), categories, overdue, due soon, since."""
    heads = [column(k) for k in (*COUNT_COLUMNS, *_RATES)]
    rows: list[list[Any]] = [
        [column("rank"), column("department"), column("code"), *heads],
    ]
    for n, d in enumerate(data["departments"], 1):
        rows.append([n, d["department"], d["code"], *_figures(d)])
    rows.append(["", t("rpt_total_row"), "", *_figures(data["totals"])])
    rows += [[], [t("rpt_fig_as_of"), text(data["as_of"])]]
    if data["since"] is not None:
        rows.append([t("rpt_fig_since"), text(data["since"])])
    rows += [[], [t("rpt_sec_categories")],
             [column("category"), column("total"), column("done"), column("overdue")]]
    rows += [[category_name(c["category"]), c["total"], c["done"], c["overdue"]] for c in data["categories"]]
    rows += [[], [t("rpt_sec_overdue", count=len(data["overdue"]))],
             [column(k) for k in ("id", "department", "title", "owner", "deadline", "days_overdue")]]
    rows += [[e["id"], e["department"], e["title"], e["owner"], text(e["deadline"]), e["days_overdue"]]
             for e in data["overdue"]]
    rows += [[], [t("rpt_sec_due_soon", days=due_soon_days, count=len(data["due_soon"]))],
             [column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")]]
    rows += [[e["id"], e["department"], e["title"], e["owner"], text(e["deadline"]), e["days_left"]]
             for e in data["due_soon"]]
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            rows += [[], [t(f"rpt_sec_{key}", since=text(data["since"]), count=len(data[key]))],
                     [column("id"), column("department"), column("title")]]
            for item_id in data[key]:
                r = lookup.get(item_id) if lookup else None
                rows.append([item_id, r.department if r else "", r.title if r else ""])
    return rows_csv(rows)
