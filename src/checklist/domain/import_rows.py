"""The data rows of a 台账 as items (no I/O): each row's fields read as SPEC's Import section
says, and every problem of every row collected, named by the header the sheet gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checklist.domain import import_words as words
from checklist.domain.import_header import Header
from checklist.domain.values import Item, clean_name, clean_text
from checklist.errors import UsageError


@dataclass(frozen=True)
class Context:
    """What every row is read with: the options and the sheet's 填报日期."""

    today: date
    report_date: date | None = None  # the sheet's 填报日期
    closed_on: date | None = None  # --closed-on
    verified_by: str | None = None  # --verified-by
    categories: tuple[str, ...] = ()


@dataclass
class RowProblem:
    """One problem of one row: FILE:ROW: field: message (the field as the sheet names it)."""

    row: int
    label: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Row:
    """A data row read as an item (no ID yet), with the department its 责任单位 cell names."""

    number: int
    item: Item
    department: str = ""
    has_created: bool = False


@dataclass
class Rows:
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_rows(numbered: list[tuple[int, list[Any]]], header: Header, ctx: Context) -> Rows:
    """Every data row below the header as an item, or its problems; section rows set the
    category of the rows below them; blank, 合计 and signature rows are skipped."""
    out = Rows()
    section = ""
    number_col = next((c for c, n in header.columns.items() if n == "number"), None)
    columns = [(col, name) for col, name in header.columns.items()]
    for number, row in numbered:
        present = [col for col, v in enumerate(row) if v is not None and (not isinstance(v, str) or v.strip())]
        if not present or words.skipped_row([words.cell_text(row[col]) for col in present[:2]]):
            continue
        rest = [col for col in present if col != number_col]
        numbered_row = _is_number(row[number_col] if number_col is not None and number_col < len(row) else None)
        lone = rest if len(rest) == 1 else present if len(present) == 1 else []
        if len(lone) == 1 and not numbered_row:
            only = words.cell_text(row[lone[0]])
            if not _is_number(only) and len(only) <= 60:
                section = words.section_category(only)
                continue
        values = {name: row[col] if col < len(row) else None for col, name in columns}
        text = {name: words.cell_text(value) for name, value in values.items()}
        _row(out, number, values, text, header, ctx, section)
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) or words.cell_text(value).isdigit()


def _row(out: Rows, number: int, values: dict[str, Any], text: dict[str, str], header: Header, ctx: Context,
         section: str) -> None:
    problems: list[RowProblem] = []

    def bad(name: str, key: str, **params: Any) -> None:
        problems.append(RowProblem(number, header.names.get(name, name), key, params))

    for name, value in text.items():
        if 0 < len(value) <= 3 and name not in ("title", "status") and words.squeeze(value) in words.PLACEHOLDERS:
            text[name] = ""  # 无, /, — : the clerk's way of leaving a cell empty
    for name, value in text.items():
        if len(value) > words.MAX_CELL:
            bad(name, "imp_cell_too_long", size=len(value), limit=words.MAX_CELL)
            text[name] = value[: words.MAX_CELL]  # the row is refused: read on only for its other problems
    item: Item = {}
    if not text.get("title"):
        bad("title", "imp_missing_title")
    item["title"] = clean_text(text.get("title", ""))
    _persons(item, values, text, bad)
    kind = words.status_of(text.get("status", ""))
    if kind is None:
        bad("status", "imp_bad_status", value=text["status"], choices="、".join(words.STATUS_SHOWN))
    created = _date(values, text, "created_on", ctx, bad)
    _deadline(item, values, text, kind, ctx, bad)
    for name in ("leader", "unit", "target", "remarks", "source"):
        if text.get(name):
            item[name] = clean_name(text[name]) if name == "leader" else clean_text(text[name])
    if text.get("measures"):
        item["measures"] = "\n".join(line for line in text["measures"].split("\n"))
    if text.get("partners"):
        item["partners"] = words.persons(text["partners"])
    _category(item, text.get("category") or section, ctx, bad)
    _numbers(item, values, text, bad)
    closed = _closure(item, values, text, kind, ctx, bad) if kind in ("closed", "verified") else None
    created = created or ctx.report_date or ctx.today
    if closed is not None and closed < created:
        created = closed
    if created > ctx.today:
        bad("created_on", "imp_future", date=created.isoformat(), today=ctx.today.isoformat())
    item["created_on"] = created
    if item.get("type") == "immediate" and "deadline" not in item:
        item["deadline"] = created
    progress = text.get("progress", "")
    if kind == "partial":
        progress = progress or text["status"]
        if "percent" not in header.names and "percent" not in item:
            item["percent"] = 50
    if progress and item.get("result") != clean_text(progress):
        day = max(ctx.report_date or ctx.today, created)
        item["progress"] = [{"date": min(day, ctx.today), "note": clean_text(progress)}]
    if kind in ("closed", "verified") and "percent" in item:
        item["percent"] = 100
    if problems:
        out.problems.extend(problems)
        return
    out.rows.append(Row(number, _ordered(item), text.get("department", ""), bool(text.get("created_on"))))


