"""The Typer declarations the editing commands share: --no-commit, --date and the ID argument.

Only Typer reads them, when a command is registered (cli/app.py). A command module names
them in its annotations as `params.NoCommit` and imports this module in its `register`,
so the module itself runs without Typer on the fast path (cli/fast.py); what the commands
share at run time (prompts, dates, the report of an edit) is in cli/options.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from checklist.cli.complete import (
    complete_any_id,
    complete_closed_id,
    complete_open_id,
    complete_verifiable_id,
)
from checklist.i18n import t

NoCommit = Annotated[bool, typer.Option("--no-commit", help=t("opt_no_commit"))]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help=t("opt_date"), show_default=False)]
IdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_any_id)]
# The IDs each command can act on come first in shell completion.
OpenIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_open_id)]
ClosedIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_verifiable_id)]
DoneIdArg = Annotated[str, typer.Argument(metavar="ID", help=t("arg_id"), show_default=False, autocompletion=complete_closed_id)]
