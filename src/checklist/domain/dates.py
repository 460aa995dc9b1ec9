"""Dates: the one source of "today" and the parser of the DATE forms clerks write."""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, timedelta

from checklist.errors import UsageError

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_ZH_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
_ZH_MONTH_END = re.compile(r"^(\d{4})年(\d{1,2})月(?:底|末)前?$")
_ZH_YEAR_END = re.compile(r"^(\d{4})年(?:底|末)前?$")
_RELATIVE = re.compile(r"^\+(\d{1,4})([dwm])$")


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
    """The same day `months` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _make(year: str, month: str, day: str, text: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise UsageError("bad_date", value=text) from None


def parse_date(text: str) -> date:
    """A DATE option: ISO, 2026/12/31, 2026年12月31日, today, +10d/+2w/+1m, 2026年12月底, 2026年底."""
    value = text.strip().replace("　", "")
    if value.lower() in ("today", "今天"):
        return today()
    if m := _ISO.match(value) or _ZH_DAY.match(value):
        return _make(m.group(1), m.group(2), m.group(3), text)
    if m := _ZH_MONTH_END.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise UsageError("bad_date", value=text)
        return date(year, month, calendar.monthrange(year, month)[1])
    if m := _ZH_YEAR_END.match(value):
        return date(int(m.group(1)), 12, 31)
    if m := _RELATIVE.match(value):
        count, unit = int(m.group(1)), m.group(2)
        base = today()
        if unit == "d":
            return base + timedelta(days=count)
        if unit == "w":
            return base + timedelta(weeks=count)
        return add_months(base, count)
    raise UsageError("bad_date", value=text)
