"""A notice (催办/督办/约谈通知) as the office sends it to one department: the number,
the addressee, what is overdue or due soon and since when, the items in a table, the
reply asked for by a date, the issuer and the date. docx (GB/T 9704 conventions:
A4, 小标宋 title, 仿宋 body, page numbers), markdown or html.
"""

from __future__ import annotations

import io
from datetime import date
from html import escape

from checklist.domain.notices import Notice, NoticeItem
from checklist.i18n import lang, t
from checklist.render import level_label, text

FORMATS = ("docx", "markdown", "html")
SUFFIX = {"docx": ".docx", "markdown": ".md", "html": ".html"}
HEAD_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"


def long_date(day: date) -> str:
    """A date as a letter writes it: 2026年12月1日, or 1 December 2026."""
    if lang() == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


def kind_title(notice: Notice) -> str:
    return t(f"notice_kind_{notice.kind}")


def number_line(notice: Notice) -> str:
    return t("notice_number", level=level_label(notice.kind).capitalize() if lang() == "en" else level_label(notice.kind),
             year=notice.as_of.year,
             number=notice.number)


def file_name(notice: Notice, fmt: str) -> str:
    """`01-CZJ-市财政局-督办通知.docx`: sorted as numbered, named as the clerk reads it."""
    safe = "".join(c for c in notice.department if c not in '\\/:*?"<>|').strip() or notice.code
    return f"{notice.number:02d}-{notice.code}-{safe}-{kind_title(notice)}{SUFFIX[fmt]}"


def paragraphs(notice: Notice, issuer: str | None) -> tuple[str, list[str]]:
    """The addressee line and the body paragraphs before the table, then after it."""
    opening = t("notice_opening", as_of=long_date(notice.as_of), overdue=notice.overdue, due_soon=notice.due_soon)
    request = t(f"notice_request_{notice.kind}", reply_by=long_date(notice.reply_by),
                issuer=issuer or t("notice_issuer_default"))
    return t("notice_to", department=notice.department), [opening, request]


HEADERS = ("notice_col_n", "notice_col_id", "notice_col_title", "notice_col_owner", "notice_col_leader",
           "notice_col_deadline", "notice_col_days", "notice_col_level", "notice_col_progress")


def _days(item: NoticeItem) -> str:
    if item.state == "overdue":
        return t("notice_days_overdue", days=item.days)
    return t("notice_days_left", days=item.days) if item.days else t("notice_due_today")


def row(n: int, item: NoticeItem) -> list[str]:
    level = level_label(item.escalation) if item.escalation else t("notice_level_due_soon")
    if item.extensions:
        level += t("notice_extended", count=item.extensions)
    return [str(n), item.id, item.title, item.owner, item.leader, text(item.deadline), _days(item), level,
            item.latest_progress or t("notice_no_progress")]


def markdown(notice: Notice, issuer: str | None) -> str:
    from checklist.render.markdown import table

    to, (opening, request) = paragraphs(notice, issuer)
    rows = [row(n, i) for n, i in enumerate(notice.items, 1)]
    sign = [issuer] if issuer else []
    return "\n\n".join([f"# {kind_title(notice)}", number_line(notice), to, opening,
                        table([t(h) for h in HEADERS], rows).rstrip("\n"), request,
                        "  \n".join([*sign, long_date(notice.as_of)])]) + "\n"


CSS = """
@page { size: A4; margin: 30mm 26mm 28mm 28mm; }
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 1.6; max-width: 48em; margin: 1em auto; padding: 0 1em; }
h1 { font-family: "方正小标宋简体", "STZhongsong", "SimSun", "Noto Serif CJK SC", serif; font-weight: normal;
     font-size: 22pt; text-align: center; margin: 0.5em 0; }
.no { text-align: center; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 4px; vertical-align: top; }
th { background: #eee; }
.sign { text-align: right; margin-top: 2em; }
@media print { .wrap { overflow: visible; } tr { break-inside: avoid; } }
"""


def html(notice: Notice, issuer: str | None) -> str:
    to, (opening, request) = paragraphs(notice, issuer)
    head = "".join(f"<th>{escape(t(h))}</th>" for h in HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row(n, i)) + "</tr>"
                   for n, i in enumerate(notice.items, 1))
    sign = "<br>".join(escape(s) for s in [*([issuer] if issuer else []), long_date(notice.as_of)])
    title = kind_title(notice)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang() == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)} {escape(notice.department)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<h1>{escape(title)}</h1>\n<p class=\"no\">{escape(number_line(notice))}</p>\n"
            f"<p>{escape(to)}</p>\n<p>{escape(opening)}</p>\n"
            f'<div class="wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n'
            f"<p>{escape(request)}</p>\n<p class=\"sign\">{sign}</p>\n</body>\n</html>\n")


def docx(notice: Notice, issuer: str | None) -> bytes:
    """The notice as a Word document, A4 portrait with GB/T 9704's margins and a page number."""
    from checklist.render import docx_base as base

    doc = base.document()
    to, (opening, request) = paragraphs(notice, issuer)
    base.title(doc, kind_title(notice))
    base.centred(doc, number_line(notice))
    base.paragraph(doc, to, indent=False)
    base.paragraph(doc, opening)
    base.table(doc, [t(h) for h in HEADERS], [row(n, i) for n, i in enumerate(notice.items, 1)],
               widths=(0.8, 2.1, 3.5, 1.3, 1.3, 1.9, 1.5, 1.3, 1.9))  # 15.6 cm: A4 less the margins
    base.paragraph(doc, request)
    base.signature(doc, [*([issuer] if issuer else []), long_date(notice.as_of)])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
