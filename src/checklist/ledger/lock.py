"""The ledger's write lock."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.ledger.disk import write_atomic


@contextlib.contextmanager
def lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the ledger's write lock (flock: released by the kernel if the holder dies)."""
    import fcntl

    lock_dir = root / ".checklist"
    lock_dir.mkdir(exist_ok=True)
    ignore = lock_dir / ".gitignore"
    if not ignore.exists():
        # A ledger made without `init`: keep the whole private folder out of git status.
        write_atomic(ignore, b"lock\n*.tmp\n.gitignore\n")
    lock_path = lock_dir / "lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise ChecklistError("lock_timeout", path=str(lock_path)) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)
