"""HTML output: one self-contained page (inline CSS, a Chinese font stack, no
scripts, no external files: it mails and prints as is). Completion is drawn as
bars of one neutral colour; each department's light is a dot with its word, in
the light's colour, explained in a legend. On a phone (below 640 px) tables
become labelled cards, so the page never scrolls sideways. In print (A4):
page numbers, a heading never alone at a page foot, the chart never cut (at
city scale it shows the first and last departments), overdue and due-soon
items capped per department unless --full.
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
    capped_groups,
    category_name,
    department_name,
    figure_label,
    group_by_department,
    headline,
    last_update_text,
    level_label,
    light_label,
    light_symbol,
    measure_counts,
    money,
    pct,
    summary_lines,
    text,
)
from checklist.render.notice import long_date

CSS = """
@page { size: A4; margin: 15mm 12mm 16mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
* { box-sizing: border-box; }
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
       "Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, system-ui, sans-serif;
       color: #222; margin: 1.5em auto; padding: 0 12px; max-width: 200mm; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 .2em; text-align: center; }
h2 { font-size: 13pt; border-left: 4px solid #555; padding-left: .5em; margin: 1.4em 0 .5em;
     break-after: avoid; page-break-after: avoid; }
p.meta { text-align: center; color: #555; margin: 0 0 1em; }
p.headline { font-size: 12pt; background: #f6f6f6; border: 1px solid #ddd; padding: .6em .8em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #999; padding: .25em .45em; vertical-align: top; }
th { background: #eee; font-weight: bold; }
table.keep th { word-break: keep-all; }  /* a heading breaks between words only, never 问题/数 */
td.num { text-align: right; white-space: nowrap; }
td.id, td.date { white-space: nowrap; }
tr.total td { font-weight: bold; background: #fafafa; }
.overdue { color: #c0392b; font-weight: bold; }
.due_soon { color: #9c6500; font-weight: bold; }
tr.overdue td:first-child { border-left: 4px solid #c0392b; }
tr.due_soon td:first-child { border-left: 4px dashed #9c6500; }
tr.group { break-after: avoid; page-break-after: avoid; }
tr.group th { text-align: left; background: #f3f3f3; }
tr.more td { color: #555; font-style: italic; }
.light { font-weight: bold; white-space: nowrap; }
.light.red, .level { color: #c0392b; }
.light.yellow { color: #9c6500; }
.light.green { color: #2f855a; }
p.legend { font-size: 10pt; color: #444; border: 1px solid #ddd; padding: .3em .6em; }
p.legend span.light { margin: 0 .3em 0 .8em; }
ul.summary { margin: .3em 0 1em; padding-left: 1.4em; }
div.scroll { overflow-x: auto; }
div.chart { margin: .5em 0 1em; break-inside: avoid; page-break-inside: avoid; font-size: 10pt; }
div.bar { display: grid; grid-template-columns: minmax(7em, 15em) 1fr 9.5em; gap: .5em; align-items: center;
          margin: .15em 0; }
div.bar .track { height: .95em; border: 1px solid #777; background: #fff; }
div.bar .fill { display: block; height: 100%; background: #5b6b7b;
                -webkit-print-color-adjust: exact; print-color-adjust: exact; }
div.bar .value { white-space: nowrap; }
div.gap { color: #555; margin: .3em 0; text-align: center; }
footer { color: #555; font-size: 9pt; margin-top: 2em; text-align: center; }
@media screen and (max-width: 640px) {
  body { font-size: 10.5pt; margin: .8em auto; }
  h1 { font-size: 15pt; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: 100%; }
  table.stack thead { display: none; }
  table.stack tr { border: 1px solid #999; margin: 0 0 .6em; }
  table.stack tr.group { border: none; margin: .8em 0 .3em; }
  table.stack td { border: none; border-bottom: 1px solid #eee; display: flex; gap: .6em; text-align: left; }
  table.stack td::before { content: attr(data-label); flex: 0 0 6.5em; font-weight: bold; color: #555; }
  table.stack td:empty { display: none; }
  table.stack td.num { text-align: left; }
  div.bar { grid-template-columns: 1fr 8.5em; }
  div.bar .name { grid-column: 1 / -1; }
}
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  table { font-size: 8.5pt; }
  div.scroll { overflow: visible; }
  tr, div.bar { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { margin-top: 1em; }
}
"""
LIGHT_COLOURS = {"red": "#c0392b", "yellow": "#9c6500", "green": "#2f855a"}
# At city scale the chart shows the first and the last CHART_END departments (the table ranks them all).
CHART_ALL = 30
CHART_END = 10


def _cell(value: Any, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(text(value))}</td>"


def _labelled(row: str, headers: Sequence[str]) -> str:
    """The row with each cell's heading as data-label, shown beside the value when a phone stacks the table."""
    parts = row.split("<td")
    return parts[0] + "".join(f'<td data-label="{escape(headers[i]) if i < len(headers) else ""}"{rest}'
                              for i, rest in enumerate(parts[1:]))


def _table(headers: Sequence[str], rows: Sequence[str], groups: Sequence[tuple[str, Sequence[str]]] = (),
           keep: bool = True) -> str:
    """A table a phone shows as cards (one per row, each value labelled); `groups` are (heading, rows)
    each in a tbody of its own."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    bodies = ["<tbody>\n" + "\n".join(_labelled(r, headers) for r in rows) + "\n</tbody>"] if rows or not groups else []
    bodies += [f'<tbody>\n<tr class="group"><th colspan="{len(headers)}">{escape(title)}</th></tr>\n'
               + "\n".join(_labelled(r, headers) for r in body) + "\n</tbody>" for title, body in groups]
    return (f'<div class="scroll"><table class="stack{" keep" if keep else ""}">\n<thead><tr>{head}</tr></thead>\n' + "\n".join(bodies)
            + "\n</table></div>\n")


def _more(count: int, width: int) -> str:
    return f'<tr class="more"><td colspan="{width}">{escape(t("rpt_html_more", count=count))}</td></tr>'


def _light(light: str) -> str:
    """A light as a cell: its word, a dot and its colour (the word reads in grayscale too)."""
    return f'<td class="light {light}">{escape(light_symbol(light) + light_label(light))}</td>'


def legend() -> str:
    """What each light means, in words."""
    parts = "".join(f'<span class="light {c}">{escape(light_symbol(c) + light_label(c))}</span> '
                    f'{escape(t(f"rpt_legend_{c}"))}'
                    for c in ("red", "yellow", "green"))
    return f'<p class="legend">{escape(t("rpt_legend"))}{parts}</p>\n'


def _bar(d: Mapping[str, Any]) -> str:
    rate = d["completion_rate"]
    return (f'<div class="bar" data-code="{escape(d["code"])}" data-rate="{rate:.4f}">'
            f'<span class="name">{escape(d["department"])}</span>'
            f'<span class="track"><span class="fill" style="width:{rate * 100:.1f}%"></span></span>'
            f'<span class="value">{pct(rate)} <span class="light {d["light"]}">'
            f'{escape(light_symbol(d["light"]) + light_label(d["light"]))}</span>'
            f"</span></div>")


def chart(departments: Sequence[Mapping[str, Any]]) -> str:
    """Completion by department as bars of one neutral colour (a light's colour means a light, never a
    rate), each light named after the rate; at city scale the first and the last CHART_END only."""
    shown: list[str] = []
    if len(departments) > CHART_ALL:
        shown += [_bar(d) for d in departments[:CHART_END]]
        gap = len(departments) - 2 * CHART_END
        shown.append(f'<div class="gap">{escape(t("rpt_chart_gap", count=gap))}</div>')
        shown += [_bar(d) for d in departments[-CHART_END:]]
    else:
        shown += [_bar(d) for d in departments]
    label = escape(t("rpt_chart_title"))
    return f'<div class="chart" role="img" aria-label="{label}">\n' + "\n".join(shown) + "\n</div>\n"


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
    # sixteen figures: their headings stack to fit the page
    return _table([column("department"), column("last_update"), *[figure_label(k, unit) for k in V2_COLUMNS]], rows,
                  keep=False)


def _overdue(entries: Sequence[Mapping[str, Any]], full: bool) -> str:
    """The overdue items grouped by department, the most overdue department first, DEPT_CAP each unless full."""
    keys = ("id", "title", "owner", "leader", "deadline", "days_overdue", "extension_count", "escalation",
            "latest_progress")
    groups = []
    for name, shown, rest in capped_groups(group_by_department(entries), full):
        rows = ['<tr class="overdue">' + _cell(e["id"], "id") + _cell(e["title"]) + _cell(e["owner"])
                + _cell(e["leader"]) + _cell(e["deadline"], "date")
                + _cell(t("notice_days_overdue", days=e["days_overdue"]), "num overdue")
                + _cell(e["extensions"], "num") + _cell(level_label(e["escalation"]), "level")
                + _cell(e["latest_progress"]) + "</tr>" for e in shown]
        if rest:
            rows.append(_more(rest, len(keys)))
        groups.append((t("rpt_html_group", name=name, count=len(shown) + rest), rows))
    return _table([column(k) for k in keys], [], groups)


def _due_soon(entries: Sequence[Mapping[str, Any]], full: bool) -> str:
    """The due-soon items, nearest first, DEPT_CAP per department unless full."""
    keep = {id(e) for _, shown, _ in capped_groups(group_by_department(entries), full) for e in shown}
    shown = [e for e in entries if id(e) in keep]
    rows = ['<tr class="due_soon">' + _cell(e["id"], "id") + _cell(e["department"]) + _cell(e["title"])
            + _cell(e["owner"]) + _cell(e["deadline"], "date")
            + _cell(t("notice_days_left", days=e["days_left"]) if e["days_left"] else t("notice_due_today"),
                    "num due_soon") + "</tr>" for e in shown]
    if len(shown) < len(entries):
        rows.append(_more(len(entries) - len(shown), 6))
    return _table([column(k) for k in ("id", "department", "title", "owner", "deadline", "days_left")], rows)


def report(data: dict[str, Any], due_soon_days: int, lookup: Mapping[str, Record] | None = None,
           unit: str = MONEY_UNIT, *, title: str | None = None, issuer: str | None = None,
           full: bool = False) -> str:
    """`report --format html`: the whole page; its title and foot from [report]."""
    title = title or t("rpt_title")
    body = [f"<h1>{escape(title)}</h1>", f'<p class="meta">{escape(" ".join(filter(None, [issuer, as_of_line(data)])))}</p>',
            f'<p class="headline">{escape(headline(data))}</p>']
    summary = summary_lines(data, unit)
    if summary:
        body.append('<ul class="summary">' + "".join(f"<li>{escape(line)}</li>" for line in summary) + "</ul>")
    body += [legend(), f"<h2>{escape(t('rpt_chart_title'))}</h2>", chart(data["departments"]),
             f"<h2>{escape(t('rpt_sec_departments'))}</h2>", _ranking(data)]
    if data["departments"]:
        body += [f"<h2>{escape(t('rpt_sec_follow_up'))}</h2>", _follow_up(data, unit)]
    body.append(f"<h2>{escape(t('rpt_sec_overdue', count=len(data['overdue'])))}</h2>")
    body.append(_overdue(data["overdue"], full) if data["overdue"] else f"<p>{escape(t('rpt_none'))}</p>")
    body.append(f"<h2>{escape(t('rpt_sec_due_soon', days=due_soon_days, count=len(data['due_soon'])))}</h2>")
    if data["due_soon"]:
        body.append(_due_soon(data["due_soon"], full))
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
