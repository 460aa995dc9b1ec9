"""`checklist schema`: print the JSON Schema of a list file."""

from __future__ import annotations

import json

import typer

from checklist.cli.common import guarded, out
from checklist.i18n import t


def register(app: typer.Typer) -> None:
    app.command("schema", help=t("help_schema"), rich_help_panel=t("panel_setup"))(schema)


@guarded
def schema() -> None:
    from checklist.domain.schema import list_file_schema

    out(json.dumps(list_file_schema(), ensure_ascii=False, indent=2))
