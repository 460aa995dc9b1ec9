"""`--output FILE`: what it may write, and how.

- the command's own stdout (`/dev/stdout`, `/dev/fd/1`, `-`, or any path that is
  the very file stdout is) is written through, never replaced;
- a symbolic link, anything that is not a regular file (a device, a FIFO, a
  folder), and the ledger's own files (its list files, checklist.toml) are
  refused, nothing written;
- anything else is replaced atomically (temp file beside it, fsync, rename);
- a failed write (a full disk, a read-only folder) is an error naming the cause.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.errors import ChecklistError
from checklist.ledger.disk import os_reason

if TYPE_CHECKING:
    from checklist.ledger.files import Ledger


def _is_stdout(path: str) -> bool:
    """Whether path names this process's stdout (followed through links, never opened)."""
    if path == "-":
        return True
    try:
        here, there = os.stat(path), os.fstat(1)
    except (OSError, ValueError):
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _write_stdout(path: str, content: bytes) -> None:
    sys.stdout.flush()
    view = memoryview(content)
    try:
        while view:
            view = view[os.write(1, view):]
    except OSError as exc:
        raise ChecklistError("rpt_cannot_write", path=path, reason=os_reason(exc)) from None


def ledger_files(ledger: Ledger | None) -> tuple[set[Path], Path | None]:
    """The resolved paths of the ledger's own files (checklist.toml, every list file read)
    and its resolved lists folder."""
    if ledger is None:
        return set(), None
    found = {Path(fd.path).resolve() for fd in ledger.files}
    if ledger.root is None:
        return found, None
    found.add((ledger.root / "checklist.toml").resolve())
    return found, (ledger.root / ledger.config.lists).resolve()


def refuse(path: str, ledger: Ledger | None) -> None:
    """Raise when --output may not write path (see the module's rules)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ChecklistError("rpt_cannot_write", path=path, reason=os_reason(exc)) from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise ChecklistError("hostile_output_link", path=path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise ChecklistError("hostile_output_not_file", path=path)
    target = Path(path).resolve()
    files, lists = ledger_files(ledger)
    if target in files or (lists is not None and target.suffix in (".yaml", ".yml") and target.is_relative_to(lists)):
        raise ChecklistError("hostile_output_ledger_file", path=path)


def write_output(path: str, content: bytes, ledger: Ledger | None = None) -> bool:
    """Write --output's content to path by the rules above; a refusal or a failed write is exit 1.
    True when a file was written (worth saying), False when it went to stdout."""
    from checklist.ledger import disk

    if _is_stdout(path):
        _write_stdout(path, content)
        return False
    refuse(path, ledger)
    try:
        disk.write_atomic(Path(path), content)
    except OSError as exc:
        raise ChecklistError("rpt_cannot_write", path=path, reason=os_reason(exc)) from None
    return True
