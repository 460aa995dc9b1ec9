"""The Typer app: global options, command registration, error mapping.

No YAML and no rules here: each command module parses its options, calls
one core function, renders, and lets `guarded` map user errors to exit codes.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

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


app = typer.Typer(
    name="checklist",
    help=t("app_help"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["--help", "-h"]},
)


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


def _localize_typer() -> None:
    """Typer's and click's own words (panel titles, "Usage:", usage errors) in the interface language."""
    from checklist.cli.typer_l10n import localize

    localize()


def _fast_typer() -> None:
    """Text options skip Typer's pydantic coercion (see typer_fast)."""
    from checklist.cli.typer_speed import install

    install()


_localize_typer()
_fast_typer()


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
    command = _command_in(args)
    register([command] if command is not None else None)
    try:
        app(args=args, prog_name="checklist")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
