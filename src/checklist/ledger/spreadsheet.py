"""`checklist import` planned: a 台账 read into new items and edits of items already in the ledger.

    read_sheet(path, display, ledger, options) -> Plan

The sheet is read safely (`sheet_read`), its header found (`domain.import_header`), its
rows read as items (`domain.import_rows`), each row routed to its department here (by its
责任单位 cell, or `--dept`, checked against the sheet's 填报单位 and title), and each row
matched against the ledger (`domain.import_match`). Nothing is written: `sheet_write` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checklist.domain import import_match as match
from checklist.domain.import_header import Header, Masthead, find_header, masthead
from checklist.domain.import_rows import Context, Row, RowProblem, read_rows
from checklist.domain.import_words import persons
from checklist.domain.values import Item
from checklist.errors import ChecklistError, UsageError
from checklist.ledger.departments import Roster, normalize


@dataclass(frozen=True)
class Options:
    dept: str | None = None
    sheet: str | None = None
    closed_on: date | None = None
    verified_by: str | None = None
    update: bool = False


@dataclass
class New:
    number: int
    code: str
    item: Item  # without its ID


@dataclass
class Edit:
    number: int
    code: str
    id: str
    title: str
    changes: match.Changes


@dataclass
class Plan:
    """What an import would do: new items, edits of matched items, duplicates left alone."""

    file: str
    sheet: str = ""
    update: bool = False
    names: dict[str, str] = field(default_factory=dict)  # department code -> name
    new: list[New] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)  # (row, ID, title)
    problems: list[RowProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (row, ID, field) not applied

    def format(self, problem: RowProblem) -> str:
        from checklist.i18n import t

        return f"{self.file}:{problem.row}: {problem.label}: {t(problem.key, **problem.params)}"


def _has_header(numbered: list[tuple[int, list[Any]]]) -> bool:
    return find_header([row for _, row in numbered]) is not None


def read_sheet(path: Path, display: str, ledger: Any, options: Options) -> Plan:
    """The plan of importing the spreadsheet at `path` into `ledger`; refused (a ChecklistError)
    when the sheet as a whole cannot be read or routed. Row problems are in `plan.problems`."""
    from checklist.domain.dates import today
    from checklist.ledger import sheet_read

    kind = sheet_read.check_file(path, display)
    if kind == "csv":
        if options.sheet is not None:
            raise UsageError("imp_sheet_csv", file=display)
        book = sheet_read.read_csv(path, display)
    else:
        book = sheet_read.read_xlsx(path, display, options.sheet, _has_header)
    grid = [row for _, row in book.rows]
    header = find_header(grid)
    if header is None:
        raise ChecklistError("imp_no_header", file=display)
    found = set(header.columns.values())
    if not found & {"owner", "leader", "unit"} or "deadline" not in found:
        from checklist.i18n import column

        missing = [column(w) for w, ok in (("owner", found & {"owner", "leader", "unit"}), ("deadline", "deadline" in found)) if not ok]
        raise ChecklistError("imp_missing_columns", file=display, row=book.rows[header.first][0], columns=", ".join(missing))
    head = masthead(grid[: header.first])
    day = today()
    report_date = _report_date(head, day, display, book.rows[0][0] if book.rows else 1)
    config = ledger.config
    ctx = Context(day, report_date, options.closed_on, options.verified_by, tuple(config.categories))
    rows = read_rows(book.rows[header.last + 1:], header, ctx)
    plan = Plan(display, book.sheet, options.update, problems=rows.problems, ignored=header.ignored)
    _route(plan, rows.rows, header, head, ledger, options)
    _match(plan, rows.rows, ledger, options, day)
    plan.problems.sort(key=lambda p: p.row)
    return plan


def _report_date(head: Masthead, day: date, display: str, row: int) -> date | None:
    if not head.date:
        return None
    from checklist.domain.import_words import cell_date

    try:
        found = cell_date(head.date, day)
    except UsageError:
        raise ChecklistError("imp_bad_report_date", file=display, value=head.date) from None
    return min(found, day)


# ---------------------------------------------------------------- departments


def _named(roster: Roster, text: str) -> list[str]:
    """The codes of the roster departments a title or 填报单位 names (by full name or alias)."""
    wanted = normalize(text)
    if not wanted:
        return []
    exact = roster.find(text)
    if exact is not None:
        return [exact[0]]
    return [code for code in roster.names
            if any(len(normalize(w)) >= 2 and normalize(w) in wanted for w in roster.words(code)[1:])]


def _route(plan: Plan, rows: list[Row], header: Header, head: Masthead, ledger: Any, options: Options) -> None:
    """Each row's department: `--dept`, or the one its 责任单位 cell names (else the one the
    sheet's 填报单位 or title names); a sheet or row naming another department is refused."""
    from checklist.ledger.departments import resolve

    roster = Roster.of(ledger)
    label = header.names.get("department", "责任单位")
    default: tuple[str, str] | None = None
    if options.dept is not None:
        default = resolve(ledger, options.dept)
        for text in (head.unit, head.title):
            others = [c for c in _named(roster, text) if c != default[0]]
            if others and default[0] not in _named(roster, text):
                raise ChecklistError("imp_sheet_other_dept", file=plan.file, where=text, other=roster.names[others[0]],
                                     dept=default[1])
    else:
        named = _named(roster, head.unit) or _named(roster, head.title)
        if len(named) == 1:
            default = (named[0], roster.names[named[0]])
        elif "department" not in header.columns.values():
            raise UsageError("imp_needs_dept", file=plan.file)
    known: dict[str, tuple[str, str] | None] = {}
    for row in rows:
        parts = persons(row.department)
        if parts and parts[0] not in known:
            known[parts[0]] = roster.find(parts[0])
        found = known[parts[0]] if parts else None
        if options.dept is not None and default is not None:
            if found is not None and found[0] != default[0]:
                plan.problems.append(RowProblem(row.number, label, "imp_row_other_dept", {"value": row.department, "dept": default[1]}))
                continue
            if parts and found is None:
                row.item.setdefault("unit", row.department)
            code, name = default
        elif found is not None:
            code, name = found
        elif parts:
            hints = roster.closest(parts[0])
            plan.problems.append(RowProblem(row.number, label, "imp_unknown_dept_hint" if hints else "imp_unknown_dept",
                                            {"value": parts[0], "hint": "、".join(hints)}))
            continue
        elif default is not None:
            code, name = default
        else:
            plan.problems.append(RowProblem(row.number, label, "imp_no_dept", {}))
            continue
        if len(parts) > 1 and "partners" not in row.item:
            row.item["partners"] = parts[1:]
        plan.names[code] = name
        row.department = code


