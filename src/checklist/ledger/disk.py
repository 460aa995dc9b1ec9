"""The disk: reading a list file's bytes safely, parsing them, and replacing a
file atomically (temp file in the same folder, fsync, rename)."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

from checklist.problems import Problem

DEFAULT_MAX_FILE_MB = 40


def max_file_bytes() -> int:
    """The size a list file may have: CHECKLIST_MAX_FILE_MB megabytes (default 40);
    a value that is not a whole number is a usage error (exit 2), not a crash."""
    from checklist.errors import UsageError

    value = os.environ.get("CHECKLIST_MAX_FILE_MB", "").strip()
    if not value:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        megabytes = int(value)
    except ValueError:
        megabytes = -1
    if megabytes < 0:
        raise UsageError("hostile_bad_max_file_mb", value=value)
    return megabytes * 1024 * 1024


def os_reason(exc: OSError) -> str:
    """The operating system's reason for a refusal, in the interface language when we know it."""
    from checklist.i18n import catalog, t

    key = f"hostile_errno_{errno.errorcode.get(exc.errno or 0, '')}"
    return t(key) if key in catalog() else (exc.strerror or str(exc))


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """A list file's bytes, refusing what is not a readable regular file of sane size."""
    try:
        st = path.stat()
    except OSError as exc:
        return None, Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})
    if not path.is_file():
        return None, Problem(display, 1, 1, "not_a_file")
    limit = max_file_bytes()
    if st.st_size > limit:
        return None, Problem(display, 1, 1, "file_too_big", {"size": st.st_size // (1024 * 1024), "limit": limit // (1024 * 1024)})
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})


def parse_bytes(raw: bytes, display: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Decode, parse and validate a list file's content (no cache)."""
    from checklist.domain.validate import check_parsed
    from checklist.yamldoc.parse import decode, parse_text

    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None
        return [], [problem]
    return check_parsed(parse_text(text, display), display)


def write_atomic(path: Path, content: bytes, *, durable: bool = True) -> None:
    """Replace a file's content atomically: temp file in the same folder, fsync, rename.

    durable=False skips the fsyncs: for derived data (the cache) a crash may lose
    the new content, which is only recomputed, but never leaves a torn file.
    """
    folder = path.parent
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new file `.NAME.RANDOM.tmp` beside path, created exclusively and readable by its owner
    only (tempfile.mkstemp's contract; tempfile itself costs every edit ~5 ms of imports)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(path.parent))


def write_locked(path: Path, content: bytes) -> None:
    """write_atomic for a list file, called under the ledger lock: temp files a killed
    writer left beside it are removed first (no live writer can own them)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    write_atomic(path, content)
