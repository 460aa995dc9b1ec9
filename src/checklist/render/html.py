"""HTML output: one self-contained printable page (inline CSS, A4 print
styles, a Chinese font stack) with the completion of each department drawn
as an inline SVG bar chart in the departments' lights, each light named in
words and explained in a legend. Wide tables scroll inside their box, so the
page itself reads on a phone. No scripts, no external files: it mails and
prints as is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from checklist.domain.records import Record
from checklist.i18n import column, lang, t
from checklist.render import (
    COUNT_COLUMNS,
    MONEY_COLUMNS,
    MONEY_UNIT,
    V2_COLUMNS,
    as_of_line,
    category_name,
    department_name,
    figure_label,
    group_by_department,
    headline,
    last_update_text,
    level_label,
    light_label,
    measure_counts,
    money,
    pct,
    summary_lines,
    text,
)
from checklist.render.notice import long_date

CSS = """
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
       "Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, system-ui, sans-serif;
       color: #222; margin: 2em auto; max-width: 190mm; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 .2em; text-align: center; }
h2 { font-size: 13pt; border-left: 4px solid #c0392b; padding-left: .5em; margin: 1.4em 0 .5em; }
p.meta { text-align: center; color: #666; margin: 0 0 1em; }
p.headline { font-size: 12pt; background: #f6f6f6; padding: .6em .8em; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #999; padding: .25em .45em; vertical-align: top; }
th { background: #eee; font-weight: bold; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.id, td.date { white-space: nowrap; }
tr.total td { font-weight: bold; background: #fafafa; }
.overdue { color: #c0392b; font-weight: bold; }
.due_soon { color: #b7791f; font-weight: bold; }
.on_track { color: #2f855a; }
tr.overdue td { background: #fdecea; }
tr.due_soon td { background: #fff8e1; }
tr.group th { text-align: left; background: #f3f3f3; }
.light { font-weight: bold; white-space: nowrap; }
.light::before { content: "\25CF\00A0"; }
.light.red, .level { color: #c0392b; }
.light.yellow { color: #b7791f; }
.light.green { color: #2f855a; }
p.legend { font-size: 10pt; color: #444; }
p.legend span.light { margin: 0 .3em 0 .8em; }
ul.summary { margin: .3em 0 1em; padding-left: 1.4em; }
div.scroll { overflow-x: auto; }
svg { display: block; margin: .5em 0 1em; max-width: 100%; height: auto; }
footer { color: #888; font-size: 9pt; margin-top: 2em; text-align: center; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  tr, svg { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""
LIGHT_COLOURS = {"red": "#c0392b", "yellow": "#d69e2e", "green": "#2f855a"}


def _cell(value: Any, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(text(value))}</td>"


def _table(headers: Sequence[str], rows: Sequence[str], groups: Sequence[tuple[str, Sequence[str]]] = ()) -> str:
    """A table that scrolls inside its box on a phone; `groups` are (heading, rows) each in a tbody of its own."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    bodies = ["<tbody>\n" + "\n".join(rows) + "\n</tbody>"] if rows or not groups else []
    bodies += [f'<tbody>\n<tr class="group"><th colspan="{len(headers)}">{escape(title)}</th></tr>\n'
               + "\n".join(body) + "\n</tbody>" for title, body in groups]
    return (f'<div class="scroll"><table>\n<thead><tr>{head}</tr></thead>\n' + "\n".join(bodies)
            + "\n</table></div>\n")


def _light(light: str) -> str:
    """A light as a cell: its word, a dot and its colour (the word reads in grayscale too)."""
    return f'<td class="light {light}">{escape(light_label(light))}</td>'


def legend() -> str:
    """What each light means, in words."""
    parts = "".join(f'<span class="light {c}">{escape(light_label(c))}</span> {escape(t(f"rpt_legend_{c}"))}'
                    for c in ("red", "yellow", "green"))
    return f'<p class="legend">{escape(t("rpt_legend"))}{parts}</p>\n'


def chart(departments: Sequence[Mapping[str, Any]]) -> str:
    """Completion by department as an inline SVG of horizontal bars in each department's light,
    the light named after the rate."""
    label_w, bar_w, row_h, top = 190, 420, 24, 8
    height = top * 2 + row_h * max(1, len(departments))
    width = label_w + bar_w + 120
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(t("rpt_chart_title"))}">',
             f"<title>{escape(t('rpt_chart_title'))}</title>"]
    for i, d in enumerate(departments):
        y = top + i * row_h
        rate = d["completion_rate"]
        colour = LIGHT_COLOURS[d["light"]]
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="12">{escape(d["department"])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}" fill="#eee"/>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{bar_w * rate:.1f}" height="{row_h - 8}" '
                     f'fill="{colour}" data-code="{escape(d["code"])}" data-rate="{rate:.4f}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 16}" font-size="12">{pct(rate)} '
                     f'{escape(light_label(d["light"]))}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _ranking(data: Mapping[str, Any]) -> str:
    rows = []
    for n, d in enumerate(data["departments"], 1):
        rows.append("<tr>" + _cell(n, "num") + _cell(department_name(d)) + _cell(d["code"], "id") + _light(d["light"])
                    + "".join(_cell(d[k], "num" + (f" {k}" if k in ("overdue", "due_soon", "on_track") and d[k] else ""))
                              for k in COUNT_COLUMNS)
                    + _cell(pct(d["completion_rate"]), "num") + _cell(pct(d["on_time_rate"]), "num") + "</tr>")
    tot = data["totals"]
    rows.append('<tr class="total">' + _cell("") + _cell(t("rpt_total_row")) + _cell("") + _cell("")
                + "".join(_cell(tot[k], "num") for k in COUNT_COLUMNS)
                + _cell(pct(tot["completion_rate"]), "num") + _cell(pct(tot["on_time_rate"]), "num") + "</tr>")
    return _table([column("rank"), column("department"), column("code"), column("light"),
                   *[column(k) for k in COUNT_COLUMNS], column("completion_rate"), column("on_time_rate")], rows)


def _v2_cells(d: Mapping[str, Any]) -> str:
    return ("".join(_cell(d[k], "num") for k in V2_COLUMNS if k not in MONEY_COLUMNS)
            + "".join(_cell(money(d[k]), "num") for k in MONEY_COLUMNS))


def _follow_up(data: Mapping[str, Any], unit: str) -> str:
    rows = ["<tr>" + _cell(d["department"]) + _cell(last_update_text(d), "date" if d["reported"] else "date overdue")
            + _v2_cells(d) + "</tr>" for d in data["departments"]]
    rows.append('<tr class="total">' + _cell(t("rpt_total_row")) + _cell("") + _v2_cells(data["totals"]) + "</tr>")
    return _table([column("department"), column("last_update"), *[figure_label(k, unit) for k in V2_COLUMNS]], rows)


def _overdue(entries: Sequence[Mapping[str, Any]]) -> str:
    """The overdue items grouped by department, the most overdue department first."""
    keys = ("id", "title", "owner", "leader", "deadline", "days_overdue", "extension_count", "escalation",
            "latest_progress")
    groups = [(name, ['<tr class="overdue">' + _cell(e["id"], "id") + _cell(e["title"]) + _cell(e["owner"])
                      + _cell(e["leader"]) + _cell(e["deadline"], "date") + _cell(e["days_overdue"], "num")
                      + _cell(e["extensions"], "num") + _cell(level_label(e["escalation"]), "level")
                      + _cell(e["latest_progress"]) + "</tr>" for e in group])
              for name, group in group_by_department(entries)]
    return _table([column(k) for k in keys], [], groups)


def report(data: dict[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           unit: str = MONEY_UNIT, *, title: str | None = None, issuer: str | None = None,
           full: bool = False) -> str:
    """`report --format html`: the whole page; its title and foot from [report]."""
    title = title or t("rpt_title")
    body = [f"<h1>{escape(title)}</h1>", f'<p class="meta">{escape(as_of_line(data))}</p>',
            f'<p class="headline">{escape(headline(data))}</p>']
    summary = summary_lines(data, unit)
    if summary:
        body.append('<ul class="summary">' + "".join(f"<li>{escape(line)}</li>" for line in summary) + "</ul>")
    body += [legend(), f"<h2>{escape(t('rpt_chart_title'))}</h2>", chart(data["departments"]),
             f"<h2>{escape(t('rpt_sec_departments'))}</h2>", _ranking(data)]
    if data["departments"]:
        body += [f"<h2>{escape(t('rpt_sec_follow_up'))}</h2>", _follow_up(data, unit)]
    body.append(f"<h2>{escape(t('rpt_sec_overdue', count=len(data['overdue'])))}</h2>")
    body.append(_overdue(data["overdue"]) if data["overdue"] else f"<p>{escape(t('rpt_none'))}</p>")
    body.append(f"<h2>{escape(t('rpt_sec_due_soon', days=due_soon_days, count=len(data['due_soon'])))}</h2>")
    if data["due_soon"]:
        body.append(_table(
            [column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")],
            ['<tr class="due_soon">' + _cell(e["id"], "id") + _cell(e["department"]) + _cell(e["title"])
             + _cell(e["owner"]) + _cell(e["deadline"], "date") + _cell(e["days_left"], "num") + "</tr>"
             for e in data["due_soon"]]))
    else:
        body.append(f"<p>{escape(t('rpt_none'))}</p>")
    if data["categories"]:
        body.append(f"<h2>{escape(t('rpt_sec_categories'))}</h2>")
        body.append(_table([column(k) for k in ("category", "total", "done", "overdue")],
                           ["<tr>" + _cell(category_name(c["category"])) + _cell(c["total"], "num")
                            + _cell(c["done"], "num") + _cell(c["overdue"], "num") + "</tr>"
                            for c in data["categories"]]))
    used = measure_counts(data)
    if used:
        body.append(f"<h2>{escape(t('rpt_sec_accountability'))}</h2>")
        body.append(_table([column("measure"), column("persons")],
                           ["<tr>" + _cell(m) + _cell(n, "num") + "</tr>" for m, n in used]))
    if data["since"] is not None:
        for key in ("new_since", "done_since"):
            body.append(f"<h2>{escape(t(f'rpt_sec_{key}', since=text(data['since']), count=len(data[key])))}</h2>")
            if not data[key]:
                body.append(f"<p>{escape(t('rpt_none'))}</p>")
                continue
            found = [(i, lookup.get(i) if lookup else None) for i in data[key]]
            body.append(_table([column("id"), column("department"), column("title")],
                               ["<tr>" + _cell(i, "id") + _cell(r.department if r else "")
                                + _cell(r.title if r else "") + "</tr>" for i, r in found]))
    foot = (t("rpt_foot", issuer=issuer, date=long_date(data["as_of"])) if issuer
            else t("rpt_foot_plain", date=long_date(data["as_of"])))
    body.append(f"<footer>{escape(foot)}</footer>")
    html_lang = "zh-CN" if lang() == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} {escape(text(data['as_of']))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")
