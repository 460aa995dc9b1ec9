"""Reading list files through a derived cache.

Reading a file costs a YAML parse and a validation; a warm run reads neither.
Each list file has a cache entry (JSON, outside version control, in the
user's cache folder) keyed on the file's size, mtime, inode and ctime; when
the mtime is too recent to trust (the "racy" window git knows too) the
content hash decides. Entries are written atomically, so concurrent readers
and writers at worst redo work, never see a torn entry.

What an entry holds is decided by code (the parser, the field table, the
rules), so entries live in a folder named after the package version and a
digest of that code (`code_key`): a new release or a changed rule reads an
empty folder and recomputes, with no version number to bump by hand.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from checklist.ledger.disk import read_bytes, write_atomic
from checklist.problems import Problem
from checklist.sha import sha1

# The packages whose code decides what a cache entry or a ledger summary holds.
RULE_PACKAGES = ("domain", "yamldoc", "ledger")
_RACY_NS = 2_000_000_000


@dataclass
class FileData:
    """One list file as read: its departments (valid items only) and its problems."""

    path: Path
    display: str
    departments: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The stat key (stat_key) of the version read; None when unknown (changed while read).
    key: list[int] | None = None


@functools.cache
def code_key() -> str:
    """The package version and a digest of the source of RULE_PACKAGES."""
    from checklist import __version__

    here = Path(__file__).resolve().parent.parent
    digest = sha1()
    for package in RULE_PACKAGES:
        for source in sorted((here / package).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def cache_dir() -> Path | None:
    """Where cache entries live: CHECKLIST_CACHE_DIR, else the XDG cache folder; inside it,
    the folder of this code (`code_key`). None: no cache."""
    env = os.environ.get("CHECKLIST_CACHE_DIR")
    if env == "":
        return None
    if env:
        base = Path(env)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")) / "checklist"
    return base / code_key()


_STALE_AFTER_S = 30 * 24 * 3600


def _make(folder: Path) -> None:
    """Create a folder of this code's cache; the first time, remove the folders of other
    code versions nobody has written to for a month (a cache only costs disk)."""
    mine = folder.parent
    # (Keyed on the files folder: the history's blob cache may have made `mine` first.)
    if not (mine / "files").exists():
        now = time.time()
        for other in mine.parent.glob("*-*"):
            try:
                newest = max(p.stat().st_mtime for p in (other, other / "files", other / "index", other / "summaries") if p.exists())
                if other != mine and other.is_dir() and now - newest > _STALE_AFTER_S:
                    import shutil  # rarely needed: not imported by every run

                    shutil.rmtree(other, ignore_errors=True)
            except (OSError, ValueError):
                continue
    folder.mkdir(parents=True, exist_ok=True)


def _entry_path(path: Path, kind: str = "files") -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = sha1(str(path).encode("utf-8", "surrogateescape")).hexdigest()
    return folder / kind / f"{digest}.json"


def _path_text(path: Path) -> str:
    """A path as JSON can hold it: bytes of a name that is not UTF-8 as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def _open_entry(path: Path, kind: str = "files") -> dict[str, Any] | None:
    """The entry of a file (`files`: full; `index`: the read index) as stored, fresh or not."""
    entry_path = _entry_path(path, kind)
    if entry_path is None:
        return None
    try:
        with open(entry_path, "rb") as fh:
            raw = fh.read()
        if kind == "index":
            from checklist.ledger.index import decode

            entry = decode(raw)
        else:
            entry = orjson.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("path") != _path_text(path):
        return None
    return entry


