"""Committing a command's change: the checks made before any write, and the
commit of exactly the files changed (never the user's other staged work).

`git commit --only -- PATH` commits the working-tree content of PATH alone
and updates the index for PATH only, so whatever else the user staged stays
staged and uncommitted.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.git.run import git

_UNFINISHED = (
    ("MERGE_HEAD", "edit_commit_mid_merge"),
    ("rebase-merge", "edit_commit_mid_rebase"),
    ("rebase-apply", "edit_commit_mid_rebase"),
    ("CHERRY_PICK_HEAD", "edit_commit_mid_cherry_pick"),
    ("REVERT_HEAD", "edit_commit_mid_revert"),
)


@dataclass(frozen=True)
class Repo:
    """The work tree a change will be committed in."""

    top: Path
    git_dir: Path


def _run(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise ChecklistError("git_missing") from None


def prepare(root: Path) -> Repo | None:
    """The repository to commit in (None: not a work tree); refuses when a commit cannot be made."""
    try:
        proc = _run(["rev-parse", "--show-toplevel", "--absolute-git-dir"], root)
    except ChecklistError:
        real = root.resolve()
        if not any((folder / ".git").exists() for folder in (real, *real.parents)):
            return None  # no git and no repository: there is nothing to commit in
        raise
    out, _ = proc.communicate()
    if proc.returncode != 0:
        return None
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 2:
        return None
    repo = Repo(Path(lines[0]), Path(lines[1]))
    for name, key in _UNFINISHED:
        if (repo.git_dir / name).exists():
            raise ChecklistError(key, path=str(repo.top))
    # Both identities at once: each `git var` is a process start.
    checks = [_run(["var", var], root) for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT")]
    for check in checks:
        _, stderr = check.communicate()
        if check.returncode != 0:
            raise ChecklistError("edit_commit_no_identity")
    return repo


def check_clean(repo: Repo, path: Path, display: str) -> None:
    """Refuse to edit a file with changes not yet committed: our commit would carry them under its name."""
    rel = os.path.relpath(path.resolve(), repo.top.resolve())
    proc = git(["status", "--porcelain", "-z", "--untracked-files=all", "--", rel], repo.top)
    if proc.stdout:
        raise ChecklistError("edit_commit_dirty", file=display)


def commit(repo: Repo, paths: list[Path], action: str, item_id: str, title: str) -> None:
    """Commit exactly `paths` with the subject `<action> <ID>: <title>` and the checklist trailers."""
    subject = f"{action} {item_id}: {' '.join(title.split())}"
    _commit(repo, paths, subject, f"Checklist-Action: {action}\nChecklist-Item: {item_id}")


def commit_batch(repo: Repo, paths: list[Path], action: str, item_ids: list[str], label: str,
                 title: str = "") -> None:
    """Commit several new items at once: `<action> <N> items: <label>`, one Checklist-Item trailer
    each; a single item is committed as SPEC's `<action> <ID>: <title>`."""
    if len(item_ids) == 1 and title:
        subject = f"{action} {item_ids[0]}: {' '.join(title.split())}"
    else:
        subject = f"{action} {len(item_ids)} items: {' '.join(label.split())}"
    trailers = "\n".join([f"Checklist-Action: {action}", *(f"Checklist-Item: {i}" for i in item_ids)])
    _commit(repo, paths, subject, trailers)


def _commit(repo: Repo, paths: list[Path], subject: str, trailers: str) -> None:
    rel = [os.path.relpath(p.resolve(), repo.top.resolve()) for p in paths]
    # A file created by this command is not known to git yet; --only needs it in the index.
    git(["add", "--", *rel], repo.top)
    proc = git(["commit", "-q", "--only", "-m", subject, "-m", trailers, "--", *rel], repo.top, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChecklistError("edit_commit_failed", detail=detail[-1] if detail else "", paths=" ".join(rel))
