"""The disk: reading list files (through a derived cache), locking, atomic writes.

Reading a file costs a YAML parse and a validation; a warm run reads neither.
Each list file has a cache entry (JSON, outside version control, in the
user's cache folder) keyed on the file's size, mtime, inode and ctime; when
the mtime is too recent to trust (the "racy" window git knows too) the
content hash decides. Entries are written atomically, so concurrent readers
and writers at worst redo work, never see a torn entry.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from checklist.errors import ChecklistError
from checklist.problems import Problem

CACHE_VERSION = 6
MAX_FILE_BYTES = int(os.environ.get("CHECKLIST_MAX_FILE_MB", "40")) * 1024 * 1024
_RACY_NS = 2_000_000_000


@dataclass
class FileData:
    """One list file as read: its departments (valid items only) and its problems."""

    path: Path
    display: str
    departments: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def cache_dir() -> Path | None:
    """Where cache entries live: CHECKLIST_CACHE_DIR, else the XDG cache folder."""
    env = os.environ.get("CHECKLIST_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "checklist"


def _entry_path(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha1(str(path).encode("utf-8", "surrogateescape")).hexdigest()
    return folder / "files" / f"{digest}.json"


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def _read_entry(path: Path, st: os.stat_result) -> dict[str, Any] | None:
    entry_path = _entry_path(path)
    if entry_path is None:
        return None
    try:
        with open(entry_path, "rb") as fh:
            entry = orjson.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("v") != CACHE_VERSION or entry.get("path") != str(path):
        return None
    if entry.get("stat") != _stat_key(st):
        return None
    if st.st_mtime_ns >= entry.get("written", 0) - _RACY_NS:
        # Written too close to the file's own change to trust the stat: compare content.
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha1(raw).hexdigest() != entry.get("sha"):
            return None
    return entry


def _write_entry(path: Path, st: os.stat_result, raw: bytes, data: FileData) -> None:
    entry_path = _entry_path(path)
    if entry_path is None:
        return
    entry = {
        "v": CACHE_VERSION,
        "path": str(path),
        "stat": _stat_key(st),
        "sha": hashlib.sha1(raw).hexdigest(),
        "written": time.time_ns(),
        "departments": data.departments,
        "problems": [p.to_json()[1:] for p in data.problems],
    }
    try:
        entry_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry_path, orjson.dumps(entry), durable=False)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed


def stat_key(path: Path) -> list[int] | None:
    """What identifies a file's version cheaply: size, mtime, inode, ctime (None if absent)."""
    try:
        return _stat_key(path.stat())
    except OSError:
        return None


def summary_read(name: str) -> dict[str, Any] | None:
    """A ledger-level summary written by summary_write, if any."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / "summaries" / f"{name}.json", "rb") as fh:
            entry = orjson.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("v") != CACHE_VERSION:
        return None
    return entry


def summary_write(name: str, data: dict[str, Any], stats: list[list[int] | None]) -> None:
    """Store a ledger-level summary, unless an input changed too recently to trust its stat."""
    folder = cache_dir()
    if folder is None:
        return
    now = time.time_ns()
    if any(key is None or key[1] >= now - _RACY_NS for key in stats):
        return
    try:
        (folder / "summaries").mkdir(parents=True, exist_ok=True)
        payload = orjson.dumps({"v": CACHE_VERSION, **data})
        write_atomic(folder / "summaries" / f"{name}.json", payload, durable=False)
    except (OSError, TypeError, ValueError):
        pass


def remember(path: Path, raw: bytes, departments: list[dict[str, Any]], problems: list[Problem]) -> None:
    """Record the content just written to a file, so the next read needs no parse."""
    real = path.resolve()
    try:
        st = real.stat()
    except OSError:
        return
    _write_entry(real, st, raw, FileData(path, "", departments, problems))


def read_bytes(path: Path, display: str) -> tuple[bytes | None, Problem | None]:
    """A list file's bytes, refusing what is not a readable regular file of sane size."""
    try:
        st = path.stat()
    except OSError as exc:
        return None, Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})
    if not path.is_file():
        return None, Problem(display, 1, 1, "not_a_file")
    if st.st_size > MAX_FILE_BYTES:
        return None, Problem(display, 1, 1, "file_too_big", {"size": st.st_size // (1024 * 1024), "limit": MAX_FILE_BYTES // (1024 * 1024)})
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})


def parse_bytes(raw: bytes, display: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Decode, parse and validate a list file's content (no cache)."""
    from checklist.model import check_parsed
    from checklist.parse import decode, parse_text

    text, problem = decode(raw, display)
    if text is None:
        assert problem is not None
        return [], [problem]
    return check_parsed(parse_text(text, display), display)


def load_file(path: Path, display: str) -> FileData:
    """A list file's departments and problems, from the cache when it is fresh."""
    real = path.resolve()
    try:
        st = real.stat()
    except OSError as exc:
        return FileData(path, display, [], [Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})])
    entry = _read_entry(real, st)
    if entry is not None:
        problems = [Problem(display, *p) for p in entry["problems"]]
        return FileData(path, display, entry["departments"], problems)
    raw, problem = read_bytes(real, display)
    if raw is None:
        assert problem is not None
        return FileData(path, display, [], [problem])
    departments, problems = parse_bytes(raw, display)
    data = FileData(path, display, departments, problems)
    try:
        unchanged = _stat_key(real.stat()) == _stat_key(st)
    except OSError:
        unchanged = False
    if unchanged:
        _write_entry(real, st, raw, FileData(path, "", departments, problems))
    return data


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
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
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


def write_locked(path: Path, content: bytes) -> None:
    """write_atomic for a list file, called under the ledger lock: temp files a killed
    writer left beside it are removed first (no live writer can own them)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    write_atomic(path, content)


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
