"""What every command shares: the guard that maps user errors to exit codes,
the state of the global options, and plain output helpers."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import typer

from checklist.errors import ChecklistError, ProblemsError
from checklist.problems import Problem

F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Run a command; a ChecklistError becomes one message on stderr and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ChecklistError as exc:
            if os.environ.get("CHECKLIST_DEBUG"):
                raise
            if isinstance(exc, ProblemsError):
                print_problems(exc.problems)
            else:
                err(exc.message())
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def state(ctx: typer.Context) -> Any:
    """The global options (root, quiet)."""
    from checklist.cli import State

    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def err(line: str) -> None:
    """One line on stderr."""
    sys.stderr.write(line.rstrip("\n") + "\n")


def out(text: str) -> None:
    """Text on stdout."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_problems(problems: Iterable[Problem]) -> None:
    """Problems as FILE:LINE:COL: message, sorted, one a line on stderr."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line, p.col))
    sys.stderr.write("".join(p.format() + "\n" for p in ordered))