def _persons(item: Item, values: dict[str, Any], text: dict[str, str], bad: Any) -> None:
    """The owner (the first person of the 责任人 cell; the leader's or the unit's cell when the
    sheet has no 责任人 column) and the other persons named as co_owners."""
    source = next((n for n in ("owner", "leader", "unit") if n in text), "owner")
    raw = values.get(source)
    written = raw if isinstance(raw, str) and len(raw) <= words.MAX_CELL else text.get(source, "")
    # Each name as written: the padding that aligns it ("孙　伟") is kept (names compare without it).
    names = [part.strip() for part in words.PERSON_SPLIT.split(written) if part.strip()]
    if not names:
        bad(source, "imp_missing_owner")
        item["owner"] = ""
        return
    item["owner"] = clean_name(names[0])
    if source == "owner" and len(names) > 1:
        item["co_owners"] = [clean_name(n) for n in names[1:]]


def _date(values: dict[str, Any], text: dict[str, str], name: str, ctx: Context, bad: Any) -> date | None:
    if not text.get(name):
        return None
    try:
        return words.cell_date(values[name], ctx.report_date or ctx.today)
    except UsageError:
        bad(name, "imp_bad_date", value=text[name])
        return None


def _deadline(item: Item, values: dict[str, Any], text: dict[str, str], kind: str | None, ctx: Context,
              bad: Any) -> None:
    word = words.deadline_word(text.get("deadline", ""))
    if kind == "ongoing" or word == "ongoing":
        item["type"] = "ongoing"
    elif word == "immediate":
        item["type"] = "immediate"
    if word is None and text.get("deadline"):
        day = _date(values, text, "deadline", ctx, bad)
        if day is not None:
            item["deadline"] = day
    elif word is None and item.get("type") != "ongoing":
        bad("deadline", "imp_missing_deadline")


def _category(item: Item, category: str, ctx: Context, bad: Any) -> None:
    category = clean_text(category)
    if not category:
        return
    if ctx.categories and category not in ctx.categories:
        from checklist.problems import did_you_mean

        hint = did_you_mean(category, list(ctx.categories))
        bad("category", "imp_bad_category_hint" if hint else "imp_bad_category", value=category,
            choices="、".join(ctx.categories), hint=hint or "")
    item["category"] = category


def _numbers(item: Item, values: dict[str, Any], text: dict[str, str], bad: Any) -> None:
    for name in ("amount", "recovered"):
        if text.get(name):
            value = words.money(values[name])
            if value is None:
                bad(name, "imp_bad_money", value=text[name])
            else:
                item[name] = int(value) if value.is_integer() else value
    if text.get("percent"):
        share = words.percent(values["percent"])
        if share is None:
            bad("percent", "imp_bad_percent", value=text["percent"])
        else:
            item["percent"] = share


def _closure(item: Item, values: dict[str, Any], text: dict[str, str], kind: str | None, ctx: Context,
             bad: Any) -> date | None:
    """A closed row's closed_on (its 完成时间, else --closed-on, else 填报日期) and result; a
    已销号 row with 销号时间 is verified when --verified-by names who checked it."""
    column = "closed_on" if text.get("closed_on") else "verified_on"
    closed = _date(values, text, column, ctx, bad) if text.get(column) else None
    closed = closed or ctx.closed_on or ctx.report_date
    if closed is None:
        bad("status", "imp_closed_no_date", word=text.get("status", ""))
        return None
    if closed > ctx.today:
        bad(column if text.get(column) else "status", "imp_future", date=closed.isoformat(), today=ctx.today.isoformat())
    item["status"] = "closed"
    item["closed_on"] = closed
    item["result"] = clean_text(text.get("result") or text.get("progress") or text.get("status", ""))
    if kind == "verified" and text.get("verified_on") and ctx.verified_by:
        verified = _date(values, text, "verified_on", ctx, bad)
        if verified is not None:
            from checklist.domain.names import same_person

            people = [item.get("owner", ""), *item.get("co_owners", [])]
            if any(same_person(ctx.verified_by, p) for p in people):
                bad("verified_on", "imp_verifier_is_owner", who=ctx.verified_by)
            item.update(status="verified", verified_on=max(verified, closed), verified_by=clean_text(ctx.verified_by))
    return closed


def _ordered(item: Item) -> Item:
    """The item's keys in the field table's order, status open unless closed."""
    from checklist.domain.fields import ITEM_FIELDS

    item.setdefault("status", "open")
    order = {name: index for index, name in enumerate(ITEM_FIELDS)}
    return dict(sorted(item.items(), key=lambda kv: order.get(kv[0], len(order))))
