"""Renderers, one module per output format; this module holds the wording
they share (state labels, percentages, an item's fields as label/text pairs).

Renderers format figures computed in checklist.domain.states; they never compute
one. rich and openpyxl are imported only by the renderer that needs them,
so a JSON or CSV run never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from checklist.domain.fields import BY_NAME, ITEM_FIELDS
from checklist.domain.states import ItemView
from checklist.i18n import column, t

FORMATS = ("table", "json", "csv", "markdown")
REPORT_FORMATS = (*FORMATS, "html", "xlsx", "docx")
FILE_FORMATS = ("html", "xlsx", "docx")
# html and docx list at most this many overdue (and due-soon) items per department unless --full (SPEC v2).
DEPT_CAP = 20
LIGHTS = ("red", "yellow", "green")
MONEY_UNIT = "万元"  # checklist.toml's default money_unit
# A spreadsheet cell beginning with one of these is a formula to Excel and WPS (SPEC: written as text).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    """Whether a spreadsheet would take this cell for a formula (OWASP's CSV injection rule):
    text beginning with =, +, -, @, a tab or a carriage return. Every csv and xlsx export asks
    this one function, and writes such a cell as text."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)

# The figures of a department row and of the totals, in the order tables show them.
COUNT_COLUMNS = ("total", "done", "overdue", "due_soon", "on_track", "late")
# SPEC v2's figures of a department and of the totals, beside v1's, in the order tables show them.
PROGRESS_COLUMNS = ("ongoing", "partial", "behind", "extended", "stale")
LEVEL_COLUMNS = ("remind", "supervise", "interview")
FOLLOW_UP_COLUMNS = ("rules", "accountability", "rechecked", "rebound")
MONEY_COLUMNS = ("amount", "recovered")
V2_COLUMNS = (*PROGRESS_COLUMNS, *LEVEL_COLUMNS, *FOLLOW_UP_COLUMNS, *MONEY_COLUMNS)
# The 台账 columns, in the order clerks keep them in Excel.
LEDGER_COLUMNS = ("no", "id", "title", "category", "department", "unit", "leader", "owner", "deadline", "state",
                  "flags", "escalation", "target", "measures", "progress", "percent", "result", "remarks")


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


def money(value: float | int | None) -> str:
    """An amount as reports write it: at most two decimals, no trailing zeros (86.5, 120)."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def light_label(light: str) -> str:
    """A department's light in words (红灯, 黄灯, 绿灯): never colour alone."""
    return t(f"rpt_light_{light}")


def light_symbol(light: str) -> str:
    """The mark before a light's word (● 红灯): the same dot in every format, the word tells them apart."""
    return "\u25cf\u00a0" if light in LIGHTS else ""


def capped_groups(groups: Sequence[tuple[str, list[Mapping[str, Any]]]], full: bool = False,
                  cap: int = DEPT_CAP) -> list[tuple[str, list[Mapping[str, Any]], int]]:
    """Each department's entries cut to `cap` (unless full), with the count of the rest."""
    return [(name, list(group) if full else list(group[:cap]), 0 if full else max(0, len(group) - cap))
            for name, group in groups]


def level_label(level: str | None) -> str:
    """An escalation level in the clerk's words (催办, 督办, 约谈); empty when none."""
    return t(f"rpt_level_{level}") if level else ""


def figure_label(key: str, unit: str = MONEY_UNIT) -> str:
    """The heading of a report figure (v2's counts and money, with the money unit)."""
    return t(f"rpt_fig_{key}", unit=unit)


def state_label(v: ItemView) -> str:
    """The item's state in words: overdue, due soon, on track, ongoing; verified, done late or done."""
    if v.state != "done":
        return t(f"rpt_state_{v.state}")
    if v.record.status == "verified":
        return t("rpt_state_verified_late") if v.late else t("rpt_state_verified")
    return t("rpt_state_late") if v.late else t("rpt_state_done")


def state_level(v: ItemView) -> str:
    """The state in words with the escalation level of an overdue item: 逾期（督办）."""
    state = state_label(v)
    return t("rpt_state_level", state=state, level=level_label(v.escalation)) if v.escalation else state


def flag_labels(v: ItemView) -> list[str]:
    """The item's flags in words (部分整改, 进度滞后, 已延期, 未按时报送); late is in the state already."""
    return [t(f"rpt_flag_{f}") for f in v.flags if f != "late"]


def deadline_text(v: ItemView) -> str:
    """The deadline as a cell shows it: the date; 长期坚持 for an ongoing item without one; never None."""
    deadline = v.record.deadline
    if deadline is not None:
        return deadline.isoformat()
    return t("rpt_deadline_ongoing") if v.record.data.get("type") == "ongoing" else "—"


def days_label(v: ItemView) -> str:
    """Days overdue or left, in words; empty when done or without a deadline."""
    if v.state == "overdue":
        return t("rpt_days_overdue", days=v.days)
    if v.state not in ("due_soon", "on_track") or v.record.deadline is None:
        return ""
    return t("rpt_due_today") if v.days == 0 else t("rpt_days_left", days=v.days)


def progress_lines(data: dict[str, Any]) -> list[str]:
    """Progress notes as 'date note' lines, oldest first."""
    return [f"{text(p['date'])} {p['note']}" for p in data.get("progress") or []]


def _paren(value: Any) -> str:
    return t("rpt_paren", text=value) if value else ""


def extension_lines(data: dict[str, Any]) -> list[str]:
    """Deadline extensions in words."""
    lines = []
    for e in data.get("extensions") or []:
        line = t("rpt_extension_line", date=text(e["date"]), from_=text(e["from"]), to=text(e["to"]), reason=e["reason"])
        if e.get("approved_by"):
            line += t("rpt_approved_by", who=e["approved_by"])
        lines.append(line)
    return lines


def reopening_lines(data: dict[str, Any]) -> list[str]:
    """Reopenings, why (reopened, rebound, false rectification), with the earlier closure they kept."""
    return [
        t("rpt_reopening_line", date=text(r["date"]), kind=t(f"choice_reopenings_kind_{r.get('kind') or 'reopen'}"),
          reason=r["reason"], closed_on=text(r.get("closed_on")), result=r.get("result") or "")
        for r in data.get("reopenings") or []
    ]


def evidence_lines(data: dict[str, Any]) -> list[str]:
    """Evidence files with a short hash."""
    return [f"{e['path']} (sha256 {e['sha256'][:12]}…)" for e in data.get("evidence") or []]


def task_lines(data: dict[str, Any]) -> list[str]:
    """Tasks, numbered as `task done N` takes them, each with its owner, deadline and done or not."""
    lines = []
    for n, task in enumerate(data.get("tasks") or [], 1):
        owner, due = task.get("owner"), task.get("deadline")
        meta = (t("rpt_task_owner_due", owner=owner, deadline=text(due)) if owner and due
                else t("rpt_task_owner", owner=owner) if owner else t("rpt_task_due", deadline=text(due)) if due else "")
        done = task.get("done_on")
        status = t("rpt_task_done", date=text(done)) if done else t("rpt_task_undone")
        lines.append(f"{n}. {task.get('task', '')}{meta}{status}")
    return lines


def rule_lines(data: dict[str, Any]) -> list[str]:
    """Rules issued: date, title and document number."""
    return [f"{text(r.get('date'))} {r.get('title', '')}{_paren(r.get('doc_no'))}" for r in data.get("rules") or []]


def accountability_lines(data: dict[str, Any]) -> list[str]:
    """Persons held to account: date, person, measure and why."""
    return [t("rpt_accountability_line", date=text(a.get("date")), person=a.get("person", ""),
              measure=a.get("measure", "")) + _paren(a.get("note"))
            for a in data.get("accountability") or []]


def recheck_lines(data: dict[str, Any]) -> list[str]:
    """Follow-up checks: date, by whom, what they found (holds, rebound, false rectification)."""
    return [t("rpt_recheck_line", date=text(r.get("date")), by=r.get("by", ""),
              result=t(f"choice_rechecks_result_{r['result']}") if r.get("result") in ("ok", "rebound", "false")
              else text(r.get("result"))) + _paren(r.get("note"))
            for r in data.get("rechecks") or []]


def _generic_lines(name: str, data: dict[str, Any]) -> list[str]:
    """Entries of a list field without a wording of its own: `label: value` pairs."""
    return [t("rpt_list_sep").join(t("rpt_label_value", label=column(f"{name}_{k}"), value=text(x))
                                    for k, x in entry.items())
            for entry in data.get(name) or [] if isinstance(entry, dict)]


# List fields worded their own way; any other shows its entries as label: value pairs.
_ENTRY_LINES = {"progress": progress_lines, "extensions": extension_lines, "reopenings": reopening_lines,
                "evidence": evidence_lines, "tasks": task_lines, "rules": rule_lines,
                "accountability": accountability_lines, "rechecks": recheck_lines}


def field_text(name: str, data: dict[str, Any], unit: str = MONEY_UNIT) -> str:
    """One field of an item as `show` writes it (empty when absent): choices in words, percent
    as 40%, money with its unit, entries one a line."""
    field = BY_NAME[name]
    value = data.get(name)
    if value is None or value == "" or value == []:
        return ""
    if field.kind == "entries":
        lines = _ENTRY_LINES[name](data) if name in _ENTRY_LINES else _generic_lines(name, data)
        return "\n".join(lines)
    if field.kind == "text_list":
        return t("rpt_list_sep").join(str(x) for x in value)
    if field.kind == "choice" and value in field.values:
        return t(f"choice_{name}_{value}")
    if field.kind == "percent":
        return f"{value}%"
    if field.kind == "money":
        return f"{money(value)} {unit}"
    return text(value)


def item_fields(v: ItemView, unit: str = MONEY_UNIT) -> list[tuple[str, str]]:
    """Every field of an item worth showing, as (label, text), in the field table's order after
    the item's place, state, flags and escalation; empty fields left out."""
    d = v.record.data
    state = state_label(v)
    days = days_label(v)
    rows: list[tuple[str, str]] = [
        ("id", v.record.id),
        ("title", text(d.get("title"))),
        ("department", f"{v.record.department} ({v.record.code})"),
        ("state", t("rpt_state_days", state=state, days=days) if days else state),
        ("flags", t("rpt_list_sep").join(flag_labels(v))),
        ("escalation", level_label(v.escalation)),
        ("status", t(f"choice_status_{v.record.status}")),
    ]
    for name in ITEM_FIELDS:
        if name in ("id", "title", "status"):
            continue
        rows.append((name, deadline_text(v) if name == "deadline" else field_text(name, d, unit)))
    rows.append(("file", v.record.file))
    return [(column(key), value) for key, value in rows if value]


def ledger_row(n: int, v: ItemView) -> list[Any]:
    """One 台账 row in LEDGER_COLUMNS order (the deadline a date, percent a number, when present)."""
    d = v.record.data
    r = v.record
    return [
        n, r.id, r.title, text(r.category), r.department, text(d.get("unit")), text(d.get("leader")), r.owner,
        r.deadline if r.deadline is not None else deadline_text(v), state_label(v),
        t("rpt_list_sep").join(flag_labels(v)), level_label(v.escalation), text(d.get("target")),
        text(d.get("measures")), "\n".join(progress_lines(d)), d.get("percent"), text(d.get("result")),
        text(d.get("remarks")),
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


def measure_counts(report: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Accountability by measure as a human reads it: the measures used, in the ledger's order."""
    return [(a["measure"], a["count"]) for a in report["accountability"] if a["count"]]


def not_reported(report: Mapping[str, Any]) -> list[str]:
    """The roster departments with no items (未报送), in ranking order."""
    return [d["department"] for d in report["departments"] if not d["reported"]]


def summary_lines(report: Mapping[str, Any], unit: str = MONEY_UNIT) -> list[str]:
    """SPEC v2's totals in sentences, after the headline; a sentence whose figures are all zero is left out."""
    tot = report["totals"]
    lines = []
    if any(tot[k] for k in PROGRESS_COLUMNS):
        lines.append(t("rpt_summary_progress", **{k: tot[k] for k in PROGRESS_COLUMNS}))
    if any(tot[k] for k in LEVEL_COLUMNS):
        lines.append(t("rpt_summary_levels", **{k: tot[k] for k in LEVEL_COLUMNS}))
    if any(tot[k] for k in FOLLOW_UP_COLUMNS):
        used = measure_counts(report)
        measures = t("rpt_paren", text=t("rpt_list_sep").join(
            t("rpt_measure_count", measure=m, count=n) for m, n in used)) if used else ""
        rate = t("rpt_rebound_rate", rate=pct(tot["rebound_rate"])) if tot.get("rebound_rate") is not None else ""
        lines.append(t("rpt_summary_follow_up", measures=measures, rate=rate, **{k: tot[k] for k in FOLLOW_UP_COLUMNS}))
    if any(tot[k] for k in MONEY_COLUMNS):
        lines.append(t("rpt_summary_money", amount=money(tot["amount"]), recovered=money(tot["recovered"]), unit=unit))
    stale = report.get("stale_departments") or ()
    if stale:
        lines.append(t("rpt_summary_stale", names=t("rpt_list_sep").join(
            t("rpt_stale_department", name=d["department"], last=text(d["last_update"])) for d in stale)))
    missing = not_reported(report)
    if missing:
        lines.append(t("rpt_summary_not_reported", names=t("rpt_list_sep").join(missing)))
    return lines


def levels_text(d: Mapping[str, Any]) -> str:
    """A department's overdue items by escalation level in words: 催办 1，约谈 2 (empty when none)."""
    return t("rpt_list_sep").join(t("rpt_level_count", level=level_label(k), count=d[k]) for k in LEVEL_COLUMNS if d[k])


def last_update_text(d: Mapping[str, Any]) -> str:
    """A department's latest dated entry, or 未报送 for a roster department without items."""
    if not d["reported"]:
        return t("rpt_not_reported")
    return text(d["last_update"])


def department_name(d: Mapping[str, Any], name: str | None = None) -> str:
    """A department's name (or the given form of it), marked 未报送 when it has no items."""
    shown = name if name is not None else d["department"]
    return shown if d["reported"] else t("rpt_dept_not_reported", name=shown)


def overdue_details(e: Mapping[str, Any]) -> list[str]:
    """An overdue entry's leader, extensions and latest progress as lines in words (for narrow tables)."""
    lines = []
    if e["leader"]:
        lines.append(t("rpt_detail_leader", leader=e["leader"]))
    if e["extensions"]:
        lines.append(t("rpt_detail_extensions", count=e["extensions"]))
    if e["latest_progress"]:
        lines.append(t("rpt_detail_latest", note=e["latest_progress"]))
    return lines


def group_by_department(entries: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """Entries grouped by department, each group where its first (most overdue) entry stands."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for e in entries:
        groups.setdefault(e["department"], []).append(e)
    return list(groups.items())


def as_of_line(report: Mapping[str, Any]) -> str:
    """'As of D' (and since)."""
    if report["since"] is not None:
        return t("rpt_as_of_since", date=text(report["as_of"]), since=text(report["since"]))
    return t("rpt_as_of", date=text(report["as_of"]))
