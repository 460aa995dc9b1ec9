"""The ledger's write lock: one exclusive lock on `.checklist/lock` around every edit.

`fcntl.flock` on POSIX, `msvcrt.locking` of the file's first byte on Windows.
Either way the operating system releases it when the file is closed or its
process dies, so a killed command never blocks the next one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.ledger.disk import os_reason, write_atomic

if sys.platform == "win32":
    import msvcrt

    # A failed non-blocking attempt: EACCES (LK_LOCK's "locking violation" is EDEADLOCK).
    _BUSY = frozenset({errno.EACCES, errno.EDEADLOCK})

    # Windows locks byte ranges from the file position: every process locks byte 0
    # (beyond the end of the empty file, which Windows allows).
    def _lock(fd: int) -> None:
        """Take the lock without waiting; OSError with an errno in _BUSY if it is held."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        """Release the lock (the documentation asks for this before the file is closed)."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    _BUSY = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})

    def _lock(fd: int) -> None:
        """Take the lock without waiting; OSError with an errno in _BUSY if it is held."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        """Release the lock."""
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open(root: Path) -> tuple[int, Path]:
    """The lock file's descriptor and path, creating `.checklist/` and its .gitignore if missing.

    A folder we may not write to (permissions, a read-only file system) is the user's
    to fix: a ChecklistError naming it, not an internal error.
    """
    lock_dir = root / ".checklist"
    lock_path = lock_dir / "lock"
    try:
        lock_dir.mkdir(exist_ok=True)
        ignore = lock_dir / ".gitignore"
        if not ignore.exists():
            # A ledger made without `init`: keep the whole private folder out of git status.
            write_atomic(ignore, b"lock\n*.tmp\n.gitignore\n")
        return os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644), lock_path
    except OSError as exc:
        raise ChecklistError("ledger_unwritable", path=str(lock_dir), reason=os_reason(exc)) from None


@contextlib.contextmanager
def lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the ledger's write lock, waiting up to `timeout` seconds for another command's."""
    fd, lock_path = _open(root)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                _lock(fd)
                break
            except OSError as exc:
                if exc.errno not in _BUSY:
                    raise
                if time.monotonic() > deadline:
                    raise ChecklistError("lock_timeout", path=str(lock_path)) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            # Closing releases it too: a failed unlock must not hide the edit's own outcome.
            with contextlib.suppress(OSError):
                _unlock(fd)
    finally:
        os.close(fd)
