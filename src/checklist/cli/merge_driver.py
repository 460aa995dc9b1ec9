"""`checklist merge-driver %O %A %B %P`: git's merge driver for list files (hidden from help)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checklist.cli.common import err, guarded
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("merge-driver", help=t("help_merge_driver"), hidden=True)(merge_driver)


@guarded
def merge_driver(
    base: Annotated[Path, typer.Argument(metavar="BASE", help=t("arg_merge_base"), show_default=False)],
    ours: Annotated[Path, typer.Argument(metavar="OURS", help=t("arg_merge_ours"), show_default=False)],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help=t("arg_merge_theirs"), show_default=False)],
    path: Annotated[str, typer.Argument(metavar="PATH", help=t("arg_merge_path"), show_default=False)] = "",
) -> None:
    from checklist.git.merge import merge_driver as run
    from checklist.git.merge_check import published_side
    from checklist.ledger.disk import write_atomic

    code, result, warnings = run(base, ours, theirs, path or str(ours), published=published_side(Path.cwd()),
                                 taken=_taken(path))
    if result is not None:
        write_atomic(ours, result)
    for key, params in warnings:
        err(t(key, **params))
    if code:
        raise typer.Exit(code)


def _taken(path: str) -> frozenset[str]:
    """Every ID in the ledger the file belongs to, as the work tree holds it now: a renumbered
    item takes the next ID free in the whole ledger, not only in the merged file."""
    import contextlib

    from checklist.ledger.config import CONFIG_NAME
    from checklist.ledger.files import open_ledger

    start = (Path.cwd() / path).parent if path else Path.cwd()
    root = next((f for f in (start, *start.parents) if (f / CONFIG_NAME).is_file()), None)
    if root is None:
        return frozenset()
    with contextlib.suppress(Exception):  # a ledger we cannot read: the three versions decide
        return frozenset(open_ledger(str(root)).item_ids())
    return frozenset()
