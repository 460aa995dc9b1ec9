"""The command line's derived files: facts computed from the code, kept in the cache folder.

What is kept (`cli/fast.py` reads them, `cli/app.py` writes them after a run through Typer):
the spec of the fast commands' options as Typer built them (`spec`), Typer's own help
output for one argument list in one terminal (`help/<key>`), the merged message
catalog (`catalog`), each as marshal data. None of them is written by hand; each is rebuilt when missing.

They live in `<cache>/cli-<key>/`, the key naming this exact code: the package version, the
Python version and the stat (size, mtime, ctime, inode) of every source file of the package
and of the Typer (with its click) it runs on; a help entry's key adds rich's files. Any edit or reinstall changes a ctime, so a
changed declaration never reads an old spec. Each file starts with the sha1 of
its content: a damaged one reads as missing. A stat is trusted only outside git's racy
window: while any of those files changed in the last seconds, no derived file is read or
written (the next run, once the files have settled, builds them). Files are written
atomically (ledger/disk.write_atomic): concurrent runs at worst build the same file twice.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing's own import costs start-up time the fast path does not spend
    from typing import Any

_RACY_S = 3.0
_folder: list[str | None] = []


def base() -> str | None:
    """The cache folder as ledger/cache.cache_dir() chooses it, without the code key; None: no cache."""
    env = os.environ.get("CHECKLIST_CACHE_DIR")
    if env == "":
        return None
    if env:
        return env
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "checklist")


def package_dir(name: str) -> str | None:
    """Where an installed package's source is, found on sys.path without importing it."""
    if name == "checklist":
        return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for entry in sys.path:
        folder = os.path.join(entry or ".", name)
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return folder
    return None


def _stats(folder: str, out: list[tuple[str, int, int, int, int]], newest: list[int]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        out.append((folder, -1, -1, -1, -1))
        return
    for entry in entries:
        name = entry.name
        if name.endswith(".py"):
            st = entry.stat()
            out.append((name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
            if st.st_ctime_ns > newest[0] or st.st_mtime_ns > newest[0]:
                newest[0] = max(st.st_mtime_ns, st.st_ctime_ns)
        elif name != "__pycache__" and not name.startswith(".") and entry.is_dir():
            out.append((name + "/", 0, 0, 0, 0))
            _stats(entry.path, out, newest)


def manifest(packages: tuple[str, ...] = ("checklist", "typer")) -> tuple[str, bool]:
    """What a folder of derived files is named after: the package version, the Python version
    and the stat of every source file of packages (ours and Typer with its click by default);
    and whether it can be trusted (no file changed within the racy window)."""
    from checklist import __version__

    lines: list[object] = [__version__, sys.version, sys.implementation.cache_tag]
    newest = [0]
    for name in packages:
        folder = package_dir(name)
        lines.append(folder)
        if folder is not None:
            found: list[tuple[str, int, int, int, int]] = []
            _stats(folder, found, newest)
            lines.append(found)
    return repr(lines), time.time_ns() - newest[0] > _RACY_S * 1e9


def _sha1(data: bytes) -> bytes:
    """sha1 of data (checklist.sha: without loading OpenSSL)."""
    from checklist.sha import sha1

    return bytes(sha1(data).digest())


def digest(text: str) -> str:
    """sha1 of text, hex."""
    return _sha1(text.encode("utf-8", "surrogateescape")).hex()


def folder() -> str | None:
    """This code's folder of derived files; None when there is no cache or the code is still changing."""
    root = base()
    if root is None:
        return None
    if not _folder:
        text, trusted = manifest()
        _folder.append(f"cli-{digest(text)[:20]}" if trusted else None)
    return os.path.join(root, _folder[0]) if _folder[0] is not None else None


def forget() -> None:
    """Look at the source files again at the next call (tests change them)."""
    _folder.clear()


def read(name: str) -> bytes | None:
    """A derived file's content; None when missing, unreadable or damaged (its checksum differs)."""
    where = folder()
    if where is None:
        return None
    try:
        with open(os.path.join(where, name), "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    content = raw[20:]
    return content if len(raw) >= 20 and _sha1(content) == raw[:20] else None


def write(name: str, content: bytes) -> None:
    """Store a derived file atomically, only if the code has not changed since the folder was
    named; any failure is silent (a cache only saves time)."""
    where = folder()
    if where is None:
        return
    try:
        text, trusted = manifest()
        if not trusted or f"cli-{digest(text)[:20]}" != os.path.basename(where):
            return
        from pathlib import Path

        from checklist.ledger.disk import write_atomic

        path = Path(where, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, _sha1(content) + content, durable=False)
    except Exception:  # a cache that cannot be written is no failure
        return


def loads(raw: bytes) -> Any:
    """A derived file's data (marshal: no import, the fastest load; the folder's key names the
    Python version, whose marshal format it is). ValueError when damaged."""
    import marshal

    try:
        return marshal.loads(raw)
    except (EOFError, TypeError) as exc:
        raise ValueError(str(exc)) from None


def dumps(value: Any) -> bytes:
    import marshal

    return marshal.dumps(value)
