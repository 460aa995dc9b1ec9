"""The fast path: a reading command, an edit of one item or a help request without importing Typer.

Typer and click cost more than a warm `report` of 10,000 items spends on its work. This
module answers two kinds of run without them, from files derived from the Typer app itself
(cli/derived.py keeps them, keyed by the code):

- `report`, `list`, `show`, `validate` and the edits of one item (`add`, `close`, `note`...:
  cli/spec.py's FAST): parsed with click's own parse table for the command (cli/spec.py
  builds it from the app), following click's rules step by step (long options and `--opt=value`, short options with their value attached or next,
  `--`, options after arguments, the last of a repeated option winning), then the very
  function Typer would call is called with the values Typer would pass.
- `--help`, `-h`, `CMD --help` (any command) and no arguments at all: Typer's own output, recorded
  the last time these arguments ran through Typer in this same terminal (width, colour,
  encoding, language, environment), replayed.

Anything else, or anything unusual, is declined (`run` returns None) and Typer runs as
always: an unknown option, a missing value, a flag given a value, an option with a
callback, a prompt or an environment variable, a group option other than --root, --lang
and --quiet, combined short flags, no spec yet, completion. Only a parse that would
succeed in click is run here, so every error and its exit code come from Typer itself.
CHECKLIST_FAST=0 turns the fast path off.
"""

from __future__ import annotations

import os
import sys

from checklist.cli import derived

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SPEC = "spec"
CATALOG = "catalog"
# Group options whose callback is understood here: --lang (the language, checked against
# i18n.LANGS, set as Typer's callback sets it) and the help options. Any other group option
# with a callback (--version, completion) sends the run to Typer.
_GROUP_CALLBACKS = ("lang", "help")


class Pending:
    """What the run through Typer that follows a declined fast path should record."""

    args: list[str] | None = None  # the (hoisted) arguments declined
    spec = False
    help_key: str | None = None


pending = Pending()


def enabled() -> bool:
    return os.environ.get("CHECKLIST_FAST", "") != "0"


class Declined(Exception):
    """The fast path does not take these arguments: Typer decides."""


class Context:
    """What a command function reads of Typer's context: the root context's obj (cli.common.State)."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def find_root(self) -> Context:
        return self


def parse_options(table: dict[str, Any], args: list[str], values: dict[str, Any]) -> tuple[list[str], list[str], bool]:
    """click's option pass (_OptionParser._process_args_for_options) over table: the options
    found go into values (dest -> value); returns the positional arguments and, when option
    processing stopped (`--`, or the first argument of a group), the arguments left, and
    whether `--` stopped it."""
    if table["normalize"] or table["ignore_unknown"]:
        raise Declined("token normalizing or unknown options allowed")
    options, short, prefixes = table["options"], set(table["short"]), set(table["prefixes"])
    largs: list[str] = []
    rargs = list(args)
    while rargs:
        arg = rargs.pop(0)
        if arg == "--":
            return largs, rargs, True
        if arg[:1] in prefixes and len(arg) > 1:
            name, eq, explicit = arg.partition("=")
            if name in options and name not in short:
                if eq:
                    rargs.insert(0, explicit)
                _process(options[name], rargs, values, explicit_flag=bool(eq))
            elif arg[:2] not in prefixes:
                _short(options, short, arg, rargs, values)
            else:
                raise Declined(f"no such option {name}")
        elif table["interspersed"]:
            largs.append(arg)
        else:
            return largs, [arg, *rargs], False
    return largs, [], False


def _short(options: dict[str, Any], short: set[str], arg: str, rargs: list[str], values: dict[str, Any]) -> None:
    """click's _match_short_opt: each letter an option; one that takes a value takes the rest
    of the word (`-fjson`), else the next word."""
    for i, letter in enumerate(arg[1:], start=2):
        opt = arg[0] + letter
        if opt not in short:
            raise Declined(f"no such option {opt}")
        option = options[opt]
        if option[1] in ("store", "append") and i < len(arg):
            rargs.insert(0, arg[i:])
            _process(option, rargs, values, explicit_flag=False)
            return
        _process(option, rargs, values, explicit_flag=False)


def _process(option: list[Any], rargs: list[str], values: dict[str, Any], explicit_flag: bool) -> None:
    dest, action, nargs, const = option
    if action == "store":
        if nargs != 1 or not rargs:
            raise Declined("option without its value")
        values[dest] = rargs.pop(0)
    elif action == "append":  # a repeated option (`--co-owner A --co-owner B`): every value, in order
        if nargs != 1 or not rargs:
            raise Declined("option without its value")
        values.setdefault(dest, []).append(rargs.pop(0))
    elif action == "store_const" and not explicit_flag:
        values[dest] = const
    else:
        raise Declined(f"option action {action}")


def _unpack(specs: list[list[Any]], positional: list[str], extra_ok: bool) -> dict[str, Any]:
    """click's _unpack_args for arguments of one value followed by at most one of any number."""
    found: dict[str, Any] = {}
    rest = list(positional)
    for i, (dest, nargs) in enumerate(specs):
        if nargs == 1:
            if not rest:
                raise Declined("missing argument")
            found[dest] = rest.pop(0)
        elif nargs == -1 and i == len(specs) - 1:
            found[dest] = tuple(rest)
            rest = []
        else:
            raise Declined("argument shape")
    if rest and not extra_ok:
        raise Declined("extra arguments")
    return found


