"""Dates: the one source of "today" and the parser of the DATE forms clerks write.

    2026-12-31  2026/12/31  2026.12.31  2026年12月31日 (号)     the day
    today  +10d  +2w  +1m  -7d  -2w  -1m                        from today
    2026年12月 (底, 末, 份)  2026年底                           the month's or the year's last day
    2026年12月上旬/中旬/下旬                                    the 10th, the 20th, the last day
    2026年第四季度 (四季度, 第4季度)  2026年上半年/下半年        the quarter's or the half's last day

Each absolute form may end in 前, 以前 or 之前 (a deadline: "by then"); without
its year (12月31日前, 12月底, 年底) it falls in the reference day's year, or
the next year when that day has already passed. Full-width digits and
spaces anywhere are read as typed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import MAXYEAR, date, timedelta

from checklist.errors import UsageError

# The DATE forms, compiled on the first date parsed: most commands parse none.
_ISO = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"
_RELATIVE = r"^([+-])(\d{1,6})([dwm])$"
_ZH = (
    r"^(?:(?P<year>\d{4})年)?(?:"
    r"(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]?|(?P<part>底|末|份|上旬|中旬|下旬))?"
    r"|第?(?P<quarter>[1-4一二三四])季度(?:底|末)?"
    r"|(?P<half>[上下])半年(?:底|末)?"
    r"|(?P<year_end>(?<=年)[底末]|年[底末])"
    r")$"
)
_BEFORE = r"(?:以前|之前|前)$"
# Dashes a Chinese input method types for the minus of -7d.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}
_TENDAYS = {"上旬": 10, "中旬": 20}


def _days_in(year: int, month: int) -> int:
    """The number of days in a month (calendar.monthrange's, without importing calendar and
    locale for every run)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def today() -> date:
    """Today's local date, or CHECKLIST_TODAY=YYYY-MM-DD when set."""
    value = os.environ.get("CHECKLIST_TODAY", "").strip()
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UsageError("bad_checklist_today", value=value) from None
    return date.today()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (ValueError past 9999)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    return date(year, month, min(day.day, _days_in(year, month)))


def shift(day: date, days: int) -> date:
    """`day` plus `days`, held within 0001-01-01..9999-12-31 (a due-soon window at the calendar's end)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _month_end(year: int, month: int) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range")
    return date(year, month, _days_in(year, month))


def _chinese(m: re.Match[str]) -> Callable[[int], date]:
    """The day a Chinese form names, given the year (ValueError when that year has no such day)."""
    if m["month"]:
        month = int(m["month"])
        if m["day"]:
            day = int(m["day"])
            return lambda year: date(year, month, day)
        tenth = _TENDAYS.get(m["part"] or "")
        if tenth:
            return lambda year: _month_end(year, month).replace(day=tenth)
        return lambda year: _month_end(year, month)
    if m["quarter"]:
        quarter = _QUARTERS.get(m["quarter"]) or int(m["quarter"])
        return lambda year: _month_end(year, 3 * quarter)
    if m["half"]:
        month = 6 if m["half"] == "上" else 12
        return lambda year: _month_end(year, month)
    return lambda year: date(year, 12, 31)


def _relative(sign: str, count: int, unit: str, text: str) -> date:
    signed = count if sign == "+" else -count
    try:
        if unit == "m":
            return add_months(today(), signed)
        return today() + timedelta(days=signed * (7 if unit == "w" else 1))
    except (OverflowError, ValueError):
        raise UsageError("date_out_of_range", value=text) from None


def _this_or_next(make: Callable[[int], date], reference: date, text: str) -> date:
    """A year-less day: in the reference day's year, or the next year once it has passed."""
    for year in (reference.year, reference.year + 1):
        try:
            day = make(year)
        except ValueError:
            continue  # no such day that year (2月29日), or past 9999
        if day >= reference:
            return day
    raise UsageError("date_out_of_range" if reference.year >= MAXYEAR else "bad_date", value=text)


def parse_date(text: str, reference: date | None = None) -> date:
    """A DATE as clerks write it (see the module's table); a year-less form falls on or after
    `reference` (default today). Anything else is a UsageError naming the forms."""
    value = "".join(unicodedata.normalize("NFKC", text).translate(_DASHES).split()).lower()
    if value in ("today", "今天"):
        return today()
    if m := re.match(_RELATIVE, value):
        return _relative(m.group(1), int(m.group(2)), m.group(3), text)
    value = re.sub(_BEFORE, "", value)
    if m := re.match(_ISO, value):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise UsageError("bad_date", value=text) from None
    if m := re.match(_ZH, value):
        make = _chinese(m)
        if m["year"] is None:
            return _this_or_next(make, reference or today(), text)
        try:
            return make(int(m["year"]))
        except ValueError:
            raise UsageError("bad_date", value=text) from None
    raise UsageError("bad_date", value=text)
