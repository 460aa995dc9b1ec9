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


def _command_in(args: list[str]) -> str | None:
    """The command a run will execute, when that alone needs registering (not help, not completion)."""
    import os

    from checklist.cli.registry import MODULE_OF

    if any(var.endswith("_COMPLETE") for var in os.environ if var.startswith("_CHECKLIST")):
        return None
    values = False
    for arg in args:
        if values:
            values = False
        elif arg in _GLOBAL_WITH_VALUE:
            values = True
        elif not arg.startswith("-"):
            return arg if arg in MODULE_OF else None
    return None


_GLOBAL_WITH_VALUE = ("--root", "--lang")


def hoist_global_options(args: list[str]) -> list[str]:
    """Move --root/--lang/--quiet written after the command to the front, where Typer wants them.

    `checklist show CZJ-001 --root 台账` is what a user types; no command has
    options of these names, so moving them changes no meaning.
    """
    front: list[str] = []
    rest: list[str] = []
    command_seen = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if not command_seen:
            if arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
                front += args[i:i + 2]
                i += 2
                continue
            command_seen = not arg.startswith("-")
            front.append(arg)
        elif arg in _GLOBAL_WITH_VALUE and i + 1 < len(args):
            front[:0] = args[i:i + 2]
            i += 2
            continue
        elif arg.split("=", 1)[0] in _GLOBAL_WITH_VALUE or arg in ("--quiet", "-q"):
            front.insert(0, arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def run(args: list[str]) -> int:
    """Run the app on `args`; the exit code."""
    args = hoist_global_options(args)
    from checklist.cli.common import err
    from checklist.errors import ChecklistError
    from checklist.ledger.disk import max_file_bytes

    try:
        max_file_bytes()  # a setting that makes no sense is said before any command runs
    except ChecklistError as exc:
        err(exc.message())
        return exc.exit_code
    command = _command_in(args)
    register([command] if command is not None else None)
    try:
        app(args=args, prog_name="checklist")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