def _values(command: dict[str, Any], given: dict[str, Any], allowed_callbacks: tuple[str, ...]) -> dict[str, Any]:
    """The values the command function receives: Typer's, for parameters whose handling it
    hands through (cli/spec.py records which); any other parameter given declines."""
    out: dict[str, Any] = {}
    for name, param in command["params"].items():
        present = name in given and given[name] not in (None, ())
        unusual = param["callback"] and name not in allowed_callbacks
        if param["envvar"] or param["prompt"] or param["count"] or (param["eager"] and name not in allowed_callbacks):
            unusual = True
        if param["kind"] is None or unusual:
            if present or (param["expose"] and not unusual and param["kind"] is None):
                raise Declined(f"parameter {name}")
            continue
        if not present:
            if param["required"]:
                raise Declined(f"missing {name}")
            value = param["absent"]
        elif param["kind"] == "list":
            value = list(given[name])
        else:
            value = given[name]
        if param["expose"]:
            out[name] = value
    return out


def parse(spec: dict[str, Any], args: list[str]) -> tuple[str, str | None, dict[str, Any], dict[str, Any]]:
    """("run" or "help", the command, the group's values, the command's values) for args as Typer
    would take them; Declined for anything else."""
    group = spec["group"]
    if not args:
        if group["no_args_is_help"]:
            return "help", None, {}, {}
        raise Declined("no arguments")
    given: dict[str, Any] = {}
    largs, rest, dashes = parse_options(group, args, given)
    if largs or dashes:
        raise Declined("`--` before the command")
    values = _values(group, given, _GROUP_CALLBACKS)
    if given.get("help"):
        return "help", None, values, {}
    if not rest:
        raise Declined("missing command")
    name, sub_args = rest[0], rest[1:]
    command = spec["commands"].get(name)
    if command is None:
        raise Declined(f"{name} is not a fast command")
    if command["auto_envvar"]:
        raise Declined("default map or environment variables")
    sub_given: dict[str, Any] = {}
    positional, after, _ = parse_options(command, sub_args, sub_given)
    if sub_given.get("help"):
        return "help", name, values, {}
    if not command["run"]:
        raise Declined(f"{name} runs through Typer")
    sub_given.update(_unpack(command["args"], positional + after, command["extra_args"]))
    return "run", name, values, _values(command, sub_given, ("help",))


def _spec() -> dict[str, Any] | None:
    from checklist.cli.spec import VERSION

    raw = derived.read(SPEC)
    if raw is None:
        pending.spec = derived.folder() is not None
        return None
    try:
        spec = derived.loads(raw)
    except ValueError:
        pending.spec = True
        return None
    if not isinstance(spec, dict) or spec.get("version") != VERSION:
        pending.spec = True
        return None
    return spec


