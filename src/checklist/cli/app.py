"""The Typer app: global options, command registration, error mapping.

No YAML and no rules here: each command module parses its options, calls
one core function, renders, and lets `guarded` map user errors to exit codes.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from checklist import __version__, i18n
from checklist.cli.common import State
from checklist.cli.startup import command_in, hoist_global_options, settings_refused
from checklist.i18n import t


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"checklist {__version__}\n")
        raise typer.Exit(0)


def _lang(value: str | None) -> str | None:
    if value is not None and value not in i18n.LANGS:
        raise typer.BadParameter(t("bad_lang", value=value))
    i18n.set_lang(value)
    return value


# CHECKLIST_PLAIN_TYPER=1: Typer exactly as shipped (English words, no speed patch), read once here.
PLAIN_TYPER = os.environ.get("CHECKLIST_PLAIN_TYPER", "") not in ("", "0")


class App(typer.Typer):
    """Our Typer app: every command is built with the one command class chosen here."""

    def __init__(self, *, command_class: type[TyperCommand] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.command_class = command_class

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or self.command_class, **kwargs)


def _app() -> App:
    from checklist.cli import typer_l10n, typer_speed

    if not PLAIN_TYPER:
        typer_speed.install()
    return App(
        name="checklist",
        help=t("app_help"),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["--help", "-h"]},
        cls=None if PLAIN_TYPER else typer_l10n.LocalizedGroup,
        command_class=None if PLAIN_TYPER else typer_l10n.LocalizedCommand,
    )


app = _app()


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[str | None, typer.Option("--root", metavar="DIR", help=t("opt_root"))] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="en|zh", help=t("opt_lang"), callback=_lang, is_eager=True),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=t("opt_quiet"))] = False,
    version: Annotated[
        bool, typer.Option("--version", help=t("opt_version"), callback=_version, is_eager=True)
    ] = False,
) -> None:
    ctx.obj = State(root=root, quiet=quiet)


_registered: set[str] = set()


def register(commands: list[str] | None = None) -> None:
    """Add commands to the app: those named (command names), or all of them."""
    from checklist.cli.registry import MODULE_OF, load

    wanted = tuple(MODULE_OF[c] for c in commands) if commands is not None else tuple(MODULE_OF.values())
    for module in load(tuple(m for m in wanted if m not in _registered)):
        module.register(app)
    _registered.update(wanted)
    # Help lists commands in registration order: keep the clerk/office/setup order.
    order = list(MODULE_OF)
    app.registered_commands.sort(key=lambda info: order.index(info.name) if info.name in order else len(order))


def run(args: list[str]) -> int:
    """Run the app on `args`; the exit code."""
    from checklist.cli.registry import MODULE_OF

    args = hoist_global_options(args)
    refused = settings_refused()
    if refused is not None:
        return refused
    command = command_in(args, MODULE_OF)
    register([command] if command is not None else None)
    from checklist.cli import fast, record

    with record.recording(args) as finish:
        try:
            app(args=args, prog_name="checklist")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finish(code)
    record.spec_if_missing(sys.modules[__name__], args)
    fast.store_catalog()
    return code
