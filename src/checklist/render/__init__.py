"""Renderers, one module per output format; this module holds the wording
they share (state labels, percentages, an item's fields as label/text pairs).

Renderers format figures computed in checklist.report; they never compute
one. rich and openpyxl are imported only by the renderer that needs them,
so a JSON or CSV run never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checklist.i18n import t
from checklist.report import ItemView

FORMATS = ("table", "json", "csv", "markdown")
REPORT_FORMATS = (*FORMATS, "html", "xlsx")
FILE_FORMATS = ("html", "xlsx")

# The figures of a department row and of the totals, in the order tables show them.
COUNT_COLUMNS = ("total", "done", "overdue", "due_soon", "on_track", "late")
# The 台账 columns, in the order clerks keep them in Excel.
LEDGER_COLUMNS = ("no", "id", "title", "category", "department", "owner", "deadline", "state",
                  "measures", "progress", "result")


def pct(rate: float) -> str:
    """A rate as a percentage with one decimal: 0.6667 -> 66.7%."""
    return f"{rate * 100:.1f}%"


def text(value: Any) -> str:
    """A value as a cell shows it: dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def state_label(v: ItemView) -> str:
    """The item's state in words: overdue, due soon, on track; verified, done late or done."""
    if v.state != "done":
        return t(f"rpt_state_{v.state}")
    if v.record.status == "verified":
        return t("rpt_state_verified_late") if v.late else t("rpt_state_verified")
    return t("rpt_state_late") if v.late else t("rpt_state_done")


def days_label(v: ItemView) -> str:
    """Days overdue or left, in words; empty when done."""
    if v.state == "overdue":
        return t("rpt_days_overdue", days=v.days)
    if v.state == "done":
        return ""
    return t("rpt_due_today") if v.days == 0 else t("rpt_days_left", days=v.days)


def progress_lines(data: dict[str, Any]) -> list[str]:
    """Progress notes as 'date note' lines, oldest first."""
    return [f"{p['date']} {p['note']}" for p in data.get("progress") or []]


def extension_lines(data: dict[str, Any]) -> list[str]:
    """Deadline extensions in words."""
    lines = []
    for e in data.get("extensions") or []:
        line = t("rpt_extension_line", date=e["date"], from_=e["from"], to=e["to"], reason=e["reason"])
        if e.get("approved_by"):
            line += t("rpt_approved_by", who=e["approved_by"])
        lines.append(line)
    return lines


def reopening_lines(data: dict[str, Any]) -> list[str]:
    """Reopenings, with the earlier closure they kept."""
    return [
        t("rpt_reopening_line", date=r["date"], reason=r["reason"], closed_on=r.get("closed_on") or "",
          result=r.get("result") or "")
        for r in data.get("reopenings") or []
    ]


def evidence_lines(data: dict[str, Any]) -> list[str]:
    """Evidence files with a short hash."""
    return [f"{e['path']} (sha256 {e['sha256'][:12]}…)" for e in data.get("evidence") or []]


def item_fields(v: ItemView) -> list[tuple[str, str]]:
    """Every field of an item worth showing, as (label, text), empty fields left out."""
    d = v.record.data
    state = state_label(v)
    days = days_label(v)
    rows: list[tuple[str, Any]] = [
        ("id", v.record.id),
        ("title", d.get("title")),
        ("department", f"{v.record.department} ({v.record.code})"),
        ("state", t("rpt_state_days", state=state, days=days) if days else state),
        ("status", t(f"rpt_status_{v.record.status}")),
        ("category", d.get("category")),
        ("owner", d.get("owner")),
        ("deadline", d.get("deadline")),
        ("created_on", d.get("created_on")),
        ("source", d.get("source")),
        ("partners", "、".join(d.get("partners") or [])),
        ("measures", d.get("measures")),
        ("progress", "\n".join(progress_lines(d))),
        ("extensions", "\n".join(extension_lines(d))),
        ("closed_on", d.get("closed_on")),
        ("result", d.get("result")),
        ("evidence", "\n".join(evidence_lines(d))),
        ("verified_on", d.get("verified_on")),
        ("verified_by", d.get("verified_by")),
        ("reopenings", "\n".join(reopening_lines(d))),
        ("file", v.record.file),
    ]
    return [(t(f"rpt_col_{key}"), text(value)) for key, value in rows if value not in (None, "")]


def ledger_row(n: int, v: ItemView) -> list[str]:
    """One 台账 row in LEDGER_COLUMNS order."""
    d = v.record.data
    return [
        str(n), v.record.id, v.record.title, text(v.record.category), v.record.department, v.record.owner,
        text(d.get("deadline")), state_label(v), text(d.get("measures")), "\n".join(progress_lines(d)),
        text(d.get("result")),
    ]


def category_name(name: str | None) -> str:
    """A category, or the word for none."""
    return name if name is not None else t("rpt_uncategorized")


def headline(report: Mapping[str, Any]) -> str:
    """The report's one-sentence summary."""
    tot = report["totals"]
    return t("rpt_headline", total=tot["total"], done=tot["done"], overdue=tot["overdue"],
             due_soon=tot["due_soon"], on_track=tot["on_track"],
             completion=pct(tot["completion_rate"]), on_time=pct(tot["on_time_rate"]))


def as_of_line(report: Mapping[str, Any]) -> str:
    """'As of D' (and since)."""
    if report["since"] is not None:
        return t("rpt_as_of_since", date=text(report["as_of"]), since=text(report["since"]))
    return t("rpt_as_of", date=text(report["as_of"]))
