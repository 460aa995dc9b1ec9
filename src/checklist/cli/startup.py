"""What every run does before its command, through Typer or not (cli/fast.py): global options
moved to where Typer wants them, the command named, the environment's settings checked.

No Typer here: cli/fast.py runs a command without it.
"""

from __future__ import annotations

import os
import sys

GLOBAL_WITH_VALUE = ("--root", "--lang")


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
            if arg in GLOBAL_WITH_VALUE and i + 1 < len(args):
                front += args[i:i + 2]
                i += 2
                continue
            command_seen = not arg.startswith("-")
            front.append(arg)
        elif arg in GLOBAL_WITH_VALUE and i + 1 < len(args):
            front[:0] = args[i:i + 2]
            i += 2
            continue
        elif arg.split("=", 1)[0] in GLOBAL_WITH_VALUE or arg in ("--quiet", "-q"):
            front.insert(0, arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def completing() -> bool:
    """Whether the shell asked for completions (Typer's _CHECKLIST_COMPLETE)."""
    return any(var.endswith("_COMPLETE") for var in os.environ if var.startswith("_CHECKLIST"))


def command_in(args: list[str], known: dict[str, str] | frozenset[str]) -> str | None:
    """The command a run will execute, when that alone needs registering (not help, not completion)."""
    if completing():
        return None
    values = False
    for arg in args:
        if values:
            values = False
        elif arg in GLOBAL_WITH_VALUE:
            values = True
        elif not arg.startswith("-"):
            return arg if arg in known else None
    return None


def settings_refused() -> int | None:
    """A setting that makes no sense, said before any command runs: its exit code, else None."""
    from checklist.errors import ChecklistError
    from checklist.ledger.disk import max_file_bytes

    try:
        max_file_bytes()
    except ChecklistError as exc:
        sys.stderr.write(exc.message().rstrip("\n") + "\n")
        return exc.exit_code
    return None
