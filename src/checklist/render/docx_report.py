"""`report --format docx`: the 通报 as an office issues it (GB/T 9704 conventions).

The issuer and 第N期 above the title, the date in Chinese; a paragraph of figures in prose;
the departments ranked with their lights; the overdue items by department (at most
DEPT_CAP each unless `full`), the due-soon items, categories, rules and accountability;
the closing request; the issuer and the date at the foot. Layout and fonts come from
render.docx_base (A4, 仿宋 body, 小标宋 title, page numbers).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from docx.shared import RGBColor

from checklist.i18n import column, lang, t
from checklist.render import (
    LIGHTS,
    MONEY_UNIT,
    capped_groups,
    category_name,
    department_name,
    group_by_department,
    level_label,
    light_label,
    light_symbol,
    measure_counts,
    pct,
    summary_lines,
    text,
)
from checklist.render import docx_base as base
from checklist.render.notice import long_date

# The lights' colours, one meaning in every format (html.LIGHT_COLOURS, xlsx fills).
LIGHT_RGB = {"red": RGBColor(0xC0, 0x39, 0x2B), "yellow": RGBColor(0xB7, 0x79, 0x1F),
             "green": RGBColor(0x2F, 0x85, 0x5A)}
NUMERALS = "一二三四五六七八九十"
MARGIN = 0.1  # cm each side of a table cell: the columns' widths below add up to the 15.6 cm text width


def _names(departments: Sequence[Mapping[str, Any]], light: str) -> list[str]:
    return [d["department"] for d in departments if d["reported"] and d["light"] == light]


def summary(data: Mapping[str, Any], unit: str = MONEY_UNIT) -> str:
    """The paragraph of figures in prose: totals, rates, change since, lights, extensions, the rest."""
    tot = data["totals"]
    parts = [t("rpt_doc_totals", as_of=long_date(data["as_of"]), total=tot["total"], done=tot["done"],
               completion=pct(tot["completion_rate"]), on_time=pct(tot["on_time_rate"]), overdue=tot["overdue"],
               due_soon=tot["due_soon"], on_track=tot["on_track"])]
    if data["since"] is not None:
        parts.append(t("rpt_doc_since", since=long_date(data["since"]), new=len(data["new_since"]),
                       done=len(data["done_since"])))
    depts = data["departments"]
    lights = []
    for light in LIGHTS:
        names = _names(depts, light)
        listed = t("rpt_paren", text=t("rpt_list_sep").join(names)) if names and light != "green" else ""
        lights.append(t("rpt_doc_light_count", light=t(f"rpt_light_{light}"), count=len(names), names=listed))
    if depts:
        parts.append(t("rpt_doc_lights", lights=t("rpt_doc_sep").join(lights)))
    parts += summary_lines(data, unit)
    return ("" if lang() == "zh" else " ").join(parts)  # Chinese sentences end in 。, English ones need a space


def _ranking_rows(data: Mapping[str, Any]) -> list[list[str]]:
    rows = [[str(n), department_name(d), light_symbol(d["light"]) + light_label(d["light"]),
             str(d["total"]), str(d["done"]), str(d["overdue"]), str(d["due_soon"]),
             pct(d["completion_rate"]), pct(d["on_time_rate"])] for n, d in enumerate(data["departments"], 1)]
    tot = data["totals"]
    rows.append(["", t("rpt_total_row"), "", str(tot["total"]), str(tot["done"]), str(tot["overdue"]),
                 str(tot["due_soon"]), pct(tot["completion_rate"]), pct(tot["on_time_rate"])])
    return rows


def _colour_lights(grid: Any, lights: Sequence[str]) -> None:
    """The light column's symbol and word in the light's colour (the word reads in grayscale)."""
    for row, light in zip(grid.rows[1:], lights, strict=False):
        for run in row.cells[2].paragraphs[0].runs:
            run.font.color.rgb = LIGHT_RGB[light]
            run.font.bold = True


def _overdue_row(n: int, e: Mapping[str, Any]) -> list[str]:
    """序号, the ID above the problem, owner, leader, deadline, days overdue with the level and
    extensions below, the latest progress: seven columns that fit a portrait page."""
    status = [t("notice_days_overdue", days=e["days_overdue"]), level_label(e["escalation"]),
              t("rpt_doc_extensions", count=e["extensions"]) if e["extensions"] else ""]
    return [str(n), f"{e['id']}\n{e['title']}", e["owner"], text(e["leader"]), text(e["deadline"]),
            "\n".join(s for s in status if s), text(e["latest_progress"])]


def _soon_row(n: int, e: Mapping[str, Any]) -> list[str]:
    left = t("notice_days_left", days=e["days_left"]) if e["days_left"] else t("notice_due_today")
    return [str(n), e["id"], e["department"], e["title"], e["owner"], text(e["deadline"]), left]


class _Numbers:
    """一、二、三… for the headings, in the order the sections appear."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, words: str) -> str:
        self.n += 1
        return t("rpt_doc_heading", n=NUMERALS[self.n - 1] if self.n <= len(NUMERALS) else str(self.n), text=words)


