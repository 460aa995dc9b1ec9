"""The spec of the fast commands, derived from the Typer app itself (never written by hand).

For the app's group and each command, the parse table click builds from the Typer
declarations (`Command.make_parser`: every option string with its destination, action,
number of values and constant; the positional arguments with their number of values;
whether options may follow arguments) and, per parameter, what Typer does with its value
afterwards: the value the command function receives when the parameter is absent (computed
by Typer on an empty command line), whether its value is plain text, a list of text or a
flag (cli/typer_speed's kinds: Typer hands them through as click parsed them), and anything
that would make Typer do more (a callback, an environment variable, a prompt, a required
value); the last only for the commands in FAST, which cli/fast.py runs itself (for the others
it only recognises a request for their help). It takes only what it fully understands and
leaves everything else to Typer.

This module imports Typer: it runs after a run through Typer (cli/app.py), never on the fast path.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # cli/fast.py reads FAST and VERSION here without typing's import cost
    from typing import Any

# The commands cli/fast.py may run without Typer: the reading ones, and the edits of one item
# (their prompts are their own, not Typer's).
FAST = ("report", "list", "show", "validate",
        "add", "close", "note", "extend", "reopen", "verify", "update", "recheck", "rule", "accountability")
VERSION = 3


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"not a plain value: {value!r}")


def _table(command: Any, ctx: Any) -> dict[str, Any]:
    """click's parse table for command, as data."""
    parser = command.make_parser(ctx)
    options: dict[str, list[Any]] = {}
    for table in (parser._long_opt, parser._short_opt):
        for opt, option in table.items():
            options[opt] = [option.dest, option.action, option.nargs, _jsonable(option.const)]
    return {
        "options": options,
        "short": sorted(parser._short_opt),
        "prefixes": sorted(parser._opt_prefixes),
        "args": [[arg.dest, arg.nargs] for arg in parser._args],
        "interspersed": bool(parser.allow_interspersed_args),
        "ignore_unknown": bool(parser.ignore_unknown_options),
        "normalize": ctx.token_normalize_func is not None,
        "extra_args": bool(ctx.allow_extra_args),
        "auto_envvar": ctx.auto_envvar_prefix is not None or ctx.default_map is not None,
    }


def _params(command: Any, ctx: Any) -> dict[str, dict[str, Any]]:
    """What Typer does with each parameter's value once click has parsed it."""
    from typer.main import _normalize_collection_value

    from checklist.cli.typer_speed import _plain_kind

    found: dict[str, dict[str, Any]] = {}
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        kind = _plain_kind(descriptor.annotation) if descriptor is not None and descriptor.file_annotation is None else None
        multi = bool(getattr(param, "multiple", False)) or param.nargs == -1
        try:
            absent = _jsonable(_normalize_collection_value(param, ctx.params.get(param.name)))
        except TypeError:
            kind = None
            absent = None
        found[param.name] = {
            "kind": kind if (kind == "list") == multi else None,
            "absent": absent,
            "callback": param.callback is not None,
            "envvar": bool(param.envvar),
            "prompt": bool(getattr(param, "prompt", None)),
            "required": bool(param.required),
            "eager": bool(param.is_eager),
            "expose": bool(param.expose_value),
            "count": bool(getattr(param, "count", False)),
        }
    return found


def _callback(app: Any, name: str) -> str | None:
    """module:qualname of the function a command runs, and the name of its context parameter."""
    for info in app.registered_commands:
        if info.name == name and info.callback is not None:
            fn = getattr(info.callback, "__wrapped__", info.callback)
            return f"{info.callback.__module__}:{fn.__qualname__}"
    return None


def build(app: Any) -> dict[str, Any]:
    """The spec of app's group and of every command registered in it: the parse table of each
    (to recognise a help request), and for the FAST ones what running them takes."""
    import typer.main

    from checklist.i18n import lang

    group: Any = typer.main.get_command(app)
    # No translation is needed for tables: build them without disturbing the language in force.
    before = lang()
    ctx = group.make_context("checklist", [], resilient_parsing=True)
    spec: dict[str, Any] = {
        "version": VERSION,
        "group": {**_table(group, ctx), "params": _params(group, ctx),
                  "help": list(group.get_help_option_names(ctx)), "no_args_is_help": bool(group.no_args_is_help),
                  "commands": sorted(group.commands)},
        "commands": {},
    }
    for name, command in sorted(group.commands.items()):
        sub = command.make_context(name, [], parent=ctx, resilient_parsing=True)
        try:
            entry = {**_table(command, sub), "help": list(command.get_help_option_names(sub)), "run": False}
        except TypeError:  # a table with values that are not plain: Typer alone handles this command
            continue
        callback = _callback(app, name)
        if name in FAST and callback is not None:
            context_param = typer.main._get_params_name_from_function(_wrapped(app, name))[1]
            entry.update(params=_params(command, sub), callback=callback, context=context_param, run=True)
        spec["commands"][name] = entry
    from checklist import i18n

    i18n.set_lang(before)
    return spec


def _wrapped(app: Any, name: str) -> Any:
    for info in app.registered_commands:
        if info.name == name:
            return info.callback
    raise KeyError(name)
