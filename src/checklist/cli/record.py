"""After a run through Typer that the fast path declined: record what it lacked.

- No spec yet (or an old one): build it from the app (cli/spec.py) and store it.
- A help request not seen in this terminal yet: what Typer wrote to stdout and stderr, and
  its exit code, exactly as the standard streams (cli/streams.SafeStream) received it.

Both only when cli/fast.py declined these very arguments in this process, and never when
CHECKLIST_FAST=0.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from checklist.cli import derived, fast


@contextlib.contextmanager
def recording(args: list[str]) -> Iterator[Callable[[int], None]]:
    """Around a run through Typer: call the function yielded with the exit code when Typer is done."""
    from checklist.cli.streams import SafeStream

    key = fast.pending.help_key if fast.pending.args == args else None
    out: Any = sys.stdout
    err: Any = sys.stderr
    taps: tuple[list[str], list[str]] | None = None
    if key is not None and isinstance(out, SafeStream) and isinstance(err, SafeStream):
        taps = ([], [])
        out.tap, err.tap = taps

    def finish(code: int) -> None:
        if taps is None or key is None:
            return
        if out.failed is None and err.failed is None and sys.stdout is out and sys.stderr is err:
            entry = {"out": "".join(taps[0]), "err": "".join(taps[1]), "code": code}
            derived.write(f"help/{key}", derived.dumps(entry))

    try:
        yield finish
    finally:
        if taps is not None:
            out.tap = err.tap = None
        fast.pending.help_key = None


def spec_if_missing(app_module: Any, args: list[str]) -> None:
    """Build and store the fast commands' spec when the fast path found none for these arguments."""
    if not (fast.pending.spec and fast.pending.args == args):
        return
    fast.pending.spec = False
    from checklist.cli import spec

    try:
        app_module.register(None)
        built = spec.build(app_module.app)
    except Exception:  # Typer's internals not as expected: no spec, Typer runs everything
        return
    derived.write(fast.SPEC, derived.dumps(built))
