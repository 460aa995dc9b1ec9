"""What every command shares: the guard that maps user errors to exit codes,
the state of the global options, and plain output helpers."""

from __future__ import annotations

import contextlib
import functools
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from checklist.errors import ChecklistError, ProblemsError
from checklist.problems import Problem

if TYPE_CHECKING:
    import typer

F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Run a command; a ChecklistError becomes one message on stderr and its exit code.

    The exit is a plain SystemExit, which Typer's main passes through as it does its own Exit:
    the commands cli/fast.py runs without Typer never need it (nor does this module)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ChecklistError as exc:
            from checklist.cli.streams import debug

            if debug():
                raise
            if isinstance(exc, ProblemsError):
                print_problems(exc.problems)
            else:
                err(exc.message())
            raise SystemExit(exc.exit_code) from None
        except OSError as exc:
            # The machine said no (a read-only ledger, a full disk, a folder where a file
            # belongs): the user's situation, said in one line naming the path, never exit 70.
            from checklist.cli.streams import debug

            if debug() or isinstance(exc, BrokenPipeError):
                raise
            err(os_error(exc))
            raise SystemExit(1) from None

    return wrapper  # type: ignore[return-value]


def os_error(exc: OSError) -> str:
    """One line for a refusal of the operating system: the path and the cause, in the user's language."""
    from pathlib import Path

    from checklist.i18n import t
    from checklist.ledger.disk import os_reason

    path = exc.filename if isinstance(exc.filename, str) else None
    if path is not None and Path(path).name.startswith(".") and path.endswith(".tmp"):
        path = str(Path(path).parent)  # a temp file beside the one being written: name its folder
    reason = os_reason(exc)
    return t("hostile_cannot_write", path=path, reason=reason) if path else t("hostile_output_failed", reason=reason)


@dataclass
class State:
    """What the global options decided, handed to every command."""

    root: str | None = None
    quiet: bool = False


def state(ctx: typer.Context) -> State:
    """The global options (root, quiet)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


@contextlib.contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A callback drawing a progress bar on stderr, shown only on a terminal and only once
    the work has taken over a second (a warm run never shows it)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    bar: Any = None
    task: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if time.monotonic() - started < 1.0 or done >= total:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            from checklist.i18n import t

            bar = Progress(TextColumn(t("progress_reading")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                           console=Console(stderr=True), transient=True)
            bar.start()
            task = bar.add_task("", total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


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