def report(data: dict[str, Any], due_soon_days: int, *, issuer: str | None, title: str, closing: str | None,
           serial: int | None = None, full: bool = False, unit: str = MONEY_UNIT) -> bytes:
    """`report --format docx`: the 通报's bytes."""
    doc = base.document()
    if issuer:
        base.masthead(doc, issuer, LIGHT_RGB["red"])
    if serial is not None:
        base.centred(doc, t("rpt_doc_serial", n=serial))
    base.centred(doc, t("rpt_doc_dateline", issuer=issuer or "", date=long_date(data["as_of"])).strip())
    base.title(doc, title)
    base.paragraph(doc, summary(data, unit))
    number = _Numbers()

    base.heading(doc, number(t("rpt_sec_departments")))
    heads = [column(k) for k in ("rank", "department", "light", "total", "done", "overdue", "due_soon",
                                 "completion_rate", "on_time_rate")]
    grid = base.table(doc, heads, _ranking_rows(data), widths=(1.0, 3.6, 1.5, 1.4, 1.4, 1.1, 1.8, 1.6, 2.1), margins=MARGIN)
    _colour_lights(grid, [d["light"] for d in data["departments"]])
    base.paragraph(doc, t("rpt_doc_legend"), indent=True)

    overdue_heads = [*[column(k) for k in ("no", "title", "owner", "leader", "deadline")], t("rpt_doc_col_overdue"),
                     column("latest_progress")]
    base.heading(doc, number(t("rpt_sec_overdue", count=len(data["overdue"]))))
    if not data["overdue"]:
        base.paragraph(doc, t("rpt_none"))
    for i, (name, shown, rest) in enumerate(capped_groups(group_by_department(data["overdue"]), full), 1):
        base.heading(doc, t("rpt_doc_subheading", n=i, name=name, count=len(shown) + rest), level=2)
        base.table(doc, overdue_heads, [_overdue_row(n, e) for n, e in enumerate(shown, 1)],
                   widths=(1.0, 4.2, 1.5, 1.5, 2.1, 2.0, 3.3), margins=MARGIN)
        if rest:
            base.paragraph(doc, t("rpt_doc_more", count=rest))

    base.heading(doc, number(t("rpt_sec_due_soon", days=due_soon_days, count=len(data["due_soon"]))))
    soon = data["due_soon"]
    shown_soon = [e for _, group, _ in capped_groups(group_by_department(soon), full) for e in group]
    if soon:
        base.table(doc, [column(k) for k in ("no", "id", "department", "title", "owner", "deadline", "days_left")],
                   [_soon_row(n, e) for n, e in enumerate(shown_soon, 1)], widths=(1.0, 2.0, 3.1, 4.1, 1.5, 2.1, 1.8), margins=MARGIN)
        if len(shown_soon) < len(soon):
            base.paragraph(doc, t("rpt_doc_more", count=len(soon) - len(shown_soon)))
    else:
        base.paragraph(doc, t("rpt_none"))

    if data["categories"]:
        base.heading(doc, number(t("rpt_sec_categories")))
        base.table(doc, [column(k) for k in ("category", "total", "done", "overdue")],
                   [[category_name(c["category"]), str(c["total"]), str(c["done"]), str(c["overdue"])]
                    for c in data["categories"]], widths=(6.0, 3.2, 3.2, 3.2), margins=MARGIN)

    base.heading(doc, number(t("rpt_doc_sec_outcomes")))
    tot = data["totals"]
    used = measure_counts(data)
    measures = t("rpt_paren", text=t("rpt_list_sep").join(
        t("rpt_measure_count", measure=m, count=n) for m, n in used)) if used else ""
    base.paragraph(doc, t("rpt_doc_outcomes", rules=tot["rules"], accountability=tot["accountability"],
                          measures=measures, rechecked=tot["rechecked"], rebound=tot["rebound"]))
    if closing:
        base.heading(doc, number(t("rpt_doc_sec_closing")))
        base.paragraph(doc, closing)
    base.signature(doc, [*([issuer] if issuer else []), long_date(data["as_of"])])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
