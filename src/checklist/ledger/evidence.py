"""Evidence files (佐证材料): their sha256, so tampering is detected.

The rule: only a regular file inside the ledger's root is evidence. A recorded
path that leads outside the root (`../x`, `/etc/passwd`, a link to somewhere
else) is a problem and is never opened, whether or not something is there: a
ledger must not become a way to learn what exists, or what it holds, outside
it. A FIFO, a device, a socket or a folder is never opened either (a FIFO
would block the reader for ever).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

# What a recorded evidence path can turn out to be.
OK, MISSING, OUTSIDE, NOT_FILE = "ok", "missing", "outside", "not_file"


def inside(root: Path, path: Path) -> Path | None:
    """path (relative to root, or absolute) with every link followed, if it lies inside root."""
    try:
        real = (root / path).resolve()
        base = root.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None
    return real if real == base or real.is_relative_to(base) else None


def examine(root: Path, recorded: str) -> tuple[str, Path | None]:
    """What a recorded path is: (OK, its real path), or (MISSING | OUTSIDE | NOT_FILE, None)."""
    real = inside(root, Path(recorded))
    if real is None:
        return OUTSIDE, None
    try:
        st = os.stat(real)
    except OSError:
        return MISSING, None
    if not stat.S_ISREG(st.st_mode):
        return NOT_FILE, None
    return OK, real


def file_sha256(path: Path) -> str:
    """The hex sha256 of a regular file's content; OSError for anything else.

    Opened without blocking and checked again once open: a file replaced by a FIFO
    between the look and the open is refused, not waited on.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        digest = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    finally:
        os.close(fd)


def check(root: Path, recorded: str, sha256: str) -> str | None:
    """The problem key for one recorded evidence file, or None when it is present and unchanged."""
    kind, real = examine(root, recorded)
    if kind == OUTSIDE:
        return "hostile_evidence_outside"
    if kind == NOT_FILE:
        return "hostile_evidence_not_file"
    if real is None:
        return "evidence_missing"
    try:
        digest = file_sha256(real)
    except OSError:
        return "evidence_missing"
    return None if digest == sha256 else "evidence_changed"


def record(root: Path, given: str) -> dict[str, str]:
    """`close --evidence PATH`: the {path, sha256} to record, or a ChecklistError saying why not
    (missing, a folder, not a regular file, outside the ledger)."""
    from checklist.errors import ChecklistError

    full = Path(given) if Path(given).is_absolute() else Path.cwd() / given
    try:
        st = os.stat(full)
    except OSError:
        raise ChecklistError("edit_evidence_not_found", path=given) from None
    if stat.S_ISDIR(st.st_mode):
        raise ChecklistError("edit_evidence_folder", path=given)
    real = inside(root, full)
    if real is None:
        raise ChecklistError("edit_evidence_outside", path=given, root=str(root))
    if not stat.S_ISREG(st.st_mode):
        raise ChecklistError("hostile_evidence_not_file_given", path=given)
    try:
        digest = file_sha256(real)
    except OSError as exc:
        raise ChecklistError("hostile_evidence_unreadable", path=given, reason=exc.strerror or str(exc)) from None
    return {"path": real.relative_to(root.resolve()).as_posix(), "sha256": digest}
