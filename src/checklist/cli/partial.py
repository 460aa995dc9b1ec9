"""Partial reports: one department's broken file never blocks the city's report.

`report` and `list` read the ledger; when some list files do not validate, their
problems go to stderr, the valid files are reported, the output says plainly
which departments were left out and why (a banner, a field, a note row: each
format its own way), and the command exits 1. A broken checklist.toml still
stops everything: every figure depends on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checklist.cli.common import print_problems, progress_bar, state
from checklist.i18n import t

if TYPE_CHECKING:
    import typer

    from checklist.ledger.files import Ledger

LeftOut = list[dict[str, Any]]


def usable_ledger(ctx: typer.Context, paths: list[str] | None, compact: bool = False) -> tuple[Ledger, LeftOut]:
    """The ledger without its invalid files, and the departments left out (with the reason);
    `compact`: read through the read index (open_ledger's `compact`)."""
    from checklist.ledger.config import CONFIG_NAME
    from checklist.ledger.files import open_ledger

    with progress_bar() as progress:
        ledger = open_ledger(state(ctx).root, paths, progress=progress, compact=compact)
    if not ledger.problems:
        return ledger, []
    print_problems(ledger.problems)
    bad = {p.file for p in ledger.problems}
    if any(f.endswith(CONFIG_NAME) for f in bad) or not any(fd.display not in bad for fd in ledger.files):
        raise SystemExit(1)  # nothing valid to report, or no settings to report by
    first: dict[str, Any] = {}
    for p in sorted(ledger.problems, key=lambda p: (p.file, p.line, p.col)):
        first.setdefault(p.file, p)
    left: LeftOut = []
    kept = []
    for fd in ledger.files:
        if fd.display not in bad:
            kept.append(fd)
            continue
        problem = first[fd.display]
        reason = problem.message()
        depts = [(d.get("code", ""), d.get("department", "")) for d in fd.departments if d.get("code")]
        if not depts:
            code = fd.path.stem.upper()
            depts = [(code, ledger.config.departments.get(code, ""))]
        for code, name in depts:
            left.append({"department": name or fd.display, "code": code, "file": fd.display,
                         "line": problem.line, "reason": reason})
    ledger.files = kept
    ledger.problems = []
    return ledger, left


def lines(left: LeftOut) -> list[str]:
    """The notice, one line per department left out, in the interface language."""
    if not left:
        return []
    head = t("partial_head", count=len(left))
    return [head, *(t("partial_line", **entry) for entry in left)]


def departments(ledger: Ledger, left: LeftOut) -> list[tuple[str, str]]:
    """The departments to rank: those left out are neither ranked nor marked 未报送."""
    gone = {entry["code"] for entry in left}
    return [(code, name) for code, name in ledger.departments() if code not in gone]


def with_notice(fmt: str, content: str | bytes, left: LeftOut) -> str | bytes:
    """The output with the notice in its own place: a banner (table, html, docx), a note row
    (csv, xlsx, markdown) or the `left_out` field (json, set on the report's data)."""
    notice = lines(left)
    if not notice:
        return content
    if fmt == "html" and isinstance(content, str):
        from html import escape

        banner = ('<div class="left-out" role="alert" style="border:2px solid #c00;padding:.5em;margin:.5em 0;">'
                  + "<br>".join(escape(line) for line in notice) + "</div>")
        at = content.find("<body>")
        return content[:at + 6] + banner + content[at + 6:] if at >= 0 else banner + content
    if fmt == "csv" and isinstance(content, str):
        from checklist.render.csv import rows_csv

        return rows_csv([[t("partial_note"), line] for line in notice]) + content.lstrip("\ufeff")
    if fmt == "markdown" and isinstance(content, str):
        return "".join(f"> **{t('partial_note')}** {line}\n" if i == 0 else f"> {line}\n"
                       for i, line in enumerate(notice)) + "\n" + content
    if fmt == "xlsx" and isinstance(content, bytes):
        return _xlsx_note(content, notice)
    if fmt == "docx" and isinstance(content, bytes):
        return _docx_note(content, notice)
    if isinstance(content, str) and fmt == "table":
        return "\n".join(notice) + "\n\n" + content
    return content


def _xlsx_note(content: bytes, notice: list[str]) -> bytes:
    """Note rows at the foot of the workbook's first sheet, in bold red."""
    import io

    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    ws.append([])
    for line in notice:
        ws.append([t("partial_note"), line])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True, color="C00000")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx_note(content: bytes, notice: list[str]) -> bytes:
    """A banner above the 通报's first line, in bold red: the reader sees who is missing first."""
    import io

    from docx import Document
    from docx.shared import RGBColor

    doc = Document(io.BytesIO(content))
    first = doc.paragraphs[0]
    for line in notice:
        run = first.insert_paragraph_before().add_run(line)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