def _fresh(entry: dict[str, Any], path: Path, st: os.stat_result, vouch: str | None = None) -> bool:
    """Whether an entry is of this very version of its file (stat `st`).

    An entry written within the racy window of its file's change is checked by content. With
    `vouch` (the entry's kind), once the change is older than the window a matching entry is
    stored again with the time it was vouched for (git's answer to its racy index): a file
    saved by an edit or a pull always is that close to its entries, and every report would read
    and hash it again. Only read index entries are vouched for: an edit reads the full entry of
    the file it is about to change, and storing it again would only add a write."""
    if entry.get("stat") != _stat_key(st):
        return False
    if st.st_mtime_ns >= entry.get("written", 0) - _RACY_NS:
        # Written too close to the file's own change to trust the stat: compare content.
        try:
            raw = path.read_bytes()
        except OSError:
            return False
        if sha1(raw).hexdigest() != entry.get("sha"):
            return False
        now = time.time_ns()
        if vouch is not None and st.st_mtime_ns < now - _RACY_NS:
            entry["written"] = now
            _store(path, vouch, entry)
    return True


def _read_entry(path: Path, st: os.stat_result, kind: str = "files") -> dict[str, Any] | None:
    """The entry of a file (`files`: full; `index`: the read index) if it is of this very version."""
    entry = _open_entry(path, kind)
    return entry if entry is not None and _fresh(entry, path, st, kind if kind == "index" else None) else None


def _store(path: Path, kind: str, entry: dict[str, Any]) -> None:
    entry_path = _entry_path(path, kind)
    if entry_path is None:
        return
    try:
        if kind == "index":
            from checklist.ledger.index import encode

            payload = encode(entry)
        else:
            payload = orjson.dumps(entry)
        _make(entry_path.parent)
        write_atomic(entry_path, payload, durable=False)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed


def _write_entry(path: Path, st: os.stat_result, raw: bytes, data: FileData, *, index: bool = True,
                 compacted: list[dict[str, Any]] | None = None, marks: dict[str, Any] | None = None) -> None:
    """The full entry and (unless `index` is false) the read index entry derived from it, with the
    same key (`compacted`: its departments when already made; `marks`: its items' marks, for
    reading the file again after a change, ledger.reread). An edit writes the full entry
    only: the next report derives the index from it."""
    if cache_dir() is None:
        return
    head = {"path": _path_text(path), "stat": _stat_key(st), "sha": sha1(raw).hexdigest(),
            "written": time.time_ns()}
    problems = [p.to_json()[1:] for p in data.problems]
    full = {**head, "departments": data.departments, "problems": problems}
    if marks is not None:
        full["marks"] = marks
    _store(path, "files", full)
    if index:
        _write_index(path, head, data.departments, problems, compacted)


