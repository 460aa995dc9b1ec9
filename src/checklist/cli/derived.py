"""The command line's derived files: facts computed from the code, kept in the cache folder.

What is kept (`cli/fast.py` reads them, `cli/app.py` writes them after a run through Typer):
the spec of the fast commands' options as Typer built them (`spec.json`), Typer's own help
output for one argument list in one terminal (`help/<key>.json`), the merged message
catalog (`catalog.marshal`). None of them is written by hand; each is rebuilt when missing.

They live in `<cache>/cli-<key>/`, the key naming this exact code: the package version, the
Python version and the stat (size, mtime, ctime, inode) of every source file of the package
and of the Typer, click and rich it runs on. Any edit or reinstall changes a ctime, so a
changed declaration never reads an old spec. A stat is trusted only outside git's racy
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
_UI_PACKAGES = ("typer", "rich")
_folder: list[str | None] = []


def base() -> str | None:
    """The cache folder as ledger/cache.cache_dir() chooses it, without the code key; None: no cache."""
    env = os.environ.get("CHECKLIST_CACHE_DIR")
    if env == "":
        return None
    if env:
        return env
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "checklist")


def _package_dirs() -> list[str]:
    """The source folders the derived files depend on: this package's, and Typer's and rich's."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = [here]
    for name in _UI_PACKAGES:
        for entry in sys.path:
            folder = os.path.join(entry or ".", name)
            if os.path.isfile(os.path.join(folder, "__init__.py")):
                found.append(folder)
                break
        else:
            found.append(f"<no {name}>")
    return found


def _stats(folder: str, out: list[str], newest: list[float]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        out.append(f"{folder}:?")
        return
    for entry in entries:
        if entry.name.endswith(".py"):
            st = entry.stat()
            out.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}")
            newest[0] = max(newest[0], st.st_mtime_ns, st.st_ctime_ns)
        elif entry.is_dir() and entry.name != "__pycache__" and not entry.name.startswith("."):
            out.append(f"{entry.name}/")
            _stats(entry.path, out, newest)


def manifest() -> tuple[str, bool]:
    """The text the folder is named after (version, Python, every source file's stat), and
    whether it can be trusted (no file changed within the racy window)."""
    from checklist import __version__

    lines = [__version__, sys.version, sys.implementation.cache_tag or ""]
    newest = [0.0]
    for folder in _package_dirs():
        lines.append(folder)
        _stats(folder, lines, newest)
    return "\n".join(lines), time.time_ns() - newest[0] > _RACY_S * 1e9


def digest(text: str) -> str:
    """sha1 of text, hex (the builtin _sha1 when there is one: hashlib loads OpenSSL)."""
    try:
        from _sha1 import sha1  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha1
    return str(sha1(text.encode("utf-8", "surrogateescape")).hexdigest())


def folder() -> str | None:
    """This code's folder of derived files; None when there is no cache or the code is still changing."""
    if not _folder:
        root = base()
        text, trusted = manifest() if root is not None else ("", False)
        _folder.append(os.path.join(root, f"cli-{digest(text)[:20]}") if root is not None and trusted else None)
    return _folder[0]


def forget() -> None:
    """Compute the folder again at the next call (tests change sources and the environment)."""
    _folder.clear()


def read(name: str) -> bytes | None:
    """A derived file's bytes; None when missing or unreadable."""
    where = folder()
    if where is None:
        return None
    try:
        with open(os.path.join(where, name), "rb") as fh:
            return fh.read()
    except OSError:
        return None


def write(name: str, content: bytes) -> None:
    """Store a derived file atomically, only if the code has not changed since the folder was
    named; any failure is silent (a cache only saves time)."""
    where = folder()
    if where is None:
        return
    try:
        text, trusted = manifest()
        if not trusted or os.path.join(os.path.dirname(where), f"cli-{digest(text)[:20]}") != where:
            return
        from pathlib import Path

        from checklist.ledger.disk import write_atomic

        path = Path(where, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content, durable=False)
    except Exception:  # a cache that cannot be written is no failure
        return


def json_loads(raw: bytes) -> Any:
    import json

    return json.loads(raw)


def json_dumps(value: Any) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
