"""The words and cells of a 台账 as clerks write them (no I/O): 完成情况 words, deadline
words (长期坚持, 立行立改), section rows (一、思想认识方面（2项）), 合计 and signature rows,
persons in one cell, dates as Excel serials or text, money and percentages.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

CLOSED = ("已完成", "已整改", "完成", "已办结", "办结", "已完成整改", "整改完成", "已整改完成", "已落实")
VERIFIED = ("已销号", "销号")
OPEN = ("正在整改", "整改中", "未完成", "未整改", "推进中", "正在推进", "持续推进中")
PARTIAL = ("基本完成", "部分完成")
ONGOING = ("长期坚持", "持续整改", "长期整改")
STATUS_WORDS = (*CLOSED, *VERIFIED, *OPEN, *PARTIAL, *ONGOING)
# The words a refusal suggests (SPEC's; the others are understood too).
STATUS_SHOWN = ("已完成", "已整改", "已办结", "已销号", "正在整改", "整改中", "未完成", "基本完成", "部分完成", "长期坚持")
# A deadline cell saying the problem has no end date, or is fixed at once.
NO_END = ("长期坚持", "持续", "常态化", "持续整改", "长期", "常态长效", "持续推进", "长期坚持整改")
AT_ONCE = ("立行立改", "立即整改", "即知即改")
SKIP_START = ("合计", "总计", "小计", "共计")
SIGNATURES = ("填表人", "审核人", "联系电话", "制表", "填报人", "审核", "负责人签字", "单位负责人", "分管领导签字",
              "主要负责人", "联系人")
PERSON_SPLIT = re.compile(r"[、，,;；\n/]+")
PLACEHOLDERS = frozenset(("无", "暂无", "/", "-", "—", "——", "－", "／", "n/a", "N/A"))
EXCEL_EPOCH = date(1899, 12, 30)
MAX_CELL = 32_767  # the most characters an Excel cell holds


SPACE = re.compile(r"\s+")


def squeeze(value: str) -> str:
    """A word as compared: NFKC, no spaces."""
    return SPACE.sub("", unicodedata.normalize("NFKC", value))


def status_of(word: str) -> str | None:
    """closed, verified, open, partial or ongoing for a 完成情况 word ('' for an empty cell);
    None for a word not known."""
    text = squeeze(word).rstrip("。.")
    if not text:
        return "open"
    for kind, words in (("closed", CLOSED), ("verified", VERIFIED), ("open", OPEN), ("partial", PARTIAL),
                        ("ongoing", ONGOING)):
        if text in words:
            return kind
    return None


def deadline_word(text: str) -> str | None:
    """'ongoing' for 长期坚持/持续/常态化, 'immediate' for 立行立改, else None."""
    word = squeeze(text).rstrip("。.")
    if word in NO_END:
        return "ongoing"
    if word in AT_ONCE:
        return "immediate"
    return None


NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+|\d+|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+(?:部分|类|方面))"
                       r"[、.．，,\s]*")
COUNT = re.compile(r"[（(]\s*(?:共\s*)?\d+\s*(?:项|个|条|件)?\s*[)）]\s*$")


def section_category(text: str) -> str:
    """The category a section row names: 一、思想认识方面（2项） -> 思想认识."""
    word = " ".join(text.split())
    word = COUNT.sub("", NUMBERING.sub("", word, count=1)).strip(" ：:")
    for tail in ("方面", "问题", "类"):
        if word.endswith(tail) and len(word) > len(tail):
            word = word[: -len(tail)]
            break
    return word.strip()


SKIP = re.compile(r"^(?:合计|总计|小计|共计|共\d+(?:项|个|条)|(?:" + "|".join(SIGNATURES) + r")(?:$|[:：(（]))")


def skipped_row(texts: list[str]) -> bool:
    """A 合计 row or a signature row (填表人, 审核人, 联系电话, 制表): not an item. Such words
    begin one of the row's first cells."""
    return any(SKIP.match(squeeze(text)) for text in texts[:2])


def persons(text: str) -> list[str]:
    """The persons an owner cell names, in order (split at 、，,; and line breaks)."""
    return [p for p in (" ".join(part.split()) for part in PERSON_SPLIT.split(text)) if p]


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, spaces collapsed on one line, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = str(value).replace("\r\n", "\n").replace("\u3000", " ")
    if "\n" in text:
        return "\n".join(" ".join(line.split()) for line in text.strip().split("\n") if line.strip())
    return " ".join(text.split())


def serial_date(value: Any) -> date | None:
    """An Excel serial day number (46022 = 2025-12-31) as a date; None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = squeeze(str(value or ""))
        if not re.fullmatch(r"\d{5}(\.0+)?", text):
            return None
        value = float(text)
    if 20_000 <= value <= 80_000:
        return EXCEL_EPOCH + timedelta(days=int(value))
    return None


def cell_date(value: Any, reference: date) -> date:
    """A date cell: a real date, an Excel serial, or text in any DATE form (UsageError if none)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    serial = serial_date(value)
    if serial is not None:
        return serial
    from checklist.domain.dates import today

    return _text_date(cell_text(value).replace("\n", " "), reference, today())


@functools.lru_cache(maxsize=4096)
def _text_date(text: str, reference: date, _today: date) -> date:
    """A date written as text (a sheet repeats the same few deadlines: parsed once each; the
    day is part of the key, as +10d and today depend on it)."""
    from checklist.domain.dates import parse_date

    return parse_date(text, reference)


def money(value: Any) -> float | None:
    """A sum of money: a number, or text such as 86.5万元 or 1,200 (None when it is not one)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = squeeze(cell_text(value)).replace(",", "")
    found = re.fullmatch(r"(\d+(?:\.\d+)?)(?:万元|元|万)?", text)
    return float(found.group(1)) if found else None


def percent(value: Any) -> int | None:
    """A progress percentage 0-100: 50, 50%, or 0.5 from a cell formatted as a percentage."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value) * 100 if isinstance(value, float) and 0 < value < 1 else float(value)
    else:
        found = re.fullmatch(r"(\d+(?:\.\d+)?)%?", squeeze(cell_text(value)))
        if not found:
            return None
        number = float(found.group(1))
    return round(number) if 0 <= number <= 100 else None