def _compact(departments: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The departments in the read index's form; None when they are not of the shape it knows."""
    from checklist.ledger.index import compact

    try:
        return compact(departments)
    except (KeyError, TypeError, ValueError):
        return None


def _write_index(path: Path, head: dict[str, Any], departments: list[dict[str, Any]],
                 problems: list[Any], slim: list[dict[str, Any]] | None = None) -> list[dict[str, Any]] | None:
    """Write the read index entry of a full entry (`head`: its path, stat, sha and write time);
    returns the compact departments (None when they cannot be made: the report reads the full
    entry then)."""
    slim = slim if slim is not None else _compact(departments)
    if slim is None:
        return None
    _store(path, "index", {**head, "departments": slim, "problems": problems})
    return slim


def stat_key(path: Path) -> list[int] | None:
    """What identifies a file's version cheaply: size, mtime, inode, ctime (None if absent)."""
    try:
        return _stat_key(path.stat())
    except OSError:
        return None


def stat_keys(folder: str, names: list[str]) -> list[list[int] | None]:
    """stat_key of each file `names` in `folder`: the same stat, asked of the folder's own
    descriptor where the system can (the path is not walked again for each of a thousand files)."""
    prefix = os.path.join(folder, "")
    fd = -1
    if os.stat in os.supports_dir_fd:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            fd = -1
    out: list[list[int] | None] = []
    append = out.append
    try:
        for name in names:
            try:
                st = os.stat(name, dir_fd=fd) if fd >= 0 else os.stat(prefix + name)
            except OSError:
                append(None)
                continue
            append([st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns])
    finally:
        if fd >= 0:
            os.close(fd)
    return out


def summary_bytes(name: str) -> bytes | None:
    """A ledger-level summary as stored (summary_store), if any."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / "summaries" / f"{name}.json", "rb") as fh:
            return fh.read()
    except OSError:
        return None


def summary_read(name: str) -> dict[str, Any] | None:
    """A ledger-level summary written by summary_write, if any."""
    raw = summary_bytes(name)
    try:
        entry = orjson.loads(raw) if raw is not None else None
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def settled(key: list[int] | None) -> bool:
    """Whether a stat key (stat_key) will tell the file's next change apart: its mtime is not
    too recent (git's racy window)."""
    return key is not None and key[1] < time.time_ns() - _RACY_NS


def summary_write(name: str, data: dict[str, Any], stats: list[list[int] | None]) -> None:
    """Store a ledger-level summary, unless an input changed too recently to trust its stat."""
    folder = cache_dir()
    if folder is None:
        return
    if not all(settled(key) for key in stats):
        return
    try:
        payload = orjson.dumps(data)
    except (TypeError, ValueError):
        return
    summary_store(name, payload)


def summary_store(name: str, payload: bytes) -> None:
    """Store a ledger-level summary's bytes atomically (a failure only costs speed)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        _make(folder / "summaries")
        write_atomic(folder / "summaries" / f"{name}.json", payload, durable=False)
    except (OSError, ValueError):
        pass


def remember(path: Path, raw: bytes, departments: list[dict[str, Any]], problems: list[Problem]) -> None:
    """Record the content just written to a file, so the next read needs no parse."""
    real = path.resolve()
    try:
        st = real.stat()
    except OSError:
        return
    _write_entry(real, st, raw, FileData(path, "", departments, problems), index=False)


def load_file(path: Path, display: str) -> FileData:
    """A list file's departments and problems, from the cache when it is fresh."""
    return _load(path, display, compact=False)


def _load(path: Path, display: str, *, compact: bool) -> FileData:
    real = path.resolve()
    try:
        st = real.stat()
    except OSError as exc:
        return FileData(path, display, [], [Problem(display, 1, 1, "file_unreadable", {"reason": exc.strerror or str(exc)})])
    key = _stat_key(st)
    entry = _read_entry(real, st, "index") if compact else None
    if entry is not None and not _sound(entry.get("departments")):
        entry = None
    previous = None
    if entry is None:
        previous = _open_entry(real)
        entry = previous if previous is not None and _fresh(previous, real, st) else None
        if entry is not None and compact:
            head = {k: entry[k] for k in ("path", "stat", "sha", "written")}
            slim = _write_index(real, head, entry["departments"], entry["problems"])
            entry = {"departments": entry["departments"] if slim is None else slim, "problems": entry["problems"]}
    if entry is not None:
        problems = [Problem(display, *p) for p in entry["problems"]]
        return FileData(path, display, entry["departments"], problems, key)
    raw, problem = read_bytes(real, display)
    if raw is None:
        assert problem is not None
        return FileData(path, display, [], [problem], key)
    from checklist.ledger.reread import reread

    departments, problems, marks = reread(raw, display, previous)
    del previous
    slim = _compact(departments)
    try:
        unchanged = _stat_key(real.stat()) == key
    except OSError:
        unchanged = False
    # The stat key this content is known to be of: none when the file changed while it was read.
    data = FileData(path, display, slim if compact and slim is not None else departments, problems,
                    key if unchanged else None)
    if unchanged:
        _write_entry(real, st, raw, FileData(path, "", departments, problems), compacted=slim, marks=marks)
    return data


def _sound(departments: Any) -> bool:
    from checklist.ledger.index import sound

    return sound(departments)


def load_compact(path: Path, display: str) -> FileData:
    """A list file's departments in the read index's compact form (ledger.index: what `report`
    and `list` need, not the full items) and its problems.

    From the file's index entry when it is fresh (the same key as a full entry); else derived
    from the full entry, or from a parse, and the index entry written for next time.
    """
    return _load(path, display, compact=True)
