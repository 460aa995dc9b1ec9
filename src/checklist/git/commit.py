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


def check_clean(repo: Repo, path: Path, display: str) -> str | None:
    """Refuse to edit a file with changes not yet committed: our commit would carry them under its name.

    A file marked assume-unchanged or skip-worktree hides its changes from `git status`: its
    content is compared with the index instead. Returns the file's index entry as it is now
    (`git ls-files -s`, None when git does not know the file), for putting it back."""
    rel = relative(repo, path)
    status = _run(["status", "--porcelain", "-z", "--untracked-files=all", "--", rel], repo.top)
    listed = _run(["ls-files", "-s", "-v", "-z", "--", rel], repo.top)
    dirty, _ = status.communicate()
    out, _ = listed.communicate()
    if dirty:
        raise ChecklistError("edit_commit_dirty", file=display)
    line = out.decode("utf-8", "surrogateescape").split("\0")[0]
    if not line:
        return None
    tag, entry = line[0], line[2:]
    if tag.islower() or tag == "S":
        sha = git(["hash-object", "--path", rel, "--", rel], repo.top, check=False).stdout.decode().strip()
        if sha != entry.split()[1]:
            raise ChecklistError("edit_commit_dirty", file=display)
    return entry


def relative(repo: Repo, path: Path) -> str:
    """A path as git names it in the work tree (forward slashes)."""
    return Path(os.path.relpath(path.resolve(), repo.top.resolve())).as_posix()


def index_entry(repo: Repo, rel: str) -> str | None:
    """The index entry of one path (`mode sha stage\tpath`), None when not in the index."""
    out = git(["ls-files", "-s", "-z", "--", rel], repo.top).stdout.decode("utf-8", "surrogateescape")
    return out.split("\0")[0] or None


def restore_index(repo: Repo, rel: str, entry: str | None) -> None:
    """Put one path's index entry back as `index_entry` read it."""
    if index_entry(repo, rel) == entry:
        return
    if entry is None:
        git(["update-index", "--force-remove", "--", rel], repo.top)
    else:
        git(["update-index", "--index-info"], repo.top, input=(entry + "\n").encode("utf-8", "surrogateescape"))


def evidence_entries(repo: Repo, paths: list[Path]) -> list[tuple[Path, str | None]]:
    """Files to commit beside a list file (evidence), each with its index entry now; refused,
    before anything is written, when git ignores one (it would never reach the other clones)."""
    rels = [relative(repo, p) for p in paths]
    proc = git(["check-ignore", "-v", "-z", "--", *rels], repo.top, check=False)
    if proc.returncode == 0 and proc.stdout:
        fields = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
        source, line, pattern, rel = fields[0], fields[1], fields[2], fields[3]
        raise ChecklistError("evidence_ignored", path=rel, source=f"{source}:{line}", pattern=pattern)
    return [(p, index_entry(repo, rel)) for p, rel in zip(paths, rels, strict=True)]


def head(repo: Repo) -> str:
    """The commit HEAD names now ('' on a branch without commits yet)."""
    return git(["rev-parse", "-q", "--verify", "HEAD"], repo.top, check=False).stdout.decode().strip()


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
    from checklist.git.failure import explain

    rel = [relative(repo, p) for p in paths]
    # A file created by this command is not known to git yet; --only needs it in the index.
    added = git(["add", "--", *rel], repo.top, check=False)
    if added.returncode != 0:
        raise explain(repo, rel, added.stderr, "add")
    # The message goes on stdin: any length, any text, never an argument git or the OS could refuse.
    message = f"{subject}\n\n{trailers}\n".encode("utf-8", "surrogateescape")
    proc = git(["commit", "-q", "--only", "--no-edit", "-F", "-", "--", *rel], repo.top, check=False, input=message)
    if proc.returncode != 0:
        raise explain(repo, rel, proc.stderr, "commit")
