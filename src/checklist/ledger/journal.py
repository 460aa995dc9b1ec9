"""All or nothing: an edit whose commit cannot be made is undone, file and index.

Before writing, an edit records in `.checklist/pending-commit.tmp` what it is about
to change (each file's index entry, HEAD) and the process doing it. When the
commit fails the change is undone at once, byte for byte: the old bytes are
written back (a file the command created is removed) and the index entry is
put back. When the process is killed between its write and its commit, the
next edit finds the record under the lock and finishes the job: the index
entries are set to HEAD's (the commit may have been made, the index not yet
updated), and a file that still differs from HEAD holds the killed command's
uncommitted write, which is undone. A `.git/index.lock` left by
the killed command's git (the process is gone and the lock is newer than the
record) is ours to remove; any other lock is named by the commit's message.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError

NAME = "pending-commit.tmp"  # *.tmp: ignored by .checklist/.gitignore, never in git status


@dataclass
class Before:
    """One file as it was before the edit."""

    path: Path
    rel: str
    raw: bytes | None  # None: the command creates the file
    entry: str | None  # its index entry (None: not in the index)


def _journal(root: Path) -> Path:
    return root / ".checklist" / NAME


@contextlib.contextmanager
def all_or_nothing(root: Path, repo: Any, files: list[tuple[Path, str | None]],
                   also: list[tuple[Path, str | None]] | None = None) -> Iterator[None]:
    """Around an edit's write and commit: undo the write when anything in the block fails.

    `files`: each path to be written with its index entry as `check_clean` read it; `also`:
    files committed beside them but never written (evidence): only their index entry is put back."""
    if repo is None:
        yield
        return
    from checklist.git.commit import head, relative
    from checklist.ledger.disk import write_atomic

    before = []
    for path, entry in files:
        raw = path.read_bytes() if path.exists() else None
        before.append(Before(path, relative(repo, path), raw, entry))
    extra = [Before(path, relative(repo, path), None, entry) for path, entry in also or []]
    record = {"pid": os.getpid(), "head": head(repo),
              "files": [{"rel": b.rel, "new": b.raw is None, "entry": b.entry} for b in before],
              "also": [b.rel for b in extra]}
    journal = _journal(root)
    write_atomic(journal, json.dumps(record, ensure_ascii=False).encode("utf-8"), durable=False)
    try:
        yield
    except BaseException:
        _undo(repo, before)
        _undo_index(repo, extra)
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)


def _undo(repo: Any, before: list[Before]) -> None:
    from checklist.git.commit import restore_index
    from checklist.ledger.disk import write_atomic

    for b in before:
        if b.raw is None:
            b.path.unlink(missing_ok=True)
        elif not b.path.exists() or b.path.read_bytes() != b.raw:
            write_atomic(b.path, b.raw)
        with contextlib.suppress(ChecklistError):
            restore_index(repo, b.rel, b.entry)


def _undo_index(repo: Any, files: list[Before]) -> None:
    from checklist.git.commit import restore_index

    for b in files:
        with contextlib.suppress(ChecklistError):
            restore_index(repo, b.rel, b.entry)


def recover(root: Path, repo: Any) -> None:
    """Under the lock, before an edit: finish what a killed edit left (see the module's text)."""
    journal = _journal(root)
    if not journal.is_file():
        return
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        files = [(str(f["rel"]), bool(f["new"]), f["entry"]) for f in record["files"]]
        also = [str(rel) for rel in record.get("also", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        journal.unlink(missing_ok=True)  # half-written: the edit had not begun
        return
    # Holding the lock, no command of ours is at work: the recorded one was killed.
    if repo is None:
        from checklist.git.commit import prepare

        repo = prepare(root)
        if repo is None:
            journal.unlink(missing_ok=True)
            return
    _stale_lock(repo, journal)
    from checklist.git.run import git

    rels = [rel for rel, _, _ in files] + also
    # The index as HEAD has it: the old entries if the commit was not made, the new ones if it was
    # (HEAD may also have moved since, by a pull: what it holds is committed and stays).
    git(["reset", "-q", "--", *rels], repo.top, check=False)
    written = [rel for rel, _, _ in files]
    dirty = git(["status", "--porcelain", "-z", "--untracked-files=all", "--", *written], repo.top).stdout
    if dirty:
        # A list file that differs from HEAD holds the killed command's write, never committed
        # (check_clean let no other change in): undo it. Evidence files are the user's: kept.
        for rel, new, _ in files:
            if git(["ls-files", "-z", "--", rel], repo.top).stdout:
                git(["checkout", "-q", "--", rel], repo.top, check=False)
            elif new:
                (repo.top / rel).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


def _stale_lock(repo: Any, journal: Path) -> None:
    """Remove `index.lock` when the killed edit's git left it: newer than the record."""
    lock = repo.git_dir / "index.lock"
    with contextlib.suppress(OSError):
        if lock.stat().st_mtime_ns >= journal.stat().st_mtime_ns:
            lock.unlink()
    for leftover in repo.git_dir.glob("next-index-*.lock"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime_ns >= journal.stat().st_mtime_ns:
                leftover.unlink()