def load_catalog() -> None:
    """The message catalog from its derived file, when there is one (i18n merges the modules otherwise)."""
    raw = derived.read(CATALOG)
    if raw is None:
        return
    from checklist import i18n

    try:
        merged = derived.loads(raw)
    except ValueError:
        return
    if isinstance(merged, dict) and all(type(pair) is tuple and len(pair) == 2 for pair in merged.values()):
        i18n.use_catalog(merged)


def store_catalog() -> None:
    """Keep the catalog this run merged, for the next run."""
    from checklist import i18n

    merged = i18n.merged_here()
    if not enabled():
        return
    if merged is not None:
        derived.write(CATALOG, derived.dumps(merged))


def help_key(args: list[str]) -> str | None:
    """Everything Typer's help output may depend on besides the code: the arguments, the
    environment (language, COLUMNS, TERM, NO_COLOR, FORCE_COLOR...), which standard streams are
    terminals and their sizes, the output encodings."""
    facts: list[Any] = [args, sorted((k, v) for k, v in os.environ.items() if k not in ("PWD", "OLDPWD", "_", "SHLVL"))]
    for fd in (0, 1, 2):
        try:
            size: Any = tuple(os.get_terminal_size(fd))
        except (OSError, ValueError):
            size = None
        try:
            tty = os.isatty(fd)
        except OSError:
            tty = None
        facts.append([size, tty])
    for stream in (sys.stdout, sys.stderr):
        facts.append([getattr(stream, "encoding", None), _isatty(stream)])
    facts.append([sys.flags.utf8_mode, sys.platform])
    rich, trusted = derived.manifest(("rich",))  # Typer prints its help with rich
    if not trusted:
        return None
    facts.append(rich)
    return derived.digest(repr(facts))


def _isatty(stream: Any) -> bool | None:
    try:
        return bool(stream.isatty())
    except Exception:
        return None


def _replay(args: list[str]) -> int | None:
    key = help_key(args)
    if key is None:
        return None
    raw = derived.read(f"help/{key}")
    if raw is None:
        pending.help_key = key if derived.folder() is not None else None
        return None
    try:
        entry = derived.loads(raw)
        out, err, code = entry["out"], entry["err"], entry["code"]
    except (ValueError, KeyError, TypeError):
        pending.help_key = key
        return None
    if not (isinstance(out, str) and isinstance(err, str) and isinstance(code, int)):
        return None
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def run(args: list[str]) -> int | None:
    """Run args without Typer: the exit code, or None when Typer must run them."""
    from checklist.cli.startup import completing, hoist_global_options

    pending.args, pending.spec, pending.help_key = None, False, None
    if not enabled() or completing():
        return None
    args = hoist_global_options(args)
    pending.args = args
    spec = _spec()
    if spec is None:
        return None
    try:
        kind, name, group, values = parse(spec, args)
    except Declined:
        return None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        pending.spec = True  # a spec not as built: Typer runs, and builds it again
        return None
    if kind == "help":
        return _replay(args)
    from checklist import i18n

    lang = group.get("lang")
    if lang is not None and lang not in i18n.LANGS:
        return None  # Typer says why, exit 2
    load_catalog()
    i18n.set_lang(lang)
    from checklist.cli.startup import settings_refused

    refused = settings_refused()
    if refused is not None:
        return refused
    assert name is not None
    code = _call(spec["commands"][name], group, values)
    store_catalog()
    return code


def _call(command: dict[str, Any], group: dict[str, Any], values: dict[str, Any]) -> int:
    """Call the command's function as Typer's callback does; its exit code as Typer's main gives it."""
    import importlib

    from checklist.cli.common import State

    module, qualname = command["callback"].split(":")
    fn: Any = importlib.import_module(module)
    for part in qualname.split("."):
        fn = getattr(fn, part)
    if command["context"]:
        values[command["context"]] = Context(State(root=group.get("root"), quiet=bool(group.get("quiet"))))
    try:
        fn(**values)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130  # Typer's main: Exit(130), nothing printed
    except BrokenPipeError:
        return 1  # Typer's main: a broken pipe is exit 1
    return 0
