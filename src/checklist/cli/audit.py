"""`checklist audit [REVISION_RANGE]`: the audit rules over the git history; exit 1 on findings."""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from checklist.cli.common import err, guarded, out, state
from checklist.cli.history import FORMATS, emit
from checklist.cli.report import check_format
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("audit", help=t("help_audit"), rich_help_panel=t("panel_office"))(audit)


@guarded
def audit(
    ctx: typer.Context,
    rev_range: Annotated[str | None, typer.Argument(metavar="REVISION_RANGE", help=t("arg_audit_range"), show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="F", help=t("opt_format_history"))] = "table",
    pre_push: Annotated[bool, typer.Option("--pre-push", hidden=True)] = False,
) -> None:
    from checklist.git.audit import audit, pushed_range
    from checklist.ledger.config import locate_in_git

    fmt = check_format(fmt, FORMATS)
    if pre_push and rev_range is None:
        rev_range = pushed_range(os.environ)
    root, config = locate_in_git(state(ctx).root)
    from checklist.ledger.cache import cache_dir

    findings, commits = audit(root, config.lists, rev_range, config.due_soon_days, cache_dir())
    if fmt == "json":
        out(json.dumps(findings, ensure_ascii=False, indent=2))
    elif findings or fmt != "table":
        headers = [t(k) for k in ("col_commit", "col_file", "col_id", "col_rule", "col_message")]
        rows = [[f["commit"][:8] if fmt == "table" else f["commit"], f["file"], f["id"],
                 t(f"rule_{f['rule']}") if fmt == "table" else f["rule"], f["message"]] for f in findings]
        emit(fmt, headers, rows, no_wrap=(0, 2))
    if findings:
        err(t("audit_found", count=len(findings)))
        raise typer.Exit(1)
    if fmt == "table" and not state(ctx).quiet:
        out(t("audit_clean", commits=commits))
