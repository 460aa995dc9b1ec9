"""Renderers, one module per output format; this module holds the wording
they share (state labels, percentages, an item's fields as label/text pairs).

Renderers format figures computed in checklist.domain.states; they never compute
one. rich and openpyxl are imported only by the renderer that needs them,
so a JSON or CSV run never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checklist.domain.fields import BY_NAME, ITEM_FIELDS
from checklist.domain.states import ItemView
from checklist.i18n import column, t

FORMATS = ("table", "json", "csv", "markdown")
REPORT_FORMATS = (*FORMATS, "html", "xlsx")
FILE_FORMATS = ("html", "xlsx")

# The figures of a department row and of the totals, in the order tables show them.
COUNT_COLUMNS = ("total", "done", "overdue", "due_soon", "on_track", "late")
# The 台账 columns, in the order clerks keep them in Excel.
LEDGER_COLUMNS = ("no", "id", "title", "category", "department", "owner", "deadline", "state",
                  "measures", "progress", "result")


def pct(rate: float | None) -> str:
    """A rate as a percentage with one decimal: 0.6667 -> 66.7%; an undefined rate is —."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


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


def _generic_lines(name: str, data: dict[str, Any]) -> list[str]:
    """Entries of a list field without a wording of its own: `label: value` pairs."""
    return ["，".join(f"{column(f'{name}_{k}')}：{text(x)}" for k, x in entry.items())
            for entry in data.get(name) or [] if isinstance(entry, dict)]


# List fields worded their own way; any other shows its entries as label: value pairs.
_ENTRY_LINES = {"progress": progress_lines, "extensions": extension_lines,
                "reopenings": reopening_lines, "evidence": evidence_lines}


def field_text(name: str, data: dict[str, Any]) -> str:
    """One field of an item as `show` writes it (empty when absent)."""
    field = BY_NAME[name]
    value = data.get(name)
    if field.kind == "entries":
        lines = _ENTRY_LINES[name](data) if name in _ENTRY_LINES else _generic_lines(name, data)
        return "\n".join(lines)
    if field.kind == "text_list":
        return "、".join(value or [])
    return text(value)


def item_fields(v: ItemView) -> list[tuple[str, str]]:
    """Every field of an item worth showing, as (label, text), in the field table's order after
    the item's place and state; empty fields left out."""
    d = v.record.data
    state = state_label(v)
    days = days_label(v)
    rows: list[tuple[str, str]] = [
        ("id", v.record.id),
        ("title", text(d.get("title"))),
        ("department", f"{v.record.department} ({v.record.code})"),
        ("state", t("rpt_state_days", state=state, days=days) if days else state),
        ("status", t(f"choice_status_{v.record.status}")),
    ]
    rows += [(name, field_text(name, d)) for name in ITEM_FIELDS if name not in ("id", "title", "status")]
    rows.append(("file", v.record.file))
    return [(column(key), value) for key, value in rows if value]


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