# ---------------------------------------------------------------- re-import


def _match(plan: Plan, rows: list[Row], ledger: Any, options: Options, day: date) -> None:
    """New rows, and rows that are items already in the ledger: skipped and listed, or with
    `--update`, their changes planned (each checked now as the command would check it)."""
    routed = {row.number for row in rows if row.department in plan.names}
    known: dict[tuple[str, tuple[str, str]], Item] = {}
    for fd in ledger.files:
        for dept in fd.departments:
            if dept.get("code") in plan.names:
                for item in dept["items"]:
                    for with_created in (True, False):  # a row without a 交办时间 matches by title alone
                        known.setdefault((dept["code"], match.match_key(item, with_created)), item)
    reason = f"依据《{Path(plan.file).name}》调整"
    for row in rows:
        if row.number not in routed:
            continue
        old = known.get((row.department, match.match_key(row.item, row.has_created)))
        if old is None:
            plan.new.append(New(row.number, row.department, row.item))
            continue
        if not options.update:
            plan.duplicates.append((row.number, old["id"], old["title"]))
            continue
        found = match.changes(match.dated(old), row.item, today=day, reason=reason)
        plan.skipped.extend((row.number, old["id"], name) for name in found.skipped)
        if not found.steps:
            plan.duplicates.append((row.number, old["id"], old["title"]))
            continue
        if any(name == "deadline" for name, _ in found.steps) and ledger.config.extension_needs_approval:
            plan.problems.append(RowProblem(row.number, old["id"], "imp_extend_needs_approval", {"id": old["id"]}))
            continue
        refused = match.check(old, found)
        if refused is not None:
            plan.problems.append(RowProblem(row.number, old["id"], "imp_edit_refused", {"reason": refused.message()}))
            continue
        plan.edits.append(Edit(row.number, row.department, old["id"], old["title"], found))
